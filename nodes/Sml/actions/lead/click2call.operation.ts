import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { readRequestOptions, requestOptionsField } from '../../../shared/descriptions';
import { smlRequest } from '../../transport';
import { readId } from '../common';

const properties: INodeProperties[] = [
	{ displayName: 'Lead ID', name: 'lead', type: 'string', required: true, default: '', placeholder: 'e.g. 1234', description: 'The ID of the lead whose client is called' },
	requestOptionsField,
];

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['click2call'] } }, properties);

/** PATCH /api/netelip/call_control_lead/click2call/ {lead} (doc "Click2Call"): places a call, so never sent twice. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const lead = readId.call(this, this.getNodeParameter('lead', itemIndex, ''), 'lead', itemIndex, true);
	return (await smlRequest.call(this, 'PATCH', '/api/netelip/call_control_lead/click2call/', { body: { lead }, itemIndex, idempotent: false, ...readRequestOptions.call(this, itemIndex) })) as IDataObject;
}
