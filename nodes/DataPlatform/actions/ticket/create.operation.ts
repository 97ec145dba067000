import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { assertEmail } from '../../../shared/validation';
import { pick, readCusFields, readExtraFields, requireText } from '../../helpers/build';
import { listenerAction } from '../../transport';
import {
	TICKET_CHANNELS,
	batchRequestOptionsField,
	byName,
	cusFieldsField,
	extraFieldsJson,
	senderUserField,
	text,
} from '../common.descriptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Body',
		name: 'body',
		type: 'string',
		required: true,
		typeOptions: { rows: 3 },
		default: '',
		description: 'Description of the ticket',
	},
	{
		displayName: 'Contact Type',
		name: 'contactType',
		type: 'options',
		options: [
			{ name: 'Customer (Contact/Account)', value: 'customer' },
			{ name: 'Lead', value: 'lead' },
		],
		default: 'customer',
		description: 'Whether the ticket is for a contact or account (Customer) or for a lead',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: (
			[
				{
					displayName: 'Channel',
					name: 'channel',
					type: 'options',
					options: TICKET_CHANNELS.map((c) => ({ name: c, value: c })),
					default: 'Email',
					description: 'Where the ticket comes from',
				},
				text('Contact ID', 'contactId', 'ID of the contact'),
				cusFieldsField,
				text('Customer ID', 'customerId', 'Code of the customer, e.g. LID-123 or PID-124'),
				text('Deal ID', 'dealId', 'ID of a related deal'),
				text('Email', 'email', 'Email of the contact', 'e.g. nathan@example.com'),
				extraFieldsJson,
				text('Group Name', 'groupName', 'User group configured in CRM Data Platform'),
				text('Name', 'name', 'Name of the contact'),
				text('Passport', 'passport', 'Passport of the contact'),
				text('Phone', 'phone', 'Phone number of the contact'),
				text('SLA Name', 'slaName', 'SLA configured in the ticket settings (SLA)'),
				text('Tag', 'tag', 'Tag of the ticket', 'e.g. webhook'),
				text('Title', 'title', 'Title of the ticket'),
			] as INodeProperties[]
		).sort(byName),
	},
	senderUserField,
];

/** Request Options with Batch Size, shown after the fields by the node. */
export const requestOptions = batchRequestOptionsField;

export const description = updateDisplayOptions(
	{ show: { resource: ['ticket'], operation: ['create'] } },
	properties,
);

/** add-ticket (doc 2.2.7). Not idempotent: a resent ticket would be opened twice. */
export const { prepare, batches, send } = listenerAction(
	'add-ticket',
	function (ctx) {
		const i = ctx.itemIndex;
		const { extraFieldsJson: extra, ...additional } = this.getNodeParameter(
			'additionalFields',
			i,
			{},
		) as IDataObject;
		const data: IDataObject = {
			contactType: String(this.getNodeParameter('contactType', i, 'customer')),
			...pick(additional, ['title']),
			body: requireText(ctx, 'Body (body)', this.getNodeParameter('body', i, '')),
			...pick(additional, [
				'email',
				'phone',
				'passport',
				'name',
				'contactId',
				'customerId',
				'dealId',
				'tag',
				'groupName',
				'slaName',
				'channel',
			]),
		};
		assertEmail(ctx.node, 'Email (email)', data.email, i);
		const cusFields = readCusFields(ctx, additional.cusFields);
		if (cusFields) data.cusFields = cusFields;
		return { ...data, ...readExtraFields(ctx, extra) };
	},
	{ idempotent: false },
);
