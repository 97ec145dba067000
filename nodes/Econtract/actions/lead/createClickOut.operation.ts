import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { inputError } from '../../../shared/errors';
import { econtractLead } from '../../helpers/commonLead';
import { assertEmail } from '../../../shared/validation';
import { econtractRequest, toOutput } from '../../transport';
import {
	extraFieldsJson,
	idText,
	prepareFields,
	readOptionalIds,
	readParameters,
	requireFields,
	str,
} from '../common';

const REQUIRED = ['first_name', 'last_name', 'email'];

// Doc "Click-out lead" ("coming soon"): the fields of its example.
const properties: INodeProperties[] = [
	str('First Name', 'first_name', '', { required: true }),
	str('Last Name', 'last_name', '', { required: true }),
	str('Email', 'email', 'Email address of the lead', {
		required: true,
		placeholder: 'e.g. nathan@example.com',
	}),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			extraFieldsJson,
			idText('Product ID', 'product_id', 'ID of the product'),
			idText('Product Type ID', 'product_type_id', 'ID of the product type'),
			idText('Supplier ID', 'supplier_id', 'ID of the supplier'),
			str('URL', 'url', 'Web address the lead clicked out to', {
				placeholder: 'e.g. https://example.com/offer',
			}),
		],
	},
];

export const requestOptions = true;
export const simplify = econtractLead;

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['createClickOut'] } },
	properties,
);

export const parallel = true;

/** Doc "Click-out lead": POST /api/leads/clickOut. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject[]> {
	const node = this.getNode();
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	readOptionalIds(
		node,
		additional,
		{ product_id: 'Product ID', product_type_id: 'Product Type ID', supplier_id: 'Supplier ID' },
		itemIndex,
	);
	const data = prepareFields(
		this,
		{ ...readParameters(this, REQUIRED, itemIndex), ...additional },
		itemIndex,
	);
	requireFields(node, data, REQUIRED, itemIndex);
	assertEmail(node, 'email', data.email, itemIndex);
	if (data.url !== undefined && !/^https?:\/\/\S+$/i.test(String(data.url))) {
		throw inputError(
			node,
			'url',
			`"${String(data.url)}" is not a web address. Expected http:// or https://...`,
			itemIndex,
		);
	}
	const answer = await econtractRequest.call(this, {
		method: 'POST',
		path: '/api/leads/clickOut',
		data,
		idempotent: false,
		itemIndex,
		...requestOptions,
	});
	return toOutput(answer);
}
