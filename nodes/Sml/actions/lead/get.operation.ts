import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { readRequestOptions, requestOptionsField } from '../../../shared/descriptions';
import { simplifyField, simplifyRecord } from '../../../shared/leadShape';
import { smlLead } from '../../helpers/commonLead';
import { smlRequest } from '../../transport';
import { readId } from '../common';

export const leadIdField: INodeProperties = {
	displayName: 'Lead ID',
	name: 'id_lead',
	// Text, empty by default (never a pre-filled 0); read as a whole number (readId).
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 1234',
	description: 'The ID of the lead, as Get Many Leads shows it',
};

const properties: INodeProperties[] = [leadIdField, simplifyField, requestOptionsField];

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['get'] } }, properties);

/** GET /api/lead/{id_lead}/ (doc "Consultar Lead"). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readId.call(this, this.getNodeParameter('id_lead', itemIndex, ''), 'id_lead', itemIndex, true);
	const lead = (await smlRequest.call(this, 'GET', `/api/lead/${id}/`, { itemIndex, idempotent: true, what: `lead ${id}`, ...readRequestOptions.call(this, itemIndex) })) as IDataObject;
	return simplifyRecord.call(this, itemIndex, smlLead, lead);
}
