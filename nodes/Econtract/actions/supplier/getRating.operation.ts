import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { readRequestOptions, requestOptionsField } from '../../../shared/descriptions';
import { econtractRequest, toOutput } from '../../transport';
import { idField, readIdParameter } from '../common';

const properties: INodeProperties[] = [
	{ ...idField('Supplier'), hint: 'Supplier IDs are on the CRM parameters page' },
	requestOptionsField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['supplier'], operation: ['getRating'] } },
	properties,
);

/** Doc "Get supplier ratings": GET /api/suppliers/{id}/rating. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const id = readIdParameter(this, 'id', 'Supplier ID', itemIndex);
	const answer = await econtractRequest.call(this, {
		method: 'GET',
		path: `/api/suppliers/${id}/rating`,
		idempotent: true,
		itemIndex,
		...readRequestOptions.call(this, itemIndex),
	});
	return toOutput(answer);
}
