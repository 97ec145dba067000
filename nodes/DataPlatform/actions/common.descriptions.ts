import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { extraFieldsJsonField, requestOptionsField } from '../../shared/descriptions';

// Fields several Data Platform actions share. Names are the doc's own field
// names (doc 2.2.1 "Data structure for the action of adding a new Contact/Account").
// The lists below are shown sorted by name (the values are the platform's own words).

export const EMAIL_PHONE_TYPES = ['Home', 'Mobile', 'Other', 'Work'];
export const ADDRESS_TYPES = ['Home', 'Other', 'Work'];
export const IM_PROTOCOLS = ['Facebook', 'Hangouts', 'Other', 'Skype', 'Viber', 'Yahoo'];
// doc 2.2.7 "channel": the channels the doc lists (plus "Contact Form", used in its sample).
export const TICKET_CHANNELS = [
	'Contact Form',
	'Email',
	'Kite Call',
	'Kite Chat',
	'Kite Facebook',
	'Kite Skype',
	'Kite Viber',
	'Phone',
	'Web Contact Form',
];

export const byName = (a: INodeProperties, b: INodeProperties) =>
	a.displayName.localeCompare(b.displayName);

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

/** `emails` / `phones`: [{type, value}] (doc: 4 types Work, Home, Mobile, Other); company lists carry {value} only. */
export function typedList(name: 'emails' | 'phones', typed = true): INodeProperties {
	const isEmail = name === 'emails';
	const fields: INodeProperties[] = [
		{
			displayName: isEmail ? 'Email' : 'Phone Number',
			name: 'value',
			type: 'string',
			default: '',
			placeholder: isEmail ? 'e.g. nathan@example.com' : 'e.g. 0905000001',
			...(isEmail ? { description: 'Email address' } : {}),
		},
	];
	if (typed) {
		fields.unshift({
			displayName: 'Type',
			name: 'type',
			type: 'options',
			options: EMAIL_PHONE_TYPES.map((t) => ({ name: t, value: t })),
			default: 'Work',
			description: isEmail ? 'Email type' : 'Phone type',
		});
	}
	return {
		displayName: isEmail ? 'Emails' : 'Phones',
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: isEmail ? 'Add Email' : 'Add Phone',
		default: {},
		options: [{ displayName: isEmail ? 'Email' : 'Phone', name: 'values', values: fields }],
	};
}

export const addressesField: INodeProperties = {
	displayName: 'Addresses',
	name: 'addresses',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Address',
	default: {},
	options: [
		{
			displayName: 'Address',
			name: 'values',
			values: [
				{
					displayName: 'Type',
					name: 'type',
					type: 'options',
					options: ADDRESS_TYPES.map((t) => ({ name: t, value: t })),
					default: 'Work',
					description: 'Kind of address',
				},
				text('Street', 'street', 'Street name'),
				text('City', 'city', 'City name'),
				text('State', 'state', 'State name'),
				text('Postal Code', 'zip', 'Postal or ZIP code'),
				{
					displayName: 'Country',
					name: 'country',
					type: 'collection',
					placeholder: 'Add Country Field',
					default: {},
					options: [
						text('Code', 'code', 'Two-letter country code', 'e.g. VN'),
						text('Name', 'name', 'Country name', 'e.g. Vietnam'),
					],
				},
			],
		},
	],
};

export const websitesField: INodeProperties = {
	displayName: 'Websites',
	name: 'websites',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Website',
	default: {},
	options: [
		{
			displayName: 'Website',
			name: 'values',
			values: [text('Website', 'value', 'Website address', 'e.g. example.com')],
		},
	],
};

export const imField: INodeProperties = {
	displayName: 'IM',
	name: 'im',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add IM Account',
	default: {},
	options: [
		{
			displayName: 'IM Account',
			name: 'values',
			values: [
				{
					displayName: 'Protocol',
					name: 'protocol',
					type: 'options',
					options: IM_PROTOCOLS.map((p) => ({ name: p, value: p })),
					default: 'Skype',
					description: 'Messaging service of the account',
				},
				text('Value', 'value', 'User name or URL for this message type'),
			],
		},
	],
};

export const cusFieldsField: INodeProperties = {
	displayName: 'Custom Fields',
	name: 'cusFields',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Custom Field',
	default: {},
	options: [
		{
			displayName: 'Custom Field',
			name: 'values',
			values: [
				text(
					'Name',
					'name',
					'Custom field name as configured in CRM Data Platform',
					'e.g. Referred By',
				),
				{
					displayName: 'Field Type',
					name: 'fieldType',
					type: 'options',
					options: [
						{
							name: 'Checkbox / Inline Checkbox',
							value: 'checkbox',
							description: "One or several of the field's choices",
						},
						{ name: 'Date', value: 'date', description: 'A date, with its time and time zone' },
						{ name: 'Text', value: 'text', description: 'Sent as it is' },
					],
					default: 'text',
					description:
						'Type of the custom field in CRM Data Platform; decides how the value is written',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					description:
						'Value of the custom field. Checkbox: values separated by | (e.g. Dog|Cat), or a list; a comma stays part of its value. Date: an n8n date or ISO date such as 2019-07-08T00:00:00+07:00.',
				},
			],
		},
	],
};

export const permitField: INodeProperties = {
	displayName: 'Permit',
	name: 'permit',
	type: 'collection',
	placeholder: 'Add Sharing Setting',
	default: {},
	description: 'Who may see the record',
	options: [
		{
			displayName: 'Group',
			name: 'group',
			type: 'string',
			default: '',
			displayOptions: { show: { status: [3] } },
			description: 'Name of a group of your CRM organization',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: [
				{ name: 'Everybody', value: 1 },
				{
					name: 'Me and Group',
					value: 3,
					description: 'The sender user and the members of a group',
				},
				{ name: 'Me and Users', value: 4, description: 'The sender user and the users you list' },
				{ name: 'Only Me', value: 2, description: 'The sender user only' },
			],
			default: 1,
		},
		{
			displayName: 'Users',
			name: 'users',
			type: 'string',
			default: '',
			displayOptions: { show: { status: [4] } },
			placeholder: 'e.g. nathan@example.com, anna@example.com',
			description: 'Emails of users of your CRM organization, separated by commas',
		},
	],
};

export const genderField: INodeProperties = {
	displayName: 'Gender',
	name: 'gender',
	type: 'options',
	options: [
		{ name: 'Female', value: 1 },
		{ name: 'Male', value: 0 },
		{ name: 'Other', value: 2 },
	],
	default: 2,
};

/** Gender where it may stay unset (then nothing is sent): a deal's contact. */
export const optionalGenderField: INodeProperties = {
	...genderField,
	options: [
		...(genderField.options as INodePropertyOptions[]),
		{ name: 'Not Set', value: '' },
	].sort((x, y) => x.name.localeCompare(y.name)),
	default: '',
};

export const dateOfBirthField: INodeProperties = {
	displayName: 'Date of Birth',
	name: 'dateOfBirth',
	type: 'dateTime',
	default: '',
	description:
		'Any date; the platform receives it as a full date and time, e.g. "Fri Jan 01 1993 00:00:00 GMT+0700"',
};

export const extraFieldsJson: INodeProperties = extraFieldsJsonField(
	'extraFieldsJson',
	'Fields this node does not list, as a JSON object merged into the record\'s data (e.g. {"contactType": "customer"}); sent as they are',
);

/** Contact/Account fields of doc 2.2.1, optional for every contact-like action. */
export function personFields(): INodeProperties[] {
	return [
		addressesField,
		text('Background Info', 'bgInfo', 'More information about the person'),
		cusFieldsField,
		dateOfBirthField,
		typedList('emails'),
		extraFieldsJson,
		genderField,
		imField,
		text('Last Name', 'lastname', 'Family name of the person'),
		text('Passport', 'passport', 'Passport or ID number; used to find duplicates'),
		typedList('phones'),
		text('Tag', 'tag', 'Tags separated by commas, e.g. tag_1, tag_2'),
		text('Title', 'title', 'Job title or form of address, e.g. Sales Manager'),
		websitesField,
	];
}

/** `type`: 0 Contact (or Lead), 1 Account (doc 2.2.1 "type"). */
export const recordTypeField = (description: string): INodeProperties => ({
	displayName: 'Type',
	name: 'type',
	type: 'options',
	options: [
		{ name: 'Account', value: 1 },
		{ name: 'Contact', value: 0 },
	],
	default: 0,
	description,
});

/** The envelope's `senderUser` (doc 2.2: email of a user of the CRM org). */
export const senderUserField: INodeProperties = {
	displayName: 'Sender User',
	name: 'senderUser',
	type: 'string',
	default: '',
	placeholder: 'e.g. nathan@example.com',
	description:
		'Email of a user of your CRM organization that sends the data. Leave empty to use the Default Sender User of the credential.',
};

/** Request Options with Batch Size; batches go one after the other, so Parallel Requests does not apply. */
export const batchRequestOptionsField: INodeProperties = {
	...requestOptionsField,
	options: [
		{
			displayName: 'Batch Size',
			name: 'batchSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 1000 },
			default: 50,
			description:
				'How many input items are sent to the listener in one request. A failed batch fails only its own items.',
		},
		...(requestOptionsField.options ?? []).filter((o) => o.name !== 'parallelRequests'),
	].sort((a, b) =>
		(a as INodeProperties).displayName.localeCompare((b as INodeProperties).displayName),
	) as INodeProperties[],
};
