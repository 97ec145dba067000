import { parseJsonObject } from '../../shared/json';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { toVendorDate } from '../../shared/dates';
import { inputError } from '../../shared/errors';
import { assertEmail, assertInteger, isBlank, toFieldString } from '../../shared/validation';
import { isXmlName } from '../../shared/xml';
import type { XmlNode } from '../../shared/xml';
import { extraFieldsJsonField } from '../../shared/descriptions';

// doc "Format": dates are yyyy-mm-dd (the writable date fields are dates, not date-times).
export const DATE_FORMAT = 'yyyy-MM-dd';

const flag = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'boolean',
	default: false,
	description: `Whether ${description}`,
});
const text = (displayName: string, name: string, description?: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	...(description ? { description } : {}),
});
const integer = (displayName: string, name: string): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	default: 0,
});

/** The lead fields of syncLead's example (doc "Sync Lead") plus keyword and dateOfBirth of the answers; sorted by display name. */
export const leadFieldOptions: INodeProperties[] = [
	flag('Blacklisted', 'blacklisted', 'the lead is blacklisted'),
	text('Blacklisted Cause', 'blacklistedCause'),
	text('City', 'city'),
	text('Company Name', 'company'),
	text('Country', 'country', 'The two-letter country code (ISO 3166-1), e.g. CA, FR or US'),
	text('CRM Lead ID', 'crmLeadId', 'The ID of the lead in your own system (its external ID)'),
	text('Customer ID', 'customerId'),
	{
		displayName: 'Date of Birth',
		name: 'dateOfBirth',
		type: 'dateTime',
		default: '',
		description: 'Only the date is kept, not the time',
	},
	flag('Do Not Call', 'doNotCall', 'the lead must not be called'),
	text('Do Not Call Reason', 'doNotCallReason'),
	flag('Email Invalid', 'emailInvalid', 'the email address is known to be invalid'),
	text('Email Invalid Cause', 'emailInvalidCause'),
	extraFieldsJsonField(
		'extraFields',
		'Other PUBLITRAC lead fields, as a JSON object of field name to value, e.g. {"status": "Active"}; a name starts with a letter or underscore and holds only letters, digits, underscores, dots or hyphens. Fields you added to leads go in Custom Fields.',
	),
	text('Fax', 'fax'),
	text('First Name', 'firstName'),
	flag('Is Anonymous', 'isAnonymous', 'the lead is anonymous'),
	flag('Is Customer', 'isCustomer', 'the lead is a customer'),
	text('Job Title', 'jobTitle'),
	text('Keyword', 'keyword'),
	{
		...text('Language', 'language', "The lead's language, as a two-letter code"),
		placeholder: 'e.g. fr',
	},
	text('Last Name', 'lastName'),
	text('Lead Source', 'leadSource'),
	text('Mailing Address', 'mailingAddress'),
	text('Middle Name', 'middleName'),
	text('Mobile', 'mobile'),
	text('Notes', 'notes'),
	integer('Number of Employees', 'nbrEmployees'),
	text('Original Source', 'originalSource'),
	text('Original Source Type', 'originalSourceType'),
	text('Phone', 'phone'),
	text('Postal Code', 'postalCode'),
	integer('Revenue', 'revenue'),
	integer('Score', 'score'),
	text('State', 'state'),
	flag('Suspended', 'suspended', 'the lead is suspended'),
	text('Suspended Reason', 'suspendedReason'),
	// A visitor's tracking cookie identifies their browsing session: masked like n8n masks every token.
	{
		...text('Token', 'token', 'The PUBLITRAC tracking cookie of the lead'),
		typeOptions: { password: true },
	},
	text('Unsubscribe Cause', 'unsubscribeCause'),
	text('Unsubscribe Reason', 'unsubscribeReason'),
	flag('Unsubscribed', 'unsubscribed', 'the lead unsubscribed'),
	text('Website', 'website'),
];

export const customFieldsField: INodeProperties = {
	displayName: 'Custom Fields',
	name: 'customFields',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Custom Field',
	default: {},
	description:
		'Fields you added to leads in PUBLITRAC; a name starts with a letter or underscore and holds only letters, digits, underscores, dots or hyphens (e.g. carColor)',
	options: [
		{
			displayName: 'Field',
			name: 'field',
			values: [
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					description: 'The custom field name, e.g. carColor',
				},
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
};

const INTEGER_FIELDS = ['score', 'nbrEmployees', 'revenue'];
// Appendix error lines 9007: these must be 0 or 1.
const FLAG_FIELDS = [
	'doNotCall',
	'unsubscribed',
	'isCustomer',
	'isAnonymous',
	'emailInvalid',
	'suspended',
	'blacklisted',
];

function flagValue(
	ctx: IExecuteFunctions,
	name: string,
	value: unknown,
	itemIndex: number,
): string {
	if (value === true || value === 'true' || value === 1 || value === '1') return '1';
	if (value === false || value === 'false' || value === 0 || value === '0') return '0';
	throw inputError(
		ctx.getNode(),
		name,
		`"${String(value)}" must be 0 or 1 (or true/false)`,
		itemIndex,
	);
}

/** One lead as the <lead> element of syncLead/addLead/updateLead, with the doc's checks done before sending. */
export interface LeadInput {
	email: unknown;
	fields: IDataObject;
	customFields: IDataObject;
	/** Fields that came from Extra Fields (JSON): their errors name that parameter. */
	extraKeys?: string[];
}

function checkName(ctx: IExecuteFunctions, field: string, name: string, itemIndex: number): void {
	if (!isXmlName(name)) {
		throw inputError(
			ctx.getNode(),
			field,
			`"${name}" is not a valid XML element name. Expected a letter or _ first, then letters, digits, _ . or - (e.g. carColor)`,
			itemIndex,
		);
	}
}

/** Reads email, additionalFields and customFields of an item. */
export function readLeadInput(this: IExecuteFunctions, itemIndex: number): LeadInput {
	const additional = {
		...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
	};
	const extra = parseJsonObject(
		this.getNode(),
		'Extra Fields (JSON)',
		additional.extraFields,
		itemIndex,
	);
	delete additional.extraFields;
	if (Object.prototype.hasOwnProperty.call(extra, 'email')) {
		throw inputError(
			this.getNode(),
			'Extra Fields (JSON)',
			'may not set "email": the lead email has its own field (Email, or Lead on Update)',
			itemIndex,
		);
	}
	const rows = ((this.getNodeParameter('customFields', itemIndex, {}) as IDataObject).field ??
		[]) as IDataObject[];
	const customFields: IDataObject = {};
	for (const row of rows) {
		const name = String(row.name ?? '').trim();
		if (!name) {
			// A value without a name would be dropped without a word.
			if (isBlank(row.value)) continue;
			throw inputError(
				this.getNode(),
				'Custom Fields (customFields)',
				'a field has a value but no Name. Give each custom field its name, e.g. carColor',
				itemIndex,
			);
		}
		customFields[name] = row.value as string;
	}
	return {
		email: this.getNodeParameter('email', itemIndex),
		fields: { ...additional, ...extra },
		customFields,
		extraKeys: Object.keys(extra),
	};
}

/** Builds <lead>: email first, then the given fields in order; blanks left out; names and formats checked. */
export function leadElement(
	this: IExecuteFunctions,
	input: LeadInput,
	itemIndex: number,
	emailRequired = true,
): XmlNode {
	const node = this.getNode();
	if (emailRequired && isBlank(input.email)) {
		// doc "Sync Lead", frequent errors: the <email> field cannot be empty or invalid.
		throw inputError(
			node,
			'email',
			'is required. Expected the lead email address, e.g. john@acme.com',
			itemIndex,
		);
	}
	assertEmail(
		node,
		'email',
		typeof input.email === 'string' ? input.email.trim() : input.email,
		itemIndex,
	);
	const children: XmlNode[] = [];
	if (!isBlank(input.email)) children.push({ name: 'email', text: String(input.email).trim() });
	for (const [name, value] of Object.entries(input.fields)) {
		if (name === 'email' || isBlank(value)) continue;
		// A field of Extra Fields (JSON) is named with it, so the user knows where to look.
		const label = input.extraKeys?.includes(name) ? `Extra Fields (JSON) > ${name}` : name;
		checkName(this, label, name, itemIndex);
		if (INTEGER_FIELDS.includes(name)) assertInteger(node, label, value, itemIndex);
		let out: string;
		if (FLAG_FIELDS.includes(name)) out = flagValue(this, label, value, itemIndex);
		else if (name === 'dateOfBirth')
			out = toVendorDate(node, value, { field: label, format: DATE_FORMAT, itemIndex });
		else if (value && typeof value === 'object') {
			throw inputError(
				node,
				label,
				'must be a text, number or boolean value, not an object',
				itemIndex,
			);
		} else out = toFieldString(value);
		children.push({ name, text: out });
	}
	const custom: XmlNode[] = [];
	for (const [name, value] of Object.entries(input.customFields)) {
		checkName(this, `customFields.${name}`, name, itemIndex);
		if (isBlank(value)) continue;
		custom.push({ name, text: toFieldString(value) });
	}
	if (custom.length) children.push({ name: 'customFields', children: custom });
	return { name: 'lead', children };
}

/** Emails from a list parameter: an array, or text separated by commas, semicolons or new lines. */
export function readEmails(
	this: IExecuteFunctions,
	field: string,
	value: unknown,
	itemIndex: number,
): string[] {
	const list = Array.isArray(value)
		? value.map((v) => String(v ?? ''))
		: String(value ?? '').split(/[\s,;]+/);
	const emails = list.map((e) => e.trim()).filter((e) => e !== '');
	if (!emails.length)
		throw inputError(
			this.getNode(),
			field,
			'at least one email address is required, e.g. john@acme.com',
			itemIndex,
		);
	for (const email of emails) assertEmail(this.getNode(), field, email, itemIndex);
	return emails;
}
