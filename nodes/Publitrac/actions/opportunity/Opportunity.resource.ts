import type { INodeProperties } from 'n8n-workflow';
import type { ResourceOperations } from '../../../shared/operationMap';
import * as getMany from './getMany.operation';
import * as sync from './sync.operation';

/** This resource's operations by internal name, one per value of its Operation dropdown. */
export const operations = { getMany, sync } satisfies ResourceOperations;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['opportunity'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get opportunities',
				action: 'Get many opportunities',
			},
			{
				name: 'Create or Update',
				value: 'sync',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update an opportunity',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...sync.description,
];
