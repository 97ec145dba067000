import type { INodeProperties } from 'n8n-workflow';
import * as send from './send.operation';

export { send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sms'] } },
		options: [
			{
				name: 'Send',
				value: 'send',
				description: 'Send an SMS to phone numbers',
				action: 'Send an SMS',
			},
		],
		default: 'send',
	},
	...send.description,
];
