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
			{ name: 'Create', value: 'create', description: 'Create the address of a client, or update the one the CRM finds (POST /api/addresses); needs client ID, street, house number, zip code, city and country', action: 'Create an address' },
			{ name: 'Get', value: 'get', description: 'Get an address by its ID (GET /api/addresses/{ID})', action: 'Get an address' },
			{ name: 'Update', value: 'update', description: 'Update an address by its ID with the fields given (POST /api/addresses/{ID}, vendor client)', action: 'Update an address' },
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...update.description,
];
