import { parseJsonObject } from '../../shared/json';
import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { toVendorDate } from '../../shared/dates';
import { inputError } from '../../shared/errors';
import { byWholeNumberId, recordLocator } from '../../shared/locator';
import { isBlank, readId } from '../../shared/validation';
import { extraFieldsJsonField } from '../../shared/descriptions';

export const PARAMETERS_HINT =
	"Enter the value's number (1 or more): your Econtract CRM lists them on its parameters page";

/** What a value of the CRM parameters page looks like, for the errors. */
const ENUM_FORM = "must be a value from your CRM's parameters page (a whole number of 1 or more)";

/** A text field; no tooltip when the label says it all (description ''). */
export const str = (
	displayName: string,
	name: string,
	description: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	...(description ? { description } : {}),
	...extra,
});

export const num = (
	displayName: string,
	name: string,
	description: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	default: 0,
	description,
	...extra,
});

/** Labels of the enum fields (enumNumber), by API name: prepareParts and the required checks read them. */
const ENUM_LABELS = new Map<string, string>();

/**
 * An enum whose values live on the "CRM parameters page": a number with a hint, not guessed
 * options. The page's values start at 1, so the 0 the field starts with is never sent: an
 * optional one left at 0 is not sent, a required one is refused (prepareParts, requireFields).
 * No minValue: the editor's number input raises a value below it to the minimum as soon as it
 * shows the field, which would send a 1 nobody chose.
 */
export const enumNumber = (
	displayName: string,
	name: string,
	description: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties => {
	ENUM_LABELS.set(name, displayName);
	return num(displayName, name, description, { hint: PARAMETERS_HINT, ...extra });
};

/** The error for a required enum field left at 0 or empty, naming the field and the expected form. */
export function enumMissing(node: INode, name: string, itemIndex?: number, label = '') {
	return inputError(
		node,
		`${ENUM_LABELS.get(name) ?? name} (${label}${name})`,
		ENUM_FORM,
		itemIndex,
	);
}

/** Doc "Required: yes": the error for an empty field (an enum's names its expected form). */
function missing(node: INode, name: string, itemIndex?: number, label = '') {
	return ENUM_LABELS.has(name)
		? enumMissing(node, name, itemIndex, label)
		: inputError(node, `${label}${name}`, 'is required and is empty', itemIndex);
}

/**
 * A value of an enum field: undefined when 0 or empty (not given), else a whole number of 1 or
 * more (text trimmed), refused otherwise with the field named.
 */
export function readEnum(
	node: INode,
	name: string,
	value: unknown,
	itemIndex?: number,
	label = '',
): IDataObject[string] {
	if (isBlank(value)) return undefined;
	const text = String(value).trim();
	if (/^0+$/.test(text)) return undefined;
	if (!/^\d+$/.test(text))
		throw inputError(
			node,
			`${ENUM_LABELS.get(name) ?? name} (${label}${name})`,
			`${ENUM_FORM}, not "${String(value)}"`,
			itemIndex,
		);
	return typeof value === 'number' ? value : text;
}

/** Whether the field holds a value of the CRM parameters page (built with enumNumber). */
export const isEnumField = (name: string): boolean => ENUM_LABELS.has(name);

export const bool = (
	displayName: string,
	name: string,
	description: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties => ({
	displayName,
	name,
	type: 'boolean',
	default: false,
	description,
	...extra,
});

export const date = (
	displayName: string,
	name: string,
	description: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties => ({
	displayName,
	name,
	type: 'dateTime',
	default: '',
	description,
	...extra,
});

export const options = (
	displayName: string,
	name: string,
	values: Array<[string, string | number]>,
	description: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties => {
	const first = values[0][1];
	return {
		displayName,
		name,
		type: 'options',
		options: values.map(([label, value]) => ({ name: label, value })),
		default: first,
		description,
		...extra,
	};
};

export const PRODUCT_TYPES: Array<[string, string]> = [
	['Dualfuel Pack', 'dualfuel_pack'],
	['Electricity', 'electricity'],
	['Gas', 'gas'],
];

export const LANGUAGES: Array<[string, string]> = [
	['Dutch', 'nl'],
	['French', 'fr'],
];

export const extraFieldsJson: INodeProperties = extraFieldsJsonField(
	'extraFieldsJson',
	'More Econtract fields the node does not show, as a JSON object of field name to value, e.g. {"field": "value"}. Sent as given, after the other fields: a key here replaces the field of the same name.',
);

/**
 * A record ID: text, empty until filled (never a 0 that looks like an ID); checked by
 * readIdParameter (required ones) or readOptionalIds before any request.
 */
export const idText = (
	displayName: string,
	name: string,
	description: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder: 'e.g. 666',
	description,
	...extra,
});

export const idField = (what: string): INodeProperties =>
	idText(`${what} ID`, 'id', `ID of the ${what.toLowerCase()} in Econtract`, { required: true });

// Doc formats: dates "YYYY-MM-DD" (birthdate, wishdate), timestamps "YYYY-MM-DD HH:II:SS" (call_at, call_until).
const DATE_FORMATS: Record<string, string> = {
	birthdate: 'yyyy-MM-dd',
	wishdate: 'yyyy-MM-dd',
	elec_wishdate: 'yyyy-MM-dd',
	call_at: 'yyyy-MM-dd HH:mm:ss',
	call_until: 'yyyy-MM-dd HH:mm:ss',
};

/** Parses the raw JSON option; names the field and the expected form when it is not an object. */
export function parseExtraJson(node: INode, value: unknown, itemIndex: number): IDataObject {
	return parseJsonObject(node, 'Extra Fields (JSON)', value, itemIndex);
}

/**
 * Cleans user values for the wire: drops blanks, writes dates in the doc's
 * format (in the workflow's time zone); the raw JSON option apart, as it is given.
 */
export function prepareParts(
	ctx: IExecuteFunctions,
	fields: IDataObject,
	itemIndex: number,
	label = '',
): { fields: IDataObject; extra: IDataObject } {
	const out: IDataObject = {};
	const node = ctx.getNode();
	let extra: IDataObject = {};
	for (const [name, value] of Object.entries(fields)) {
		if (name === 'extraFieldsJson') {
			extra = parseExtraJson(node, value, itemIndex);
			continue;
		}
		if (ENUM_LABELS.has(name)) {
			// 0 is what the field starts with, no value of the CRM's parameters page: not sent.
			const given = readEnum(node, name, value, itemIndex, label);
			if (given !== undefined) out[name] = given;
			continue;
		}
		if (isBlank(value) || (Array.isArray(value) && value.length === 0)) continue;
		const format = DATE_FORMATS[name];
		out[name] = format
			? toVendorDate(node, value, {
					field: `${label}${name}`,
					format,
					zone: ctx.getTimezone(),
					itemIndex,
				})
			: typeof value === 'string'
				? value.trim()
				: value;
	}
	// The credential replaces these on every call: a value here would be dropped without a word.
	for (const key of CREDENTIAL_KEYS) {
		if (key in extra)
			throw inputError(
				node,
				'Extra Fields (JSON)',
				`may not set "${key}": the credential sets it`,
				itemIndex,
			);
	}
	return { fields: out, extra };
}

/** Fields the credential adds to every call (doc "Credentials"). */
export const CREDENTIAL_KEYS = ['crm_api_id', 'crm_api_key'];

/**
 * The cleaned fields with the raw JSON option merged last: "sent as they are", so a key of
 * the JSON replaces the node's field of the same name (whatever the order of the options).
 */
export function prepareFields(
	ctx: IExecuteFunctions,
	fields: IDataObject,
	itemIndex: number,
	label = '',
): IDataObject {
	const parts = prepareParts(ctx, fields, itemIndex, label);
	return { ...parts.fields, ...parts.extra };
}

/** Top-level parameters of this item, by API name. */
export function readParameters(
	ctx: IExecuteFunctions,
	names: string[],
	itemIndex: number,
): IDataObject {
	const out: IDataObject = {};
	for (const name of names)
		out[name] = ctx.getNodeParameter(name, itemIndex, undefined) as IDataObject[string];
	return out;
}

/** Doc "Required: yes": checked before any request. */
export function requireFields(
	node: INode,
	data: IDataObject,
	names: string[],
	itemIndex: number,
	label = '',
): void {
	for (const name of names) {
		if (isBlank(data[name])) throw missing(node, name, itemIndex, label);
	}
}

/**
 * A required record ID parameter (a text field, or a resource locator whose value is the ID),
 * read by the shared readId: named as the editor shows it, a positive whole number.
 */
export function readIdParameter(
	ctx: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): number {
	const value = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true });
	return readId(ctx.getNode(), `${label} (${name})`, value, itemIndex, {
		required: true,
		example: '666',
	}) as number;
}

/**
 * Optional IDs of a collection (name to label as the editor shows it): blank ones are not sent;
 * the others must be whole numbers and are sent as such. Pass the node's fields, not Extra
 * Fields (JSON): that is sent as given.
 */
export function readOptionalIds(
	node: INode,
	data: IDataObject,
	labels: Record<string, string>,
	itemIndex: number,
): void {
	for (const [name, label] of Object.entries(labels)) {
		const id = readId(node, `${label} (${name})`, data[name], itemIndex, {
			allowZero: true,
			example: '666',
		});
		if (id === undefined) delete data[name];
		else data[name] = id;
	}
}

/**
 * A client, as n8n's own CRM nodes pick a record: "From List" (searchClients: the CRM's client
 * search, so a search text is needed) or "By ID". A plain ID of an older workflow still reads.
 */
export const clientLocator = (name: string, description: string): INodeProperties =>
	recordLocator({
		displayName: 'Client',
		name,
		description,
		list: {
			searchListMethod: 'searchClients',
			placeholder: 'Search by name, email or phone...',
			searchFilterRequired: true,
		},
		typed: byWholeNumberId('client', '666'),
	});

/** Prefixes a group for the one-array order/lead body (doc "Create order": client_, address_, invoice_address_). */
export function prefixed(prefix: string, fields: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [name, value] of Object.entries(fields)) out[`${prefix}${name}`] = value;
	return out;
}
