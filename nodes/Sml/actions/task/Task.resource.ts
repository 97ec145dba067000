import type { INodeProperties } from 'n8n-workflow';
import type { ResourceOperations } from '../../../shared/operationMap';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as update from './update.operation';

/** This resource's operations by internal name, one per value of its Operation dropdown. */
export const operations = { create, delete: del, update } satisfies ResourceOperations;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['task'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Add a task to a lead, by lead ID',
				action: 'Create a task',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a task by its ID',
				action: 'Delete a task',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Update a task by its ID',
				action: 'Update a task',
			},
		],
		default: 'create',
	},
	...create.description,
	...update.description,
	...del.description,
];
