import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';
import { assertOneOfBuilt } from '../../helpers/build';
import { listenerAction } from '../../transport';
import {
	batchRequestOptionsField,
	byName,
	permitField,
	personFields,
	recordTypeField,
	senderUserField,
	text,
} from '../common.descriptions';
import { companyContactField, readContact } from './fields';

const LOOKUP_HINT =
	'Give at least one of Customer ID, Contact ID, Passport, Emails or Phones. The platform finds the record by Customer ID, then Contact ID, then name, then emails, then phones.';

const properties: INodeProperties[] = [
	{
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		default: '',
		placeholder: 'e.g. PID-678',
		description: 'Code of the contact or account in CRM Data Platform',
		hint: LOOKUP_HINT,
	},
	{
		displayName: 'Contact ID',
		name: 'contactId',
		type: 'string',
		default: '',
		description: 'ID of the contact in CRM Data Platform',
	},
	recordTypeField('Whether to update a contact (a person) or an account (a company)'),
	{
		displayName: 'Update Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			...personFields(),
			text('Name', 'name', 'Name of the contact or account; also used to find it'),
		].sort(byName),
	},
	companyContactField(true),
	permitField,
	senderUserField,
];

/** Request Options with Batch Size, shown after the fields by the node. */
export const requestOptions = batchRequestOptionsField;

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['update'] } },
	properties,
);

/** update-contact (doc 2.2.4). An update sent twice changes nothing more: safe to resend. */
export const { prepare, batches, send } = listenerAction(
	'update-contact',
	function (ctx) {
		const data = readContact.call(this, ctx, {
			customerId: this.getNodeParameter('customerId', ctx.itemIndex, ''),
			contactId: this.getNodeParameter('contactId', ctx.itemIndex, ''),
			type: this.getNodeParameter('type', ctx.itemIndex, 0),
		});
		// doc 2.2.4 Note: one of contactId, passport, emails, phones, customerId is required.
		assertOneOfBuilt(
			ctx,
			data,
			['contactId', 'passport', 'emails', 'phones', 'customerId'],
			'give Customer ID, Contact ID, Passport, Emails or Phones to find the record',
		);
		return data;
	},
	{ idempotent: true },
);
