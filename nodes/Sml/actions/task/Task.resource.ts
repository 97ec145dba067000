import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as update from './update.operation';

export { create, del as delete, update };

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
