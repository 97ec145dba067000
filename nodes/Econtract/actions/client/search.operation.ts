import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { inputError } from '../../../shared/errors';
import { econtractLead } from '../../helpers/commonLead';
import { isBlank } from '../../../shared/validation';
import { econtractRequest, toOutput } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Query',
		name: 'query',
		type: 'string',
		required: true,
		default: '',
		description: 'Text to look for in clients (name, email, phone ...)',
	},
];

export const requestOptions = true;
export const simplify = econtractLead;

export const description = updateDisplayOptions(
	{ show: { resource: ['client'], operation: ['search'] } },
	properties,
);

/** Vendor client (contract "Econtract"): POST /api/clients/search with `query`; one item per client found. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject[]> {
	const query = String(this.getNodeParameter('query', itemIndex, '') ?? '').trim();
	if (isBlank(query))
		throw inputError(this.getNode(), 'query', 'is required: the text to search for', itemIndex);
	const answer = await econtractRequest.call(this, {
		method: 'POST',
		path: '/api/clients/search',
		data: { query },
		idempotent: true,
		itemIndex,
		...requestOptions,
	});
	return toOutput(answer);
}
