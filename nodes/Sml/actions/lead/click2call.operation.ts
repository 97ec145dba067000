import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { leadLocator, readLeadId } from '../leadLocator';
import { smlRequest } from '../../transport';

const properties: INodeProperties[] = [leadLocator('lead', 'The lead whose client is called')];

export const requestOptions = true;

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['click2call'] } },
	properties,
);

/** PATCH /api/netelip/call_control_lead/click2call/ {lead} (doc "Click2Call"): places a call, so never sent twice. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject> {
	const lead = readLeadId.call(this, itemIndex, 'lead');
	return (await smlRequest.call(this, 'PATCH', '/api/netelip/call_control_lead/click2call/', {
		body: { lead },
		itemIndex,
		idempotent: false,
		...requestOptions,
	})) as IDataObject;
}
