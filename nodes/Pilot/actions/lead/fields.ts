import { parseJsonObject } from '../../../shared/json';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { toVendorDate } from '../../../shared/dates';
import { inputError } from '../../../shared/errors';
import {
	assertEmail,
	assertInteger,
	assertOneOf,
	compact,
	isBlank,
	toFieldString,
} from '../../../shared/validation';
import { extraFieldsJsonField } from '../../../shared/descriptions';

// The lead's pilot_* fields, shared by lead:create and lead:buildAdf.
// Names are Pilot's own field names (doc "Parameters Description").

/** A plain text field (Pilot's fields are strings on the wire). */
export const text = (
	displayName: string,
	name: string,
	description: string,
	placeholder?: string,
): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	description,
	...(placeholder ? { placeholder } : {}),
});

const consent = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'options',
	options: [
		{ name: 'Agree', value: '1' },
		{ name: 'Disagree', value: '0' },
	],
	// Consent is never given by default: the user picks Agree for a lead that agreed.
	default: '0',
	description,
});

/** Doc footnotes (1) and (2): at least one of id/code for each master; the id wins when both are given. */
export const leadTypeFields: INodeProperties[] = [
	{
		displayName: 'Contact Type ID',
		name: 'pilot_contact_type_id',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1',
		description:
			'Numeric ID of the medium by which the person is contacted, from the contact types set up in Pilot, e.g. 1 = electronic',
		hint: 'Give the Contact Type ID or the Contact Type Code (at least one). The ID wins when both are set.',
	},
	{
		displayName: 'Contact Type Code',
		name: 'pilot_contact_type_code',
		type: 'string',
		default: '',
		placeholder: 'e.g. electronic',
		description: 'Text code of the medium by which the person is contacted, e.g. "electronic"',
	},
	{
		displayName: 'Business Type ID',
		name: 'pilot_business_type_id',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1',
		description:
			'Numeric ID of the business type, from the business types set up in Pilot, e.g. 1 = new vehicles',
		hint: 'Give the Business Type ID or the Business Type Code (at least one). The ID wins when both are set.',
	},
	{
		displayName: 'Business Type Code',
		name: 'pilot_business_type_code',
		type: 'string',
		default: '',
		placeholder: 'e.g. New',
		description: 'Text code of the business type, e.g. "New"',
	},
];

// Sorted by display name below, as the editor lists them.
const leadOptionalFields: INodeProperties[] = [
	text('Apartment', 'pilot_address_department', "Lead's apartment"),
	text('Floor', 'pilot_address_floor', "Lead's apartment floor"),
	text('House Number', 'pilot_addresss_number', "Lead's street number"),
	text('Street', 'pilot_address_street', "Street name of the lead's address"),
	consent(
		'Advertising Opt-In',
		'pilot_publicity_opt_in_consent_flag',
		'Whether the lead agrees to receive advertising material through any means of contact',
	),
	text(
		'Assigned User',
		'pilot_assigned_user',
		'Pilot user account to assign the lead to; takes precedence over the capture groups',
		'e.g. nathan@example.com',
	),
	text('Best Contact Time', 'pilot_best_contact_time', 'Best time to contact the lead'),
	{
		displayName: 'Date of Birth',
		name: 'pilot_birth_date',
		type: 'dateTime',
		default: '',
		description:
			"Lead's date of birth; any date works, Pilot receives it as day/month/year (DD/MM/YY)",
	},
	text('Car Brand', 'pilot_car_brand', 'Brand of the vehicle of interest, e.g. Ford'),
	text('Car Model', 'pilot_car_modelo', 'Model of the vehicle of interest, e.g. Fiesta'),
	text('City', 'pilot_city', 'City of location, e.g. Capital Federal'),
	text('IP Address', 'pilot_client_ip', "The lead's IP address at capture time"),
	text('Company Name', 'pilot_client_company', "Name of the lead's company"),
	text('Country', 'pilot_country', 'Country of location, e.g. Argentina'),
	{
		displayName: 'Debug',
		name: 'debug',
		type: 'boolean',
		default: false,
		description: 'Whether Pilot only checks the lead without creating it (a test run)',
	},
	text('Email', 'pilot_email', "Lead's email", 'e.g. nathan@example.com'),
	extraFieldsJsonField(
		'extraFieldsJson',
		'Pilot fields this node does not list, as a flat JSON object of field name to value; sent as they are',
	),
	text('First Name', 'pilot_firstname', "Lead's first name"),
	text('Gender Code', 'pilot_gender_code', "Lead's gender code, as set up in Pilot's gender list"),
	text(
		'ID Card Number',
		'pilot_client_identity_document',
		"Number of the lead's identity document",
	),
	text('Last Name', 'pilot_lastname', "Lead's last name"),
	text('Mobile', 'pilot_cellphone', "Lead's mobile number"),
	text(
		'Notes',
		'pilot_notes',
		'Comments or observations, e.g. the vehicle or financing the person is interested in',
	),
	text(
		'Notification Email',
		'notification_email',
		'Email account that receives a copy of the submitted data',
		'e.g. nathan@example.com',
	),
	consent(
		'Notifications Opt-In',
		'pilot_notificacions_opt_in_consent_flag',
		'Whether the lead agrees to receive notifications through any means of contact',
	),
	text(
		'Origin ID',
		'pilot_origin_id',
		'Grouper of where the lead comes from (deprecated for automatic interfaces)',
	),
	text('Phone', 'pilot_phone', "Lead's telephone number"),
	text('Postal Code', 'pilot_address_postal_code', "Lead's postal code"),
	text(
		'Product Code',
		'pilot_product_code',
		"Product code of Pilot's price list; makes Pilot generate a quotation",
	),
	text(
		'Product of Interest',
		'pilot_product_of_interest',
		'Make and model of the vehicle of interest',
	),
	text(
		'Provider Service',
		'pilot_provider_service',
		'Name of the service that provides the lead (used for routing to capture groups)',
	),
	text('Provider URL', 'pilot_provider_url', 'URL of the service that collected the lead'),
	text('Province', 'pilot_province', 'Province of location, e.g. Buenos Aires'),
	text('Second Last Name', 'pilot_second_lastname', "Lead's second (maternal) last name"),
	text(
		'Suborigin ID',
		'pilot_suborigin_id',
		'Code of the primary source of the lead, from the "Leads Source" report, e.g. 1 (landing)',
	),
	text('Tracking ID', 'pilot_tracking_id', 'GUID or unique ID identifying the lead at its origin'),
	text(
		'Vendor Email',
		'pilot_vendor_email',
		'Email of the lead vendor or provider',
		'e.g. nathan@example.com',
	),
	text('Vendor Name', 'pilot_vendor_name', 'Name of the lead vendor or provider'),
	text('Vendor Phone', 'pilot_vendor_phone', 'Phone of the lead vendor or provider'),
];

export const leadAdditionalFields: INodeProperties[] = [...leadOptionalFields].sort((a, b) =>
	a.displayName.localeCompare(b.displayName),
);

const DISPLAY_NAMES: Record<string, string> = Object.fromEntries(
	[...leadTypeFields, ...leadAdditionalFields].map((p) => [p.name, `${p.displayName} (${p.name})`]),
);

/** Extra fields given as JSON: a flat object; values are sent as strings. */
export function readExtraFields(
	this: IExecuteFunctions,
	raw: unknown,
	itemIndex: number,
	reserved: string[],
): Record<string, string> {
	const value = parseJsonObject(this.getNode(), 'Extra Fields (JSON)', raw, itemIndex);
	const out: Record<string, string> = {};
	for (const [key, v] of Object.entries(value as IDataObject)) {
		if (reserved.includes(key)) {
			throw inputError(
				this.getNode(),
				'Extra Fields (JSON)',
				`may not set "${key}" (the node sets it)`,
				itemIndex,
			);
		}
		if (v !== null && typeof v === 'object') {
			throw inputError(
				this.getNode(),
				'Extra Fields (JSON)',
				`field "${key}" must be a text, number or boolean, not an object or list`,
				itemIndex,
			);
		}
		if (!isBlank(v)) out[key] = toFieldString(v);
	}
	return out;
}

/**
 * Reads and checks the lead's fields for one item, before any request:
 * the doc's (1)/(2) one-of rules, numeric IDs, emails, birth date as DD/MM/YY.
 */
export function readLeadFields(
	this: IExecuteFunctions,
	itemIndex: number,
	options: { requireTypes: boolean } = { requireTypes: true },
): Record<string, string> {
	const node = this.getNode();
	const fields: Record<string, unknown> = {};
	for (const p of leadTypeFields) fields[p.name] = this.getNodeParameter(p.name, itemIndex, '');
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const { extraFieldsJson, ...rest } = additional;
	Object.assign(fields, rest);

	if (options.requireTypes) {
		assertOneOf(
			node,
			{
				pilot_contact_type_id: fields.pilot_contact_type_id,
				pilot_contact_type_code: fields.pilot_contact_type_code,
			},
			'give the Contact Type ID or the Contact Type Code',
			itemIndex,
		);
		assertOneOf(
			node,
			{
				pilot_business_type_id: fields.pilot_business_type_id,
				pilot_business_type_code: fields.pilot_business_type_code,
			},
			'give the Business Type ID or the Business Type Code',
			itemIndex,
		);
	}
	assertInteger(node, DISPLAY_NAMES.pilot_contact_type_id, fields.pilot_contact_type_id, itemIndex);
	assertInteger(
		node,
		DISPLAY_NAMES.pilot_business_type_id,
		fields.pilot_business_type_id,
		itemIndex,
	);
	for (const email of ['pilot_email', 'notification_email', 'pilot_vendor_email']) {
		assertEmail(node, DISPLAY_NAMES[email], fields[email], itemIndex);
	}
	if (!isBlank(fields.pilot_birth_date)) {
		fields.pilot_birth_date = toVendorDate(node, fields.pilot_birth_date, {
			field: DISPLAY_NAMES.pilot_birth_date,
			format: 'dd/MM/yy',
			vendorFormats: ['dd/MM/yyyy', 'd/M/yy', 'd/M/yyyy'],
			zone: this.getTimezone(),
			itemIndex,
		});
	}
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(compact(fields))) out[key] = toFieldString(value);
	return {
		...readExtraFields.call(this, extraFieldsJson, itemIndex, ['appkey', 'action']),
		...out,
	};
}
