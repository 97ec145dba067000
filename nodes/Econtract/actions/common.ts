import { parseJsonObject } from '../../shared/json';
import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { toVendorDate } from '../../shared/dates';
import { inputError } from '../../shared/errors';
import { isBlank } from '../../shared/validation';
import { extraFieldsJsonField } from '../../shared/descriptions';

export const PARAMETERS_HINT = "Enter the value's number: your Econtract CRM lists them on its parameters page";

/** A text field; no tooltip when the label says it all (description ''). */
export const str = (displayName: string, name: string, description: string, extra: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	...(description ? { description } : {}),
	...extra,
});

export const num = (displayName: string, name: string, description: string, extra: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	default: 0,
	description,
	...extra,
});

/** An enum whose values live on the "CRM parameters page": a number with a hint, not guessed options. */
export const enumNumber = (displayName: string, name: string, description: string, extra: Partial<INodeProperties> = {}): INodeProperties =>
	num(displayName, name, description, { hint: PARAMETERS_HINT, ...extra });

export const bool = (displayName: string, name: string, description: string, extra: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName,
	name,
	type: 'boolean',
	default: false,
	description,
	...extra,
});

export const date = (displayName: string, name: string, description: string, extra: Partial<INodeProperties> = {}): INodeProperties => ({
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

export const extraFieldsJson: INodeProperties = extraFieldsJsonField('extraFieldsJson', 'More Econtract fields the node does not show, as a JSON object of field name to value, e.g. {"field": "value"}. Sent as given, after the other fields: a key here replaces the field of the same name.');

/**
 * A record ID: text, empty until filled (never a 0 that looks like an ID); checked by requireId
 * (required ones) or checkOptionalIds before any request.
 */
export const idText = (displayName: string, name: string, description: string, extra: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder: 'e.g. 666',
	description,
	...extra,
});

export const idField = (what: string): INodeProperties => idText(`${what} ID`, 'id', `ID of the ${what.toLowerCase()} in Econtract`, { required: true });

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
export function prepareParts(ctx: IExecuteFunctions, fields: IDataObject, itemIndex: number, label = ''): { fields: IDataObject; extra: IDataObject } {
	const out: IDataObject = {};
	const node = ctx.getNode();
	let extra: IDataObject = {};
	for (const [name, value] of Object.entries(fields)) {
		if (name === 'extraFieldsJson') {
			extra = parseExtraJson(node, value, itemIndex);
			continue;
		}
		if (isBlank(value) || (Array.isArray(value) && value.length === 0)) continue;
		const format = DATE_FORMATS[name];
		out[name] = format
			? toVendorDate(node, value, { field: `${label}${name}`, format, zone: ctx.getTimezone(), itemIndex })
			: typeof value === 'string'
				? value.trim()
				: value;
	}
	// The credential replaces these on every call: a value here would be dropped without a word.
	for (const key of CREDENTIAL_KEYS) {
		if (key in extra) throw inputError(node, 'Extra Fields (JSON)', `may not set "${key}": the credential sets it`, itemIndex);
	}
	return { fields: out, extra };
}

/** Fields the credential adds to every call (doc "Credentials"). */
export const CREDENTIAL_KEYS = ['crm_api_id', 'crm_api_key'];

/**
 * The cleaned fields with the raw JSON option merged last: "sent as they are", so a key of
 * the JSON replaces the node's field of the same name (whatever the order of the options).
 */
export function prepareFields(ctx: IExecuteFunctions, fields: IDataObject, itemIndex: number, label = ''): IDataObject {
	const parts = prepareParts(ctx, fields, itemIndex, label);
	return { ...parts.fields, ...parts.extra };
}

/** Top-level parameters of this item, by API name. */
export function readParameters(ctx: IExecuteFunctions, names: string[], itemIndex: number): IDataObject {
	const out: IDataObject = {};
	for (const name of names) out[name] = ctx.getNodeParameter(name, itemIndex, undefined) as IDataObject[string];
	return out;
}

/** Doc "Required: yes": checked before any request. */
export function requireFields(node: INode, data: IDataObject, names: string[], itemIndex: number, label = ''): void {
	for (const name of names) {
		if (isBlank(data[name])) throw inputError(node, `${label}${name}`, 'is required and is empty', itemIndex);
	}
}

/**
 * A positive whole number, e.g. an ID (doc type integer). A number (workflows saved when the IDs
 * were number fields) is returned as it is; text as its trimmed digits, sent as typed.
 */
export function requireId(node: INode, field: string, value: unknown, itemIndex: number): number | string {
	if (isBlank(value)) throw inputError(node, field, 'is required and is empty. Expected a positive whole number, e.g. 666', itemIndex);
	if (typeof value === 'number') {
		if (!Number.isInteger(value) || value <= 0) throw inputError(node, field, `"${String(value)}" is not a valid ID. Expected a positive whole number, e.g. 666`, itemIndex);
		return value;
	}
	const text = String(value).trim();
	if (!/^\d+$/.test(text) || !/[1-9]/.test(text)) {
		throw inputError(node, field, `"${String(value)}" is not a valid ID. Expected a positive whole number, e.g. 666`, itemIndex);
	}
	return text;
}

/**
 * Optional IDs (text fields, blank ones not sent): when given, whole numbers; numbers from older
 * workflows sent as before. Pass the node's fields, not Extra Fields (JSON): that is sent as given.
 */
export function checkOptionalIds(node: INode, data: IDataObject, names: string[], itemIndex: number): void {
	for (const name of names) {
		const value = data[name];
		if (isBlank(value) || typeof value === 'number') continue;
		if (!/^\d+$/.test(String(value).trim())) throw inputError(node, name, `"${String(value)}" is not a valid ID. Expected a whole number, e.g. 666`, itemIndex);
	}
}

/** Prefixes a group for the one-array order/lead body (doc "Create order": client_, address_, invoice_address_). */
export function prefixed(prefix: string, fields: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [name, value] of Object.entries(fields)) out[`${prefix}${name}`] = value;
	return out;
}
