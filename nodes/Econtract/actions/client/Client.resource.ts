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
			{ name: 'Create', value: 'create', description: 'Create a client, or update the one the CRM finds (POST /api/clients); needs gender, market segment, first and last name, email and language', action: 'Create a client' },
			{ name: 'Get', value: 'get', description: 'Get a client by its ID (GET /api/clients/{ID})', action: 'Get a client' },
			{ name: 'Search', value: 'search', description: 'Search clients by a text query (POST /api/clients/search, vendor client)', action: 'Search clients' },
			{ name: 'Update', value: 'update', description: 'Update a client by its ID with the fields given (POST /api/clients/{ID}, vendor client)', action: 'Update a client' },
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...search.description,
	...update.description,
];
