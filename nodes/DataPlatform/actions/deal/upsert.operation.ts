import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { assertEmail, isBlank } from '../../../shared/validation';
import {
	pick,
	readCusFields,
	readDateOfBirth,
	readExtraFields,
	readNumberOption,
	readPermit,
	readPerson,
	readTimestamp,
	requireText,
	splitList,
} from '../../helpers/build';
import type { BuildContext } from '../../helpers/build';
import { listenerAction } from '../../transport';
import {
	batchRequestOptionsField,
	byName,
	cusFieldsField,
	dateOfBirthField,
	extraFieldsJson,
	optionalGenderField,
	permitField,
	personFields,
	recordTypeField,
	senderUserField,
	text,
} from '../common.descriptions';

const contactTypeField: INodeProperties = {
	displayName: 'Contact Type',
	name: 'contactType',
	type: 'options',
	options: [
		{ name: 'Customer (Contact/Account)', value: 'customer' },
		{ name: 'Lead', value: 'lead' },
	],
	default: 'customer',
	description:
		"Lead when the Customer ID is a lead's code (LID-...); Customer for contacts and accounts",
};

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Booking-ID #0003',
		description: 'Name of the deal (order)',
		hint: 'With a Deal ID, the platform updates the deal with that ID or else creates a new deal; without one, it updates the deal with this name or else creates a new deal',
	},
	{
		displayName: 'Deal ID',
		name: 'dealId',
		type: 'string',
		default: '',
		description:
			'ID of an existing deal to update. When no deal has this ID, a new deal is added, even if a deal has the same name; items with a Deal ID are therefore not sent again after a timeout or a server error, so as not to add the deal twice.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			text(
				'Category',
				'category',
				'Name of a deal category configured in your CRM organization',
				'e.g. UI Design',
			),
			{
				displayName: 'Close Date',
				name: 'closeDate',
				type: 'dateTime',
				default: '',
				description: 'End date of the deal',
			},
			text(
				'Currency',
				'currency',
				'A currency of the list available in CRM Data Platform',
				'e.g. VND',
			),
			cusFieldsField,
			text('Description', 'description', 'Description of the deal'),
			extraFieldsJson,
			text(
				'Package',
				'package',
				'Name of a package configured in your CRM organization',
				'e.g. Package A',
			),
			text(
				'Stage',
				'stage',
				'Name of a stage configured in your CRM organization. A new deal needs one: set it unless the deal already exists.',
			),
			{
				displayName: 'Value',
				name: 'value',
				type: 'number',
				default: 0,
				description: 'Value of the deal, e.g. 50000',
			},
		],
	},
	{
		displayName: 'Deal With',
		name: 'dealWith',
		type: 'collection',
		placeholder: 'Add Customer Field',
		default: {},
		description:
			'The customer of the deal; required when the deal is created. When it is not found, the platform creates it from these fields.',
		options: [
			...personFields().filter((p) => p.name !== 'extraFieldsJson'),
			contactTypeField,
			text(
				'Customer ID',
				'customerId',
				'Code of the customer: a PID for a contact, an LID for a lead (then set Contact Type to Lead)',
				'e.g. LID-123',
			),
			text('Name', 'name', 'Customer name; needed to create a new customer'),
			recordTypeField('Contact for a lead or a person, Account for a company'),
		].sort(byName),
	},
	{
		displayName: 'Contacts',
		name: 'contacts',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Related Contact',
		default: {},
		description: 'Related customers of the deal; the platform creates those it does not find',
		options: [
			{
				displayName: 'Contact',
				name: 'values',
				values: (
					[
						recordTypeField('Contact for a lead or a person, Account for a company'),
						text('Name', 'name', 'Customer name'),
						text('Last Name', 'lastname', 'Customer last name'),
						text('Title', 'title', 'Job title or form of address, e.g. Sales Manager'),
						text('Customer ID', 'customerId', 'Code of the customer (PID or LID)'),
						contactTypeField,
						text('Passport', 'passport', 'Passport number'),
						optionalGenderField,
						dateOfBirthField,
						text('Emails', 'emails', 'Email addresses, separated by commas'),
						text('Phones', 'phones', 'Phone numbers, separated by commas'),
					] as INodeProperties[]
				).sort(byName),
			},
		],
	},
	{
		displayName: 'Owner Opportunity',
		name: 'owner_opportunity',
		type: 'collection',
		placeholder: 'Add Owner',
		default: {},
		description: 'The users and groups managing the deal',
		options: [
			text(
				'Groups',
				'groups',
				'Names of groups of your CRM organization, separated by commas',
				'e.g. Sales Team, Support Team',
			),
			text(
				'Users',
				'users',
				'Emails of users of your CRM organization, separated by commas',
				'e.g. nathan@example.com, anna@example.com',
			),
		],
	},
	permitField,
	senderUserField,
];

/** Request Options with Batch Size, shown after the fields by the node. */
export const requestOptions = batchRequestOptionsField;

export const description = updateDisplayOptions(
	{ show: { resource: ['deal'], operation: ['upsert'] } },
	properties,
);

function valueList(
	ctx: BuildContext,
	label: string,
	value: unknown,
	emails: boolean,
): IDataObject[] | undefined {
	const list = splitList(value, /[,;\n]/);
	if (emails) for (const v of list) assertEmail(ctx.node, label, v, ctx.itemIndex);
	return list.length ? list.map((v) => ({ value: v })) : undefined;
}

function readContacts(ctx: BuildContext, value: unknown): IDataObject[] | undefined {
	const list = ((value as { values?: IDataObject[] } | undefined)?.values ?? []).map((entry, n) => {
		const label = (field: string) => `Contacts ${n + 1} > ${field}`;
		const out = pick(entry, ['name', 'lastname', 'title', 'customerId', 'contactType', 'passport']);
		const type = readNumberOption(ctx, label('Type (type)'), entry.type, [0, 1]);
		if (type !== undefined) out.type = type;
		const gender = readNumberOption(ctx, label('Gender (gender)'), entry.gender, [0, 1, 2]);
		if (gender !== undefined) out.gender = gender;
		const dateOfBirth = readDateOfBirth(
			ctx,
			entry.dateOfBirth,
			label('Date of Birth (dateOfBirth)'),
		);
		if (dateOfBirth) out.dateOfBirth = dateOfBirth;
		const emails = valueList(ctx, label('Emails (emails)'), entry.emails, true);
		if (emails) out.emails = emails;
		const phones = valueList(ctx, label('Phones (phones)'), entry.phones, false);
		if (phones) out.phones = phones;
		return out;
	});
	const filled = list.filter((c) =>
		Object.keys(c).some((k) => !['type', 'contactType'].includes(k)),
	);
	return filled.length ? filled : undefined;
}

/**
 * add-deal (doc 2.2.6): the same action adds or updates, by dealId when one is given, else by
 * name. Without a dealId the name finds the deal a first send added, so a resend is safe; an
 * unknown dealId adds a new deal at every send, so a batch with a dealId is never resent.
 */
const resendable = (dataList: IDataObject[]): boolean =>
	dataList.every((data) => isBlank(data.dealId));

export const { prepare, batches, send } = listenerAction(
	'add-deal',
	function (ctx) {
		const i = ctx.itemIndex;
		const { extraFieldsJson: extra, ...additional } = this.getNodeParameter(
			'additionalFields',
			i,
			{},
		) as IDataObject;
		// doc 2.2.6 "name": required; the dealId when given, else the name, finds the deal to update.
		const data: IDataObject = {
			...pick({ dealId: this.getNodeParameter('dealId', i, '') }, ['dealId']),
			name: requireText(ctx, 'Name (name)', this.getNodeParameter('name', i, '')),
			...pick(additional, ['value', 'currency', 'description', 'stage', 'category', 'package']),
		};
		const closeDate = readTimestamp(ctx, additional.closeDate, 'Close Date (closeDate)');
		if (closeDate !== undefined) data.closeDate = closeDate;
		const owner = (this.getNodeParameter('owner_opportunity', i, {}) ?? {}) as IDataObject;
		const users = splitList(owner.users, /[,;\n]/);
		for (const user of users)
			assertEmail(ctx.node, 'Owner Opportunity > Users (owner_opportunity.users)', user, i);
		const groups = splitList(owner.groups, /[,;\n]/);
		if (users.length || groups.length)
			data.owner_opportunity = {
				...(users.length ? { users } : {}),
				...(groups.length ? { groups } : {}),
			};
		const dealWith = readPerson(
			ctx,
			(this.getNodeParameter('dealWith', i, {}) ?? {}) as IDataObject,
		);
		if (Object.keys(dealWith).length) data.dealWith = dealWith;
		const contacts = readContacts(ctx, this.getNodeParameter('contacts', i, {}));
		if (contacts) data.contacts = contacts;
		const permit = readPermit(ctx, this.getNodeParameter('permit', i, {}));
		if (permit) data.permit = permit;
		const cusFields = readCusFields(ctx, additional.cusFields);
		if (cusFields) data.cusFields = cusFields;
		return { ...data, ...readExtraFields(ctx, extra) };
	},
	{ idempotent: resendable },
);
