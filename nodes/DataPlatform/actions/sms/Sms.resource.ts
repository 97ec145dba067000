import type { INodeProperties } from 'n8n-workflow';
import type { ResourceOperations } from '../../../shared/operationMap';
import * as send from './send.operation';

/** This resource's operations by internal name, one per value of its Operation dropdown. */
export const operations = { send } satisfies ResourceOperations;

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
