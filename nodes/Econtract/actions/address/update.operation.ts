import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { inputError } from '../../../shared/errors';
import { econtractRequest, toOutput } from '../../transport';
import { extraFieldsJson, idField, prepareFields, readIdParameter } from '../common';
import { addressOptions } from '../fields';

const properties: INodeProperties[] = [
	idField('Address'),
	{
		displayName: 'Update Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [...addressOptions(), extraFieldsJson].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	},
];

export const requestOptions = true;

export const description = updateDisplayOptions(
	{ show: { resource: ['address'], operation: ['update'] } },
	properties,
);

/** Vendor client (contract "Econtract"): POST /api/addresses/{id} with the changed fields. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject[]> {
	const node = this.getNode();
	const id = readIdParameter(this, 'id', 'Address ID', itemIndex);
	const data = prepareFields(
		this,
		this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject,
		itemIndex,
	);
	if (Object.keys(data).length === 0)
		throw inputError(node, 'Update Fields', 'add at least one field to change', itemIndex);
	const answer = await econtractRequest.call(this, {
		method: 'POST',
		path: `/api/addresses/${id}`,
		data,
		idempotent: true,
		itemIndex,
		...requestOptions,
	});
	return toOutput(answer);
}
