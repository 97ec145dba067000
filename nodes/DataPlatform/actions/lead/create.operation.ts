import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';
import { requireText } from '../../helpers/build';
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
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		description: 'Name of the lead',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: leadFields([
			text('Contact ID', 'contactId', 'ID of a contact in CRM Data Platform to link the lead to'),
		]),
	},
	permitField,
	senderUserField,
];

/** Request Options with Batch Size, shown after the fields by the node. */
export const requestOptions = batchRequestOptionsField;

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['create'] } },
	properties,
);

/** add-lead (doc 2.2.2). Not idempotent: never resent when the listener may have received it. */
export const { prepare, batches, send } = listenerAction(
	'add-lead',
	function (ctx) {
		const name = requireText(ctx, 'Name (name)', this.getNodeParameter('name', ctx.itemIndex, ''));
		return readLead.call(this, ctx, { name });
	},
	{ idempotent: false },
);
