import type { INodeProperties } from 'n8n-workflow';
import type { ResourceOperations } from '../../../shared/operationMap';
import * as create from './create.operation';
import * as get from './get.operation';
import * as search from './search.operation';
import * as update from './update.operation';

/** This resource's operations by internal name, one per value of its Operation dropdown. */
export const operations = { create, get, search, update } satisfies ResourceOperations;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['client'] } },
		options: [
			{
				name: 'Create or Update',
				value: 'create',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update a client',
			},
			{ name: 'Get', value: 'get', description: 'Get a client by its ID', action: 'Get a client' },
			{
				name: 'Search',
				value: 'search',
				description: 'Search clients by name, email, phone and the like',
				action: 'Search clients',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Update a client by its ID with the fields given',
				action: 'Update a client',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...search.description,
	...update.description,
];
