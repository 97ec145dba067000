import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { inputError } from '../../../shared/errors';
import { econtractLead } from '../../helpers/commonLead';
import { assertInteger, isBlank } from '../../../shared/validation';
import { econtractRequest, toOutput } from '../../transport';
import {
	PRODUCT_TYPES,
	enumMissing,
	enumNumber,
	extraFieldsJson,
	idText,
	isEnumField,
	prefixed,
	prepareFields,
	prepareParts,
	readEnum,
	readIdParameter,
	readParameters,
	str,
} from '../common';
import {
	addressFieldMap,
	addressOptions,
	addressRequired,
	checkAddress,
	checkClient,
	clientFieldMap,
	clientOptions,
	clientRequired,
} from '../fields';
import { digitFields, optionalProperties, requiredOf, requiredProperties } from './productFields';
import type { ProductType } from './productFields';

const ORDER_IDS: Record<string, string> = {
	comparison_id: 'Comparison ID',
	affiliate_id: 'Affiliate ID',
	sales_channel_id: 'Sales Channel ID',
	supplier_id: 'Supplier ID',
	product_id: 'Product ID',
};
const TYPES: ProductType[] = ['electricity', 'gas', 'dualfuel_pack'];

const idParam = (displayName: string, name: string, description: string): INodeProperties =>
	idText(displayName, name, description, { required: true });

const byName = (a: INodeProperties, b: INodeProperties) =>
	a.displayName.localeCompare(b.displayName);

// Doc "Create client" marks both phones required, but its own example leaves landline empty: one is needed.
const PHONE_HINT = 'Give a mobile or a landline number, at least one of the two';
/** The client's fields shown at the top level (required, and the two phones of which one is needed). */
const CLIENT_TOP = [...clientRequired, 'cellphone', 'landline'];
const ADDRESS_DESCRIPTIONS: Record<string, string> = {
	street: 'Street of the supply address',
	nr: 'House number of the supply address',
	postal_code: 'Postal code of the supply address',
	city: 'City of the supply address',
	country: 'Country code of the supply address (BE, NL, ...)',
};

/**
 * Entries of the Client and Address collections that held the fields now at the top level, kept
 * hidden: n8n keeps only the values of a collection's entries when it loads a workflow, so these
 * keep the values older workflows saved there (the editor never offers a hidden entry).
 */
const savedEntries = (
	fields: Record<string, INodeProperties>,
	names: string[],
): INodeProperties[] =>
	names.map((name) => ({
		displayName: fields[name].displayName,
		name,
		type: 'hidden',
		default: '',
	}));

/**
 * A group's top-level fields, with the values of workflows saved when they sat inside the
 * group's collection ("Client", "Address"): such a value is read when the top-level field is
 * empty or still at its default, so older workflows send what they sent before.
 */
function readGroup(
	ctx: IExecuteFunctions,
	top: string[],
	fields: Record<string, INodeProperties>,
	collection: IDataObject,
	itemIndex: number,
): IDataObject {
	const out: IDataObject = {};
	for (const name of top) {
		const value = ctx.getNodeParameter(name, itemIndex, undefined) as IDataObject[string];
		const old = collection[name];
		const unset = isBlank(value) || value === fields[name].default;
		out[name] = unset && !isBlank(old) ? old : value;
	}
	for (const [name, value] of Object.entries(collection))
		if (!top.includes(name)) out[name] = value;
	return out;
}

const orderOptional: INodeProperties[] = [
	str(
		'Cookie ID',
		'cookie_id',
		"ID of the visitor's cookie, given in the result of the comparison",
	),
	str('Customer Notes', 'remarks', 'Notes the customer gave while placing the order'),
	str('Internal Notes', 'internal_remarks', 'Notes of the agent, not visible to the customer'),
	extraFieldsJson,
];

// Doc "Create order": order parameters, then the product type's contract table, then the prefixed groups.
const properties: INodeProperties[] = [
	{
		displayName: 'Product Type',
		name: 'product_type',
		type: 'options',
		required: true,
		options: PRODUCT_TYPES.map(([name, value]) => ({ name, value })),
		default: 'electricity',
		description: 'Product type of the order; it decides which contract fields are shown',
	},
	idParam('Comparison ID', 'comparison_id', 'ID of the comparison used to generate the order'),
	idParam('Affiliate ID', 'affiliate_id', 'ID of the affiliate through which the order was placed'),
	idParam(
		'Sales Channel ID',
		'sales_channel_id',
		'ID of the sales channel through which the order was placed',
	),
	str('IP Address', 'ip_address', 'IP address from which the client placed the order', {
		required: true,
		placeholder: 'e.g. 192.168.1.1',
	}),
	idParam('Supplier ID', 'supplier_id', 'ID of the selected supplier'),
	idParam('Product ID', 'product_id', 'ID of the selected product'),
	{
		...enumNumber('Payment Method', 'payment_method', 'Payment method of the contract'),
		required: true,
	},
	...TYPES.flatMap(requiredProperties),
	// The client and the supply address every order needs (doc "Create order"), as top-level
	// fields named as in Client: Create and Address: Create; their optional fields in the collections.
	...clientRequired.map((name) => ({ ...clientFieldMap[name], required: true })),
	{ ...clientFieldMap.cellphone, hint: PHONE_HINT },
	clientFieldMap.landline,
	...addressRequired.map((name) => ({
		...addressFieldMap[name],
		required: true,
		description: ADDRESS_DESCRIPTIONS[name],
	})),
	{
		displayName: 'Client',
		name: 'client',
		type: 'collection',
		placeholder: 'Add Client Field',
		default: {},
		description: 'More about the client of the order',
		options: [...clientOptions(CLIENT_TOP), ...savedEntries(clientFieldMap, CLIENT_TOP)].sort(
			byName,
		),
	},
	{
		displayName: 'Address',
		name: 'address',
		type: 'collection',
		placeholder: 'Add Address Field',
		default: {},
		description: 'More about the supply address',
		options: [
			...addressOptions(addressRequired),
			...savedEntries(addressFieldMap, addressRequired),
		].sort(byName),
	},
	{
		displayName: 'Invoice Address',
		name: 'invoice_address',
		type: 'collection',
		placeholder: 'Add Invoice Address Field',
		default: {},
		description:
			'Invoice address, when it differs from the supply address; it then needs the same fields',
		options: addressOptions(),
	},
	...TYPES.map(
		(type): INodeProperties => ({
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show: { product_type: [type] } },
			options: [...orderOptional, ...optionalProperties(type)].sort(byName),
		}),
	),
];

export const requestOptions = true;
export const simplify = econtractLead;

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['create'] } },
	properties,
);

// Doc "Create order": "The CRM will make sure that no duplicate clients, addresses and orders will be created", so a resend is safe.
export const parallel = true;

/** Doc "Create order": POST /api/orders, one array with the client_, address_, invoice_address_ groups. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject[]> {
	const node = this.getNode();
	const productType = this.getNodeParameter('product_type', itemIndex) as ProductType;
	if (!TYPES.includes(productType)) {
		throw inputError(
			node,
			'product_type',
			`"${String(productType)}" is not offered. Expected electricity, gas or dualfuel_pack`,
			itemIndex,
		);
	}
	// The field table names it product_type, but every create-order example sends producttype:
	// both go, with the same value, so the CRM finds the one it reads.
	const order: IDataObject = { product_type: productType, producttype: productType };
	for (const [name, label] of Object.entries(ORDER_IDS))
		order[name] = readIdParameter(this, name, label, itemIndex);
	order.ip_address = String(this.getNodeParameter('ip_address', itemIndex, '') ?? '').trim();
	if (isBlank(order.ip_address))
		throw inputError(
			node,
			'ip_address',
			'is required and is empty. Expected an IP address, e.g. 192.168.1.1',
			itemIndex,
		);
	order.payment_method = readEnum(
		node,
		'payment_method',
		this.getNodeParameter('payment_method', itemIndex, 0),
		itemIndex,
	);
	if (order.payment_method === undefined) throw enumMissing(node, 'payment_method', itemIndex);

	const requiredNames = requiredOf(productType).map((s) => s.name);
	const { fields: contract, extra } = prepareParts(
		this,
		{
			...readParameters(this, requiredNames, itemIndex),
			...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
		},
		itemIndex,
	);
	for (const name of requiredNames) {
		if (isBlank(contract[name])) {
			if (isEnumField(name)) throw enumMissing(node, name, itemIndex);
			throw inputError(
				node,
				name,
				`is required for product type ${productType} and is empty`,
				itemIndex,
			);
		}
	}
	for (const name of digitFields(productType)) assertInteger(node, name, contract[name], itemIndex);

	const clientGroup = readGroup(
		this,
		CLIENT_TOP,
		clientFieldMap,
		this.getNodeParameter('client', itemIndex, {}) as IDataObject,
		itemIndex,
	);
	const client = prepareFields(this, clientGroup, itemIndex, 'client.');
	checkClient(node, client, itemIndex, 'client.');
	const addressGroup = readGroup(
		this,
		addressRequired,
		addressFieldMap,
		this.getNodeParameter('address', itemIndex, {}) as IDataObject,
		itemIndex,
	);
	const address = prepareFields(this, addressGroup, itemIndex, 'address.');
	checkAddress(node, address, itemIndex, 'address.');
	const invoice = prepareFields(
		this,
		this.getNodeParameter('invoice_address', itemIndex, {}) as IDataObject,
		itemIndex,
		'invoice_address.',
	);
	if (Object.keys(invoice).length) checkAddress(node, invoice, itemIndex, 'invoice_address.');

	const data: IDataObject = {
		// Both phones are marked required and the doc's examples send 'client_landline' => '': the
		// one not given goes as '' (as the address's box), not left out.
		...prefixed('client_', {
			...client,
			cellphone: client.cellphone ?? '',
			landline: client.landline ?? '',
		}),
		...prefixed('address_', { ...address, box: address.box ?? '' }),
		...(Object.keys(invoice).length
			? prefixed('invoice_address_', { ...invoice, box: invoice.box ?? '' })
			: {}),
		...order,
		...contract,
		// Extra Fields (JSON): sent as given, last (its keys replace the node's fields of the same name).
		...extra,
	};
	const answer = await econtractRequest.call(this, {
		method: 'POST',
		path: '/api/orders',
		data,
		idempotent: true,
		itemIndex,
		...requestOptions,
	});
	return toOutput(answer);
}
