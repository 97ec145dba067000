import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { readRequestOptions, requestOptionsField } from '../../../shared/descriptions';
import { simplifyField, simplifyRecord } from '../../../shared/leadShape';
import { smlLead } from '../../helpers/commonLead';
import { smlRequest } from '../../transport';
import { leadIdField } from './get.operation';
import { readLeadId } from '../leadLocator';

const properties: INodeProperties[] = [leadIdField, simplifyField, requestOptionsField];

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['finalize'] } },
	properties,
);

/** PATCH /api/lead/{id_lead}/ {status: "end"} (doc "Finalizar Lead"). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readLeadId.call(this, itemIndex);
	const lead = (await smlRequest.call(this, 'PATCH', `/api/lead/${id}/`, {
		body: { status: 'end' },
		itemIndex,
		idempotent: true,
		what: `lead ${id}`,
		...readRequestOptions.call(this, itemIndex),
	})) as IDataObject;
	return simplifyRecord.call(this, itemIndex, smlLead, lead);
}
