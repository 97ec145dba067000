import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as update from './update.operation';

export { create, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['lead'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Add a lead, by name',
				action: 'Create a lead',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Update a lead found by customer ID, contact ID, passport, email or phone',
				action: 'Update a lead',
			},
		],
		default: 'create',
	},
	...create.description,
	...update.description,
];
