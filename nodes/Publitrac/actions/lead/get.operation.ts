import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { readRequestOptions, requestOptionsField } from '../../../shared/descriptions';
import { simplifyField, simplifyOutput } from '../../../shared/leadShape';
import { publitracLead } from '../../helpers/commonLead';
import { leadLocator, readLeadEmail } from '../leadLocator';
import { publitracCall, recordsOf } from '../../transport';

const properties: INodeProperties[] = [
	leadLocator('The lead to get, found by its email address'),
	simplifyField,
	requestOptionsField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['get'] } },
	properties,
);

/** GET getLead by email (doc "Get lead"). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const email = readLeadEmail.call(this, itemIndex);
	const answer = await publitracCall.call(this, {
		method: 'getLead',
		http: 'GET',
		params: { email },
		idempotent: true,
		itemIndex,
		...readRequestOptions.call(this, itemIndex),
	});
	return simplifyOutput.call(this, itemIndex, publitracLead, recordsOf(answer.response, 'lead'));
}
