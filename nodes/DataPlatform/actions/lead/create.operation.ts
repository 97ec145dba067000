import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/types';
import { requireText } from '../../helpers/build';
import { runActions } from '../../transport';
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
	batchRequestOptionsField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['create'] } },
	properties,
);

/** add-lead (doc 2.2.2). Not idempotent: never resent when the listener may have received it. */
export async function executeBatch(
	this: IExecuteFunctions,
	itemIndexes: number[],
): Promise<Array<OperationResult | Error>> {
	return await runActions.call(
		this,
		itemIndexes,
		'add-lead',
		function (ctx) {
			const name = requireText(
				ctx,
				'Name (name)',
				this.getNodeParameter('name', ctx.itemIndex, ''),
			);
			return readLead.call(this, ctx, { name });
		},
		{ idempotent: false },
	);
}
