import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';
import { requireText } from '../../helpers/build';
import { listenerAction } from '../../transport';
import {
	batchRequestOptionsField,
	permitField,
	personFields,
	recordTypeField,
	senderUserField,
} from '../common.descriptions';
import { companyContactField, readContact } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		description: 'Name of the contact, or of the account',
	},
	recordTypeField('Whether to add a contact (a person) or an account (a company)'),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: personFields(),
	},
	companyContactField(false),
	permitField,
	senderUserField,
];

/** Request Options with Batch Size, shown after the fields by the node. */
export const requestOptions = batchRequestOptionsField;

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['create'] } },
	properties,
);

/** add-contact (doc 2.2.1). Not idempotent: a resent contact would add a history line. */
export const { prepare, batches, send } = listenerAction(
	'add-contact',
	function (ctx) {
		const name = requireText(ctx, 'Name (name)', this.getNodeParameter('name', ctx.itemIndex, ''));
		return readContact.call(this, ctx, {
			name,
			type: this.getNodeParameter('type', ctx.itemIndex, 0),
		});
	},
	{ idempotent: false },
);
