import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';
import { inputError } from '../../../shared/errors';
import { requireText, splitList } from '../../helpers/build';
import { listenerAction } from '../../transport';
import { batchRequestOptionsField, senderUserField } from '../common.descriptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		required: true,
		typeOptions: { rows: 3 },
		default: '',
		description: 'Text of the SMS',
	},
	{
		displayName: 'Phones',
		name: 'phones',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 0333456789, 098765431',
		description:
			'Phone numbers to send the SMS to, separated by commas (or a list from an expression)',
		hint: 'Works only for organizations with an SMS provider account set up in CRM Data Platform',
	},
	senderUserField,
];

/** Request Options with Batch Size, shown after the fields by the node. */
export const requestOptions = batchRequestOptionsField;

export const description = updateDisplayOptions(
	{ show: { resource: ['sms'], operation: ['send'] } },
	properties,
);

/** send-sms (doc 2.2.8). Not idempotent: a resent SMS would reach the phones twice. */
export const { prepare, batches, send } = listenerAction(
	'send-sms',
	function (ctx) {
		const content = requireText(
			ctx,
			'Content (content)',
			this.getNodeParameter('content', ctx.itemIndex, ''),
		);
		const phones = splitList(this.getNodeParameter('phones', ctx.itemIndex, ''), /[,;\n]/);
		if (!phones.length) {
			throw inputError(
				ctx.node,
				'Phones (phones)',
				'at least one phone number is required, e.g. 0333456789, 098765431',
				ctx.itemIndex,
			);
		}
		return { content, phones };
	},
	{ idempotent: false },
);
