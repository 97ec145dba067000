import { parseXml, renderXml } from '../../shared/xml';
import type { XmlNode } from '../../shared/xml';

// The ADF document of the doc's "Email integration": the union of its two
// templates ("Parameters" and the PHP example), every tag present, blank when
// empty ("If any data is not sent, the tag must be reported blank").

const el = (name: string, text = '', attributes?: Record<string, string>): XmlNode => ({
	name,
	text,
	attributes,
});
const join = (...parts: Array<string | undefined>): string =>
	parts.filter((p) => p && p.length).join(' ');

export interface AdfInput {
	fields: Record<string, string>;
	requestDate: string;
	providerName?: string;
}

export function buildAdfXml({ fields: f, requestDate, providerName }: AdfInput): string {
	const tree: XmlNode = {
		name: 'adf',
		children: [
			{
				name: 'prospect',
				children: [
					el('requestdate', requestDate),
					{
						name: 'vehicle',
						children: [
							el('id'),
							el('year'),
							el('brand', f.pilot_car_brand),
							el('make', f.pilot_car_brand),
							el('model', f.pilot_car_modelo),
							el('vin'),
							el('stock'),
							el('trim'),
							el('price', '', { type: 'asking' }),
						],
					},
					{
						name: 'customer',
						children: [
							{
								name: 'contact',
								children: [
									el('name', join(f.pilot_firstname, f.pilot_lastname, f.pilot_second_lastname), {
										part: 'full',
									}),
									el('name', f.pilot_firstname, { part: 'first' }),
									el('name', join(f.pilot_lastname, f.pilot_second_lastname), { part: 'last' }),
									el('email', f.pilot_email),
									el('phone', f.pilot_phone),
									el('cellphone', f.pilot_cellphone),
									el('international_phone'),
									{
										name: 'address',
										children: [
											el('street', join(f.pilot_address_street, f.pilot_addresss_number)),
											el('city', f.pilot_city),
											el('province', f.pilot_province),
											el('regioncode'),
											el('postalcode', f.pilot_address_postal_code),
											el('country', f.pilot_country),
										],
									},
								],
							},
							{ name: 'comments', cdata: f.pilot_notes ?? '' },
						],
					},
					{
						name: 'vendor',
						children: [
							el('vendorname', f.pilot_vendor_name),
							{
								name: 'contact',
								children: [
									el('name', f.pilot_vendor_name, { part: 'full' }),
									el('email', f.pilot_vendor_email),
									el('phone', f.pilot_vendor_phone),
								],
							},
						],
					},
					{
						name: 'provider',
						children: [
							el('name', providerName),
							el('service', f.pilot_provider_service),
							el('notification_email', f.notification_email),
							el('debug', f.debug === '1' ? '1' : '0'),
							{ name: 'url', cdata: f.pilot_provider_url ?? '' },
						],
					},
				],
			},
			{
				name: 'format',
				children: [el('formtype', 'pilot'), el('formversion', '1'), el('key')],
			},
		],
	};
	return `<?xml version="1.0" encoding="UTF-8"?>\n<?adf version="1.0"?>\n${renderXml(tree)}\n`;
}

// ---------------------------------------------------------------------------------------------
// Reading ADF documents (the trigger). ADF 1.0's DTD repeats several elements: a <contact> has
// name+ and phone+ (type voice|fax|cellphone|pager, time morning|afternoon|evening|nopreference|
// day), an <adf> several <prospect>, a <prospect> several <vehicle> (interest buy|lease|sell|
// trade-in|test-drive) and <id sequence source>. Real senders add more (Pilot's <cellphone>,
// several <email>, <street line="2">). Each is read as a list, so no datum is lost; the first of
// each kind also fills the pilot_* field the webhook submissions use.
// ---------------------------------------------------------------------------------------------

type Tree = Record<string, unknown>;

/** One phone of the contact, as the document gives it (type and time: the DTD's defaults when absent). */
export interface AdfPhone {
	value: string;
	type: string;
	time: string;
	preferred: boolean;
}

export interface AdfEmail {
	value: string;
	preferred: boolean;
}

/** What the trigger emits for one prospect: pilot_* texts, and lists for the repeated elements. */
export type AdfFields = Record<string, string | AdfPhone[] | AdfEmail[] | Tree[] | Tree>;

const ATTR = '@_';
const TEXT = '#text';

/** Every occurrence of `name` under `tree` (one element parses as a value, several as an array). */
const all = (tree: unknown, name: string): unknown[] => {
	if (!tree || typeof tree !== 'object') return [];
	const v = (tree as Tree)[name];
	return v === undefined ? [] : Array.isArray(v) ? v : [v];
};

const first = (tree: unknown, name: string): unknown => all(tree, name)[0];

const textOf = (value: unknown): string => {
	if (value === undefined || value === null) return '';
	if (typeof value === 'object') {
		const t = (value as Tree)[TEXT];
		return t === undefined ? '' : String(t).trim();
	}
	return String(value).trim();
};

const attr = (value: unknown, name: string): string =>
	value && typeof value === 'object' ? String((value as Tree)[`${ATTR}${name}`] ?? '').trim() : '';

/** The text of the first occurrence of `name` that has any. */
const firstText = (tree: unknown, name: string): string => {
	for (const v of all(tree, name)) {
		const t = textOf(v);
		if (t) return t;
	}
	return '';
};

/**
 * An element as plain JSON: text alone as a string; attributes (without "@_") and children as
 * keys, the text as `value`; a repeated child as an array. Empty elements are dropped.
 */
function plain(value: unknown): unknown {
	if (value === undefined || value === null) return undefined;
	if (Array.isArray(value)) {
		const list = value.map(plain).filter((v) => v !== undefined);
		return list.length ? list : undefined;
	}
	if (typeof value !== 'object') {
		const t = String(value).trim();
		return t === '' ? undefined : t;
	}
	const out: Tree = {};
	let content = false;
	for (const [key, inner] of Object.entries(value as Tree)) {
		if (key === TEXT) {
			const t = String(inner).trim();
			if (t) out.value = t;
			content ||= t !== '';
		} else if (key.startsWith(ATTR)) {
			const t = String(inner).trim();
			if (t) out[key.slice(ATTR.length)] = t;
		} else {
			const v = plain(inner);
			if (v !== undefined) out[key] = v;
			content ||= v !== undefined;
		}
	}
	// Attributes alone carry no datum: a blank <street line="2"/> or <price type="asking"/>.
	return content ? out : undefined;
}

/** An element as a JSON object (see plain), undefined when it holds no datum. */
const plainRecord = (value: unknown): Tree | undefined => {
	const p = plain(value);
	if (p === undefined) return undefined;
	return typeof p === 'object' && !Array.isArray(p) ? (p as Tree) : { value: p };
};

const phonesOf = (contact: unknown): AdfPhone[] => {
	const list: AdfPhone[] = [];
	const add = (v: unknown, type: string) => {
		const value = textOf(v);
		if (value)
			list.push({
				value,
				type,
				time: attr(v, 'time') || 'nopreference',
				preferred: attr(v, 'preferredcontact') === '1',
			});
	};
	// doc DTD: <phone type> defaults to "voice", <phone time> to "nopreference".
	for (const p of all(contact, 'phone')) add(p, attr(p, 'type').toLowerCase() || 'voice');
	// Pilot's template adds <cellphone> and <international_phone> to the contact.
	for (const p of all(contact, 'cellphone')) add(p, 'cellphone');
	for (const p of all(contact, 'international_phone')) add(p, 'international');
	return list;
};

// A phone whose type is none of the DTD's other kinds is a voice line (senders write "phone", "home", "work").
const NOT_VOICE = new Set(['cellphone', 'fax', 'pager', 'international']);

/** The vehicle the lead wants: the first one not traded in or sold (the DTD's default interest is "buy"). */
const wantedVehicle = (vehicles: unknown[]): unknown =>
	vehicles.find((v) => !['trade-in', 'sell'].includes(attr(v, 'interest').toLowerCase()));

const joinText = (separator: string, values: string[]): string =>
	values.filter((v) => v !== '').join(separator);

/** One <prospect> (and the document's <format>) read into the trigger's fields. */
function readProspect(prospect: unknown, format: unknown): AdfFields {
	const customer = first(prospect, 'customer');
	const contacts = all(customer, 'contact');
	const contact = contacts[0];
	const address = first(contact, 'address');
	const vehicles = all(prospect, 'vehicle');
	const vehicle = wantedVehicle(vehicles);
	const vendor = first(prospect, 'vendor');
	const vendorContact = first(vendor, 'contact');
	const provider = first(prospect, 'provider');
	const names = all(contact, 'name');
	// doc DTD: <name part> defaults to "full".
	const namePart = (part: string): string => {
		for (const n of names)
			if ((attr(n, 'part').toLowerCase() || 'full') === part && textOf(n)) return textOf(n);
		return '';
	};
	const phones = phonesOf(contact);
	const emails: AdfEmail[] = all(contact, 'email')
		.map((e) => ({ value: textOf(e), preferred: attr(e, 'preferredcontact') === '1' }))
		.filter((e) => e.value !== '');
	const voice = phones.find((p) => !NOT_VOICE.has(p.type));
	const cell = phones.find((p) => p.type === 'cellphone');
	const international = phones.find((p) => p.type === 'international');
	const ids = [
		...all(prospect, 'id').map((id) => ({ id, of: 'prospect' })),
		...all(customer, 'id').map((id) => ({ id, of: 'customer' })),
		...contacts.flatMap((c) => all(c, 'id')).map((id) => ({ id, of: 'contact' })),
	]
		.map(({ id, of }) => ({
			value: textOf(id),
			sequence: attr(id, 'sequence'),
			source: attr(id, 'source'),
			of,
		}))
		.filter((id) => id.value !== '');
	const vendorNames = all(vendorContact, 'name');

	const out: AdfFields = {
		requestdate: firstText(prospect, 'requestdate'),
		pilot_firstname: namePart('first'),
		pilot_lastname: namePart('last'),
		pilot_fullname: namePart('full'),
		pilot_email: emails[0]?.value ?? '',
		pilot_phone: voice?.value ?? '',
		pilot_cellphone: cell?.value ?? '',
		pilot_international_phone: international?.value ?? '',
		pilot_car_brand: firstText(vehicle, 'brand') || firstText(vehicle, 'make'),
		pilot_car_modelo: firstText(vehicle, 'model'),
		pilot_address_street: joinText(', ', all(address, 'street').map(textOf)),
		pilot_city: firstText(address, 'city'),
		pilot_province: firstText(address, 'province') || firstText(address, 'regioncode'),
		pilot_address_postal_code: firstText(address, 'postalcode'),
		pilot_country: firstText(address, 'country'),
		pilot_notes: joinText('\n', all(customer, 'comments').map(textOf)),
		pilot_vendor_name:
			firstText(vendor, 'vendorname') || textOf(vendorNames.find((n) => textOf(n))),
		pilot_vendor_email: firstText(vendorContact, 'email'),
		pilot_vendor_phone: firstText(vendorContact, 'phone'),
		provider_name: firstText(provider, 'name'),
		pilot_provider_service: firstText(provider, 'service'),
		pilot_provider_url: firstText(provider, 'url'),
		notification_email: firstText(provider, 'notification_email'),
		debug: firstText(provider, 'debug'),
		formtype: firstText(format, 'formtype'),
		key: firstText(format, 'key'),
	};
	for (const k of Object.keys(out)) if (out[k] === '') delete out[k];
	// The lists: every datum of the repeated elements, blank ones left out.
	if (phones.length) out.adf_phones = phones;
	if (emails.length) out.adf_emails = emails;
	const nameList = names
		.map((n) => ({
			value: textOf(n),
			part: attr(n, 'part').toLowerCase() || 'full',
			type: attr(n, 'type') || 'individual',
		}))
		.filter((n) => n.value !== '');
	if (nameList.length) out.adf_names = nameList;
	if (ids.length) out.adf_ids = ids;
	const vehicleList = vehicles.map(plainRecord).filter((v): v is Tree => v !== undefined);
	if (vehicleList.length) out.adf_vehicles = vehicleList;
	const addressRecord = plainRecord(address);
	if (addressRecord) out.adf_address = addressRecord;
	const timeframe = plainRecord(first(customer, 'timeframe'));
	if (timeframe) out.adf_timeframe = timeframe;
	// A second <contact> of the customer (the DTD allows one; senders add a co-buyer).
	const others = contacts
		.slice(1)
		.map(plainRecord)
		.filter((v): v is Tree => v !== undefined);
	if (others.length) out.adf_other_contacts = others;
	const vendorRecord = plainRecord(vendor);
	if (vendorRecord) out.adf_vendor = vendorRecord;
	const providerRecord = plainRecord(provider);
	if (providerRecord) out.adf_provider = providerRecord;
	return out;
}

// Before <adf>: any XML declaration, the <?adf version="1.0"?> instruction (either first, any
// case), comments and blank lines. Real senders put the ADF instruction before the XML
// declaration, or leave the declaration out, or indent it: XML itself allows none of that,
// so the prolog is read here and only the document from <adf> on goes to the XML parser.
const PROLOG =
	/^\uFEFF?(?:\s+|<\?[^?]*(?:\?(?!>)[^?]*)*\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>)*/i;

/** Whether a body is an ADF document: its first element is <adf>, after the prolog. */
export function looksLikeAdf(text: string): boolean {
	return /^<adf[\s>/]/i.test(text.replace(PROLOG, ''));
}

/**
 * Reads an ADF document into Pilot's field names (what the trigger emits), one entry per
 * <prospect>, so an ADF email body and a webhook submission give items of the same shape.
 * Returns undefined when the text is not well-formed XML with an <adf> root.
 */
export function parseAdfDocument(xml: string): AdfFields[] | undefined {
	const body = xml.replace(PROLOG, '');
	const doc = /^<adf[\s>/]/.test(body) ? parseXml(body) : undefined;
	const adf = doc ? first(doc, 'adf') : undefined;
	if (adf === undefined) return undefined;
	const format = first(adf, 'format');
	const prospects = all(adf, 'prospect');
	return (prospects.length ? prospects : [{}]).map((p) => readProspect(p, format));
}

/** The first prospect of an ADF document (see parseAdfDocument). */
export function parseAdfXml(xml: string): AdfFields | undefined {
	return parseAdfDocument(xml)?.[0];
}
