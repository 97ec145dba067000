import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as get from './get.operation';
import * as search from './search.operation';
import * as update from './update.operation';

export { create, get, search, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['client'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a client, or update the one the CRM finds (POST /api/clients)', action: 'Create a client' },
			{ name: 'Get', value: 'get', description: 'Retrieve a client (GET /api/clients/{ID})', action: 'Get a client' },
			{ name: 'Search', value: 'search', description: 'Search clients (POST /api/clients/search, vendor client)', action: 'Search clients' },
			{ name: 'Update', value: 'update', description: 'Update a client (POST /api/clients/{ID}, vendor client)', action: 'Update a client' },
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...search.description,
	...update.description,
];
