import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { econtractRequest, toOutput } from '../../transport';
import { idField, readIdParameter } from '../common';

const properties: INodeProperties[] = [
	{ ...idField('Supplier'), hint: 'Supplier IDs are on the CRM parameters page' },
];

export const requestOptions = true;

export const description = updateDisplayOptions(
	{ show: { resource: ['supplier'], operation: ['getRating'] } },
	properties,
);

/** Doc "Get supplier ratings": GET /api/suppliers/{id}/rating. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject[]> {
	const id = readIdParameter(this, 'id', 'Supplier ID', itemIndex);
	const answer = await econtractRequest.call(this, {
		method: 'GET',
		path: `/api/suppliers/${id}/rating`,
		idempotent: true,
		itemIndex,
		...requestOptions,
	});
	return toOutput(answer);
}
