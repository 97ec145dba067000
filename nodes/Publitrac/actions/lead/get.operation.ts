import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { publitracLead } from '../../helpers/commonLead';
import { leadLocator, readLeadEmail } from '../leadLocator';
import { publitracCall, recordsOf } from '../../transport';

const properties: INodeProperties[] = [leadLocator('The lead to get, found by its email address')];

export const requestOptions = true;
export const simplify = publitracLead;

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['get'] } },
	properties,
);

/** GET getLead by email (doc "Get lead"). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject[]> {
	const email = readLeadEmail.call(this, itemIndex);
	const answer = await publitracCall.call(this, {
		method: 'getLead',
		http: 'GET',
		params: { email },
		idempotent: true,
		itemIndex,
		...requestOptions,
	});
	return recordsOf(answer.response, 'lead');
}
