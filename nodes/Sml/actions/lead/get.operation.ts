import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { smlLead } from '../../helpers/commonLead';
import { smlRequest } from '../../transport';
import { leadLocator, readLeadId } from '../leadLocator';

export const leadIdField: INodeProperties = leadLocator(
	'id_lead',
	'The lead to act on: pick it from the list, or enter its ID',
);

const properties: INodeProperties[] = [leadIdField];

export const requestOptions = true;
export const simplify = smlLead;

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['get'] } },
	properties,
);

/** GET /api/lead/{id_lead}/ (doc "Consultar Lead"). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject> {
	const id = readLeadId.call(this, itemIndex);
	const lead = (await smlRequest.call(this, 'GET', `/api/lead/${id}/`, {
		itemIndex,
		idempotent: true,
		what: `lead ${id}`,
		...requestOptions,
	})) as IDataObject;
	return lead;
}
