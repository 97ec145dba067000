import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { smlLead } from '../../helpers/commonLead';
import { smlRequest } from '../../transport';
import { leadIdField } from './get.operation';
import { readLeadId } from '../leadLocator';

const properties: INodeProperties[] = [leadIdField];

export const requestOptions = true;
export const simplify = smlLead;

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['finalize'] } },
	properties,
);

/** PATCH /api/lead/{id_lead}/ {status: "end"} (doc "Finalizar Lead"). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject> {
	const id = readLeadId.call(this, itemIndex);
	const lead = (await smlRequest.call(this, 'PATCH', `/api/lead/${id}/`, {
		body: { status: 'end' },
		itemIndex,
		idempotent: true,
		what: `lead ${id}`,
		...requestOptions,
	})) as IDataObject;
	return lead;
}
