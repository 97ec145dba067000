import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { econtractRequest, toOutput } from '../../transport';
import { idField, readIdParameter } from '../common';

const properties: INodeProperties[] = [idField('Contract')];

export const requestOptions = true;

export const description = updateDisplayOptions(
	{ show: { resource: ['contract'], operation: ['get'] } },
	properties,
);

/** Doc "Get contract": GET /api/contracts/{id}. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject[]> {
	const id = readIdParameter(this, 'id', 'Contract ID', itemIndex);
	const answer = await econtractRequest.call(this, {
		method: 'GET',
		path: `/api/contracts/${id}`,
		idempotent: true,
		itemIndex,
		...requestOptions,
	});
	return toOutput(answer);
}
