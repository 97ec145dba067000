import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { readRequestOptions, requestOptionsField } from '../../../shared/descriptions';
import { simplifyField, simplifyOutput } from '../../../shared/leadShape';
import { econtractLead } from '../../helpers/commonLead';
import { econtractRequest, toOutput } from '../../transport';
import { clientLocator, readIdParameter } from '../common';

const properties: INodeProperties[] = [
	clientLocator('id', 'The client to get'),
	simplifyField,
	requestOptionsField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['client'], operation: ['get'] } },
	properties,
);

/** Doc "Get client": GET /api/clients/{id}. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const id = readIdParameter(this, 'id', 'Client', itemIndex);
	const answer = await econtractRequest.call(this, {
		method: 'GET',
		path: `/api/clients/${id}`,
		idempotent: true,
		itemIndex,
		...readRequestOptions.call(this, itemIndex),
	});
	return simplifyOutput.call(this, itemIndex, econtractLead, toOutput(answer));
}
