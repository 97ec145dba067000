import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';

export { create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['ticket'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Open a ticket with its description',
				action: 'Create a ticket',
			},
		],
		default: 'create',
	},
	...create.description,
];
