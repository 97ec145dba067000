import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';

export { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contract'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a contract by its ID',
				action: 'Get a contract',
			},
		],
		default: 'get',
	},
	...get.description,
];
