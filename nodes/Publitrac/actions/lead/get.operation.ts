import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { readRequestOptions, requestOptionsField } from '../../../shared/descriptions';
import { inputError } from '../../../shared/errors';
import { simplifyField, simplifyOutput } from '../../../shared/leadShape';
import { publitracLead } from '../../helpers/commonLead';
import { assertEmail, isBlank } from '../../../shared/validation';
import { publitracCall, recordsOf } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. nathan@example.com',
		required: true,
		default: '',
		description: 'The email address of the lead',
	},
	simplifyField,
	requestOptionsField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['get'] } },
	properties,
);

/** GET getLead by email (doc "Get lead"). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const email = String(this.getNodeParameter('email', itemIndex) ?? '').trim();
	if (isBlank(email))
		throw inputError(this.getNode(), 'email', 'is required, e.g. john@acme.com', itemIndex);
	assertEmail(this.getNode(), 'email', email, itemIndex);
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
