import type { INodeProperties } from 'n8n-workflow';
import type { ResourceOperations } from '../../../shared/operationMap';
import * as create from './create.operation';
import * as get from './get.operation';
import * as update from './update.operation';

/** This resource's operations by internal name, one per value of its Operation dropdown. */
export const operations = { create, get, update } satisfies ResourceOperations;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['address'] } },
		options: [
			{
				name: 'Create or Update',
				value: 'create',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update an address',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an address by its ID',
				action: 'Get an address',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Update an address by its ID with the fields given',
				action: 'Update an address',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...update.description,
];
