import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { econtractRequest, toOutput } from '../../transport';
import { idField, readIdParameter } from '../common';

const properties: INodeProperties[] = [idField('Address')];

export const requestOptions = true;

export const description = updateDisplayOptions(
	{ show: { resource: ['address'], operation: ['get'] } },
	properties,
);

/** Doc "Get address": GET /api/addresses/{id}. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject[]> {
	const id = readIdParameter(this, 'id', 'Address ID', itemIndex);
	const answer = await econtractRequest.call(this, {
		method: 'GET',
		path: `/api/addresses/${id}`,
		idempotent: true,
		itemIndex,
		...requestOptions,
	});
	return toOutput(answer);
}
