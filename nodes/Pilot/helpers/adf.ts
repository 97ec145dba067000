import { parseXml, renderXml } from '../../shared/xml';
import type { XmlNode } from '../../shared/xml';

// The ADF document of the doc's "Email integration": the union of its two
// templates ("Parameters" and the PHP example), every tag present, blank when
// empty ("If any data is not sent, the tag must be reported blank").

const el = (name: string, text = '', attributes?: Record<string, string>): XmlNode => ({ name, text, attributes });
const join = (...parts: Array<string | undefined>): string => parts.filter((p) => p && p.length).join(' ');

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
									el('name', join(f.pilot_firstname, f.pilot_lastname, f.pilot_second_lastname), { part: 'full' }),
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

type Tree = Record<string, unknown>;

const textOf = (value: unknown): string => {
	if (value === undefined || value === null) return '';
	if (typeof value === 'object') {
		const t = (value as Tree)['#text'];
		return t === undefined ? '' : String(t);
	}
	return String(value);
};

const child = (tree: unknown, name: string): Tree | undefined => {
	const v = tree && typeof tree === 'object' ? (tree as Tree)[name] : undefined;
	if (Array.isArray(v)) return v[0] as Tree;
	return v && typeof v === 'object' ? (v as Tree) : v === undefined ? undefined : ({ '#text': v } as Tree);
};

/**
 * Reads an ADF document back into Pilot's field names (what the trigger emits),
 * so an ADF email body and a webhook submission give items of the same shape.
 * Returns undefined when the text is not well-formed XML with an <adf> root.
 */
export function parseAdfXml(xml: string): Record<string, string> | undefined {
	const doc = parseXml(xml);
	const adf = doc ? child(doc, 'adf') : undefined;
	if (!adf) return undefined;
	const prospect = child(adf, 'prospect') ?? {};
	const vehicle = child(prospect, 'vehicle') ?? {};
	const customer = child(prospect, 'customer') ?? {};
	const contact = child(customer, 'contact') ?? {};
	const address = child(contact, 'address') ?? {};
	const vendor = child(prospect, 'vendor') ?? {};
	const vendorContact = child(vendor, 'contact') ?? {};
	const provider = child(prospect, 'provider') ?? {};
	const format = child(adf, 'format') ?? {};
	const names = ([] as unknown[]).concat((contact as Tree).name ?? []);
	const namePart = (part: string): string =>
		textOf(names.find((n) => n && typeof n === 'object' && (n as Tree)['@_part'] === part));
	const vendorNames = ([] as unknown[]).concat((vendorContact as Tree).name ?? []);

	const out: Record<string, string> = {
		requestdate: textOf(prospect.requestdate),
		pilot_firstname: namePart('first'),
		pilot_lastname: namePart('last'),
		pilot_fullname: namePart('full'),
		pilot_email: textOf(contact.email),
		pilot_phone: textOf(contact.phone),
		pilot_cellphone: textOf(contact.cellphone),
		pilot_international_phone: textOf(contact.international_phone),
		pilot_car_brand: textOf(vehicle.brand) || textOf(vehicle.make),
		pilot_car_modelo: textOf(vehicle.model),
		pilot_address_street: textOf(address.street),
		pilot_city: textOf(address.city),
		pilot_province: textOf(address.province) || textOf(address.regioncode),
		pilot_address_postal_code: textOf(address.postalcode),
		pilot_country: textOf(address.country),
		pilot_notes: textOf(customer.comments),
		pilot_vendor_name: textOf(vendor.vendorname) || textOf(vendorNames[0]),
		pilot_vendor_email: textOf(vendorContact.email),
		pilot_vendor_phone: textOf(vendorContact.phone),
		provider_name: textOf(provider.name),
		pilot_provider_service: textOf(provider.service),
		pilot_provider_url: textOf(provider.url),
		notification_email: textOf(provider.notification_email),
		debug: textOf(provider.debug),
		formtype: textOf(format.formtype),
		key: textOf(format.key),
	};
	for (const k of Object.keys(out)) if (out[k] === '') delete out[k];
	return out;
}
