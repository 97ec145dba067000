import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';
import { assertOneOfBuilt } from '../../helpers/build';
import { listenerAction } from '../../transport';
import {
	batchRequestOptionsField,
	permitField,
	senderUserField,
	text,
} from '../common.descriptions';
import { leadFields, readLead } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		default: '',
		placeholder: 'e.g. LID-123',
		description: 'Code of the lead in CRM Data Platform',
		hint: 'Give at least one of Customer ID, Contact ID, Passport, Emails or Phones: the platform finds the lead with them',
	},
	{
		displayName: 'Contact ID',
		name: 'contactId',
		type: 'string',
		default: '',
		description: 'ID of the contact linked to the lead',
	},
	{
		displayName: 'Update Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: leadFields([text('Name', 'name', 'Name of the lead')]),
	},
	permitField,
	senderUserField,
];

/** Request Options with Batch Size, shown after the fields by the node. */
export const requestOptions = batchRequestOptionsField;

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['update'] } },
	properties,
);

/** update-lead (doc 2.2.3). An update sent twice changes nothing more: safe to resend. */
export const { prepare, batches, send } = listenerAction(
	'update-lead',
	function (ctx) {
		const data = readLead.call(this, ctx, {
			customerId: this.getNodeParameter('customerId', ctx.itemIndex, ''),
			contactId: this.getNodeParameter('contactId', ctx.itemIndex, ''),
		});
		// doc 2.2.4 Note (update-lead "is similar"): one of contactId, passport, emails, phones, customerId.
		assertOneOfBuilt(
			ctx,
			data,
			['contactId', 'passport', 'emails', 'phones', 'customerId'],
			'give Customer ID, Contact ID, Passport, Emails or Phones to find the lead',
		);
		return data;
	},
	{ idempotent: true },
);
