import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as get from './get.operation';
import * as update from './update.operation';

export { create, get, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['address'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create an address, or update the one the CRM finds (POST /api/addresses)', action: 'Create an address' },
			{ name: 'Get', value: 'get', description: 'Retrieve an address (GET /api/addresses/{ID})', action: 'Get an address' },
			{ name: 'Update', value: 'update', description: 'Update an address (POST /api/addresses/{ID}, vendor client)', action: 'Update an address' },
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...update.description,
];
