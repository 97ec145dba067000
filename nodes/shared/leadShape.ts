import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

// "Simplify": one shape for a person record (lead, contact, client) whatever the CRM, so a
// workflow can read a lead from one CRM and write it to another without a mapping per CRM.
// Pure: no I/O. Field names per CRM come from the vendor docs and from what each node outputs.

export type LeadCrm = 'pilot' | 'publitrac' | 'sml' | 'econtract' | 'dataPlatform';

/** The common lead: keys always present and in this order; '' when the CRM has no value. */
export type CommonLead = {
	crm: LeadCrm;
	crmId: string;
	firstName: string;
	lastName: string;
	email: string;
	phone: string;
	mobile: string;
	company: string;
	street: string;
	postalCode: string;
	city: string;
	state: string;
	country: string;
	source: string;
	/** The record as the node outputs it without Simplify. */
	raw: IDataObject;
};

type LeadFields = Omit<CommonLead, 'crm' | 'raw'>;
/** What a mapper reads out of a record: any value, made text by toCommonLead. */
type LeadValues = { [K in keyof LeadFields]?: unknown };

const FIELD_ORDER: Array<keyof LeadFields> = [
	'crmId',
	'firstName',
	'lastName',
	'email',
	'phone',
	'mobile',
	'company',
	'street',
	'postalCode',
	'city',
	'state',
	'country',
	'source',
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

function obj(value: unknown): IDataObject | undefined {
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;
}

function firstObj(value: unknown): IDataObject | undefined {
	return Array.isArray(value) ? value.map(obj).find((v) => v !== undefined) : undefined;
}

/** The first value that is non-blank text. */
function firstText(...values: unknown[]): string {
	for (const value of values) {
		const text = leadText(value);
		if (text !== '') return text;
	}
	return '';
}

/** The non-blank texts joined, e.g. street and house number. */
function joinText(separator: string, ...values: unknown[]): string {
	return values
		.map(leadText)
		.filter((text) => text !== '')
		.join(separator);
}

/** The keys of `record` starting with `prefix`, without it (Econtract's client_ / address_ groups). */
function unprefixed(record: IDataObject, prefix: string): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(record)) if (key.startsWith(prefix)) out[key.slice(prefix.length)] = value;
	return out;
}

/** Pilot: trigger submissions (webhook fields, or ADF read back into pilot_* names). A webhook lead has no Pilot id. */
function pilot(r: IDataObject): LeadValues {
	const firstName = leadText(r.pilot_firstname);
	let lastName = joinText(' ', r.pilot_lastname, r.pilot_second_lastname);
	// An ADF <name part="full"> only: the full name is the last name, unless it starts with the first name.
	const full = leadText(r.pilot_fullname);
	if (!lastName && full) {
		if (!firstName) lastName = full;
		else if (full.startsWith(`${firstName} `)) lastName = full.slice(firstName.length + 1).trim();
	}
	return {
		crmId: '',
		firstName,
		lastName,
		email: r.pilot_email,
		phone: r.pilot_phone,
		mobile: r.pilot_cellphone,
		company: r.pilot_client_company,
		// Pilot spells the house number field with three s (doc "Parameters Description").
		street: joinText(' ', r.pilot_address_street, r.pilot_addresss_number),
		postalCode: r.pilot_address_postal_code,
		city: r.pilot_city,
		state: r.pilot_province,
		country: r.pilot_country,
		source: firstText(r.pilot_provider_service, r.provider_name, r.pilot_suborigin_id, r.pilot_origin_id),
	};
}

/** PUBLITRAC: the <lead> of getLead/getLeads/getView/getList (doc "Get lead"), parsed as strings. */
function publitrac(r: IDataObject): LeadValues {
	return {
		crmId: r.id,
		firstName: r.firstName,
		lastName: r.lastName,
		email: r.email,
		phone: r.phone,
		mobile: r.mobile,
		company: r.company,
		street: r.mailingAddress,
		postalCode: r.postalCode,
		city: r.city,
		state: r.state,
		country: r.country,
		source: firstText(r.originalSource, r.leadSource),
	};
}

/**
 * SML: a lead (doc "Consultar Lead": the person is its nested `client`) or a client of
 * "Buscar clientes". SML keeps one full `name` and one `phone`; province and locality are ids
 * with their `*_data` objects; the country is only an id.
 */
function sml(r: IDataObject): LeadValues {
	const isLead = 'client' in r || 'source_data' in r || 'vehicle' in r;
	const person = isLead ? (obj(r.client) ?? {}) : r;
	const source = obj(r.source_data);
	return {
		crmId: r.id,
		lastName: person.name,
		email: person.email,
		phone: person.phone,
		city: obj(person.location_data)?.name,
		state: obj(person.province_data)?.name,
		// The source as the Source dropdown names it (origin - channel), else its id.
		source: isLead ? firstText(joinText(' - ', obj(source?.origin_data)?.name, obj(source?.channel_data)?.name), r.source) : '',
	};
}

const ECONTRACT_CLIENT_KEYS = ['client_first_name', 'client_last_name', 'client_name', 'client_email'];

/**
 * Econtract: a client (doc "Create client" fields), a lead (same person fields, address as
 * address_*), or an order (its client nested as `client` or flat as client_*; then crmId is
 * the client's id, so Client > Get finds the person).
 */
function econtract(r: IDataObject): LeadValues {
	const nested = obj(r.client);
	const flat = ECONTRACT_CLIENT_KEYS.some((key) => key in r) ? unprefixed(r, 'client_') : undefined;
	const isOrder = nested !== undefined || flat !== undefined;
	const person = nested ?? flat ?? r;
	const address = obj(r.address) ?? obj(person.address) ?? firstObj(r.addresses) ?? firstObj(person.addresses) ?? unprefixed(r, 'address_');
	const hasParts = !!(leadText(person.first_name) || leadText(person.last_name));
	return {
		crmId: isOrder ? firstText(nested?.id, r.client_id) : r.id,
		firstName: person.first_name,
		// Only a single `name`: it is the last name.
		lastName: hasParts ? person.last_name : person.name,
		email: person.email,
		phone: firstText(person.landline, person.phone),
		mobile: person.cellphone,
		company: person.company,
		street: joinText(' ', address.street, address.nr, address.box),
		postalCode: address.postal_code,
		city: address.city,
		country: address.country,
		// "ID of the affiliate through which the order (or lead) was placed"; clients have none.
		source: firstText(r.affiliate_id, person.affiliate_id),
	};
}

/** The value of one `emails` / `phones` entry: {type?, value} or plain text. */
function entryValue(entry: unknown): string {
	return leadText(obj(entry) ? (entry as IDataObject).value : entry);
}

const isMobileEntry = (entry: unknown) => leadText(obj(entry)?.type).toLowerCase() === 'mobile';

/**
 * CRM Data Platform: the `data` of an add-/update-contact or add-/update-lead action
 * (doc 2.2.1-2.2.4), or such a `data` object itself. `type` 1 is an account: a company.
 */
function dataPlatform(r: IDataObject): LeadValues {
	const p = typeof r.actionType === 'string' && obj(r.data) ? (r.data as IDataObject) : r;
	const isAccount = leadText(p.type) === '1';
	const hasLastName = leadText(p.lastname) !== '';
	const phones = Array.isArray(p.phones) ? p.phones : [];
	const emails = Array.isArray(p.emails) ? p.emails : [];
	const address = firstObj(p.addresses) ?? {};
	const country = obj(address.country);
	return {
		crmId: p.customerId,
		firstName: isAccount || !hasLastName ? '' : p.name,
		lastName: isAccount ? '' : hasLastName ? p.lastname : p.name,
		email: firstText(...emails.map(entryValue)),
		// Phone types are Work, Home, Mobile, Other: Mobile is the mobile, the first other one the phone.
		phone: firstText(...phones.filter((e) => !isMobileEntry(e)).map(entryValue)),
		mobile: firstText(...phones.filter(isMobileEntry).map(entryValue)),
		company: isAccount ? p.name : firstText(p.companyLead, obj(p.companyContact)?.name),
		street: address.street,
		postalCode: address.zip,
		city: address.city,
		state: address.state,
		country: country ? firstText(country.name, country.code) : address.country,
		source: p.tag,
	};
}

const MAPPERS: Record<LeadCrm, (record: IDataObject) => LeadValues> = { pilot, publitrac, sml, econtract, dataPlatform };

/** One record of `crm` in the common lead shape: every key present, text trimmed, the record kept as `raw`. */
export function toCommonLead(crm: LeadCrm, record: IDataObject): CommonLead {
	const source = obj(record) ?? {};
	const values = MAPPERS[crm](source);
	const lead = { crm } as CommonLead;
	for (const key of FIELD_ORDER) lead[key] = leadText(values[key]);
	lead.raw = source;
	return lead;
}

/** The records unchanged, or each in the common lead shape when Simplify is on. */
export function simplifyRecords(simplify: boolean, crm: LeadCrm, records: IDataObject[]): IDataObject[] {
	return simplify ? records.map((record) => toCommonLead(crm, record)) : records;
}

/** An operation's records as the item's Simplify parameter asks. */
export function simplifyOutput(this: IExecuteFunctions, itemIndex: number, crm: LeadCrm, records: IDataObject[]): IDataObject[] {
	return simplifyRecords(this.getNodeParameter('simplify', itemIndex, false) === true, crm, records);
}

/** An operation's one record as the item's Simplify parameter asks. */
export function simplifyRecord(this: IExecuteFunctions, itemIndex: number, crm: LeadCrm, record: IDataObject): IDataObject {
	return this.getNodeParameter('simplify', itemIndex, false) === true ? toCommonLead(crm, record) : record;
}
