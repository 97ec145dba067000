import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { inputError } from '../../../shared/errors';
import { assertEmail } from '../../../shared/validation';
import {
	assertOneOfBuilt,
	pick,
	readExtraFields,
	readPermit,
	requireText,
} from '../../helpers/build';
import { listenerAction } from '../../transport';
import {
	batchRequestOptionsField,
	extraFieldsJson,
	permitField,
	senderUserField,
	text,
} from '../common.descriptions';

const onContact = { show: { model: ['contact'] } };
const onDeal = { show: { model: ['deal'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Body',
		name: 'body',
		type: 'string',
		required: true,
		typeOptions: { rows: 3 },
		default: '',
		description: 'The content of the note',
	},
	{
		displayName: 'Model',
		name: 'model',
		type: 'options',
		options: [
			{
				name: 'Contact',
				value: 'contact',
				description: 'Add the note to a contact, account or lead',
			},
			{ name: 'Deal', value: 'deal', description: 'Add the note to a deal (order)' },
		],
		default: 'contact',
		description: 'What the note is added to',
	},
	{
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		default: '',
		placeholder: 'e.g. PID-124',
		displayOptions: onContact,
		description:
			'Code of the customer: a PID for a contact; an LID for a lead (then set Contact Type to Lead)',
		hint: 'Give at least one of Customer ID, Passport, Email or Phone. The platform looks the contact up by Customer ID, then Passport, then Email, then Phone.',
	},
	{ ...text('Passport', 'passport', 'Passport of the contact'), displayOptions: onContact },
	{
		...text('Email', 'email', 'Email of the contact', 'e.g. nathan@example.com'),
		displayOptions: onContact,
	},
	{ ...text('Phone', 'phone', 'Phone number of the contact'), displayOptions: onContact },
	{
		displayName: 'Deal ID',
		name: 'dealId',
		type: 'string',
		default: '',
		displayOptions: onDeal,
		description: 'ID of the deal (order)',
		hint: 'Give the Deal ID or the deal Name (at least one). The platform looks the deal up by Deal ID first, then by Name.',
	},
	{ ...text('Name', 'name', 'Name of the deal, e.g. Booking-ID1135'), displayOptions: onDeal },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			text('Channel', 'channel', 'A channel configured in Channel settings, e.g. Kite Chat'),
			{
				...text(
					'Contact ID',
					'contactId',
					'ID of the contact in CRM Data Platform; the contact is still found by Customer ID, Passport, Email or Phone',
				),
				displayOptions: { show: { '/model': ['contact'] } },
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
				displayOptions: { show: { '/model': ['contact'] } },
				description:
					"Choose Lead when the Customer ID is a lead's code (LID-...); Customer for contacts and accounts",
			},
			extraFieldsJson,
			{
				...text('Tag', 'tag', 'Tag of the note (only for a contact note)', 'e.g. webhook'),
				displayOptions: { show: { '/model': ['contact'] } },
			},
		],
	},
	permitField,
	senderUserField,
];

/** Request Options with Batch Size, shown after the fields by the node. */
export const requestOptions = batchRequestOptionsField;

export const description = updateDisplayOptions(
	{ show: { resource: ['note'], operation: ['create'] } },
	properties,
);

/** add-note (doc 2.2.5). Not idempotent: a resent note would be added twice. */
export const { prepare, batches, send } = listenerAction(
	'add-note',
	function (ctx) {
		const i = ctx.itemIndex;
		const model = String(this.getNodeParameter('model', i, 'contact'));
		const { extraFieldsJson: extra, ...additional } = this.getNodeParameter(
			'additionalFields',
			i,
			{},
		) as IDataObject;
		const data: IDataObject = {
			body: requireText(ctx, 'Body (body)', this.getNodeParameter('body', i, '')),
			model,
		};
		if (model === 'deal') {
			Object.assign(
				data,
				pick(
					{
						dealId: this.getNodeParameter('dealId', i, ''),
						name: this.getNodeParameter('name', i, ''),
					},
					['dealId', 'name'],
				),
			);
			// doc 2.2.5 Note: a deal note needs one of "dealId", "name" (looked up in that order).
			assertOneOfBuilt(
				ctx,
				data,
				['dealId', 'name'],
				'a note on a deal needs its Deal ID or its Name',
			);
			Object.assign(data, pick(additional, ['channel']));
		} else if (model === 'contact') {
			const lookup: IDataObject = {};
			for (const key of ['customerId', 'passport', 'email', 'phone'])
				lookup[key] = this.getNodeParameter(key, i, '');
			Object.assign(data, pick(lookup, ['customerId', 'passport', 'email', 'phone']));
			assertEmail(ctx.node, 'Email (email)', data.email, i);
			// doc 2.2.5 Note: a contact note needs one of customerId, passport, email, phone (in that priority).
			assertOneOfBuilt(
				ctx,
				data,
				['customerId', 'passport', 'email', 'phone'],
				'a note on a contact needs its Customer ID, Passport, Email or Phone',
			);
			Object.assign(data, pick(additional, ['contactId', 'contactType', 'tag', 'channel']));
		} else {
			throw inputError(
				ctx.node,
				'Model (model)',
				`"${model}" is not a model. Expected contact or deal`,
				i,
			);
		}
		const permit = readPermit(ctx, this.getNodeParameter('permit', i, {}));
		if (permit) data.permit = permit;
		return { ...data, ...readExtraFields(ctx, extra) };
	},
	{ idempotent: false },
);
