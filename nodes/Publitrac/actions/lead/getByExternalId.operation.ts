import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { inputError } from '../../../shared/errors';
import { publitracLead } from '../../helpers/commonLead';
import { isBlank } from '../../../shared/validation';
import { publitracCall, recordsOf } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		required: true,
		default: '',
		description: 'The external ID of the lead (your CRM ID, e.g. 123ABC)',
	},
];

export const requestOptions = true;
export const simplify = publitracLead;

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['getByExternalId'] } },
	properties,
);

/** GET getLeadByExternalId (doc "Get lead by external id"). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject[]> {
	const externalId = String(this.getNodeParameter('externalId', itemIndex) ?? '').trim();
	if (isBlank(externalId))
		throw inputError(this.getNode(), 'externalId', 'is required, e.g. 123ABC', itemIndex);
	const answer = await publitracCall.call(this, {
		method: 'getLeadByExternalId',
		http: 'GET',
		params: { externalId },
		idempotent: true,
		itemIndex,
		...requestOptions,
	});
	return recordsOf(answer.response, 'lead');
}
