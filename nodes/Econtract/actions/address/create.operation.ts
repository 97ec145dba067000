import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { econtractRequest, toOutput } from '../../transport';
import {
	clientLocator,
	extraFieldsJson,
	prepareFields,
	readIdParameter,
	readParameters,
} from '../common';
import { addressFieldMap, addressOptions, addressRequired, checkAddress } from '../fields';

const topLevel = ['street', 'nr', 'box', 'postal_code', 'city', 'country'];

const properties: INodeProperties[] = [
	clientLocator('client_id', 'The client to whom the address belongs'),
	...topLevel.map((name) =>
		addressRequired.includes(name)
			? { ...addressFieldMap[name], required: true }
			: addressFieldMap[name],
	),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [...addressOptions(topLevel), extraFieldsJson].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	},
];

export const requestOptions = true;

export const description = updateDisplayOptions(
	{ show: { resource: ['address'], operation: ['create'] } },
	properties,
);

// Doc "Create address": the CRM dedupes addresses itself, so resending cannot duplicate.
export const parallel = true;

/** Doc "Create address": POST /api/addresses. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject[]> {
	const node = this.getNode();
	const client_id = readIdParameter(this, 'client_id', 'Client', itemIndex);
	const fields = prepareFields(
		this,
		{
			...readParameters(this, topLevel, itemIndex),
			...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
		},
		itemIndex,
	);
	checkAddress(node, fields, itemIndex);
	// box is sent even when empty: the doc marks it required and its example sends ''.
	const data: IDataObject = { client_id, ...fields, box: fields.box ?? '' };
	const answer = await econtractRequest.call(this, {
		method: 'POST',
		path: '/api/addresses',
		data,
		idempotent: true,
		itemIndex,
		...requestOptions,
	});
	return toOutput(answer);
}
