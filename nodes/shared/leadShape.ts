import type { IDataObject, INodeProperties } from 'n8n-workflow';

// "Simplify": one shape for a person record (lead, contact, client) whatever the CRM, so a
// workflow can read a lead from one CRM and write it to another without a mapping per CRM.
// Pure: no I/O. Each CRM owns its mapper (nodes/<Crm>/helpers/commonLead.ts), which reads the
// fields out of its records; this file keeps the shape and applies a mapper.

/**
 * The common lead: at most ten fields a lead flow needs, keys always present and in this order;
 * '' when the CRM has no value. The whole record is what Simplify off gives.
 */
export type CommonLead = {
	id: string;
	firstName: string;
	lastName: string;
	email: string;
	phone: string;
	mobile: string;
	company: string;
	postalCode: string;
	city: string;
	country: string;
};

/** What a mapper reads out of a record: any value, made text by toCommonLead. */
export type LeadValues = { [K in keyof CommonLead]?: unknown };

/** One CRM's way into the common lead: its field mapper. */
export type LeadMapper = {
	map: (record: IDataObject) => LeadValues;
};

const FIELD_ORDER: Array<keyof CommonLead> = [
	'id',
	'firstName',
	'lastName',
	'email',
	'phone',
	'mobile',
	'company',
	'postalCode',
	'city',
	'country',
];

/** The one "Simplify" parameter of every operation and trigger whose output items are people. */
export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

/** A value as text: strings trimmed, finite numbers as digits; null, booleans, objects and arrays give ''. */
export function leadText(value: unknown): string {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'bigint') return value.toString();
	return '';
}

/** The value when it is a plain object. */
export function obj(value: unknown): IDataObject | undefined {
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as IDataObject)
		: undefined;
}

/** The first plain object of an array. */
export function firstObj(value: unknown): IDataObject | undefined {
	return Array.isArray(value) ? value.map(obj).find((v) => v !== undefined) : undefined;
}

/** The first value that is non-blank text. */
export function firstText(...values: unknown[]): string {
	for (const value of values) {
		const text = leadText(value);
		if (text !== '') return text;
	}
	return '';
}

/** The non-blank texts joined, e.g. street and house number. */
export function joinText(separator: string, ...values: unknown[]): string {
	return values
		.map(leadText)
		.filter((text) => text !== '')
		.join(separator);
}

/** One record in the common lead shape through `mapper`: every key present, text trimmed. */
export function toCommonLead(mapper: LeadMapper, record: IDataObject): CommonLead {
	const values = mapper.map(obj(record) ?? {});
	const lead = {} as CommonLead;
	for (const key of FIELD_ORDER) lead[key] = leadText(values[key]);
	return lead;
}

/** The records unchanged, or each in the common lead shape when Simplify is on. */
export function simplifyRecords(
	simplify: boolean,
	mapper: LeadMapper,
	records: IDataObject[],
): IDataObject[] {
	return simplify ? records.map((record) => toCommonLead(mapper, record)) : records;
}
