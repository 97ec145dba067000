import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as getLatest from './getLatest.operation';

export { create, getLatest };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create an order with its client, address and contract (POST /api/orders)', action: 'Create an order' },
			{ name: 'Get Latest', value: 'getLatest', description: 'Fetch the latest orders (POST /api/latest)', action: 'Get latest orders' },
		],
		default: 'create',
	},
	...create.description,
	...getLatest.description,
];
