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
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Add a contact or an account, by name',
				action: 'Create a contact or account',
			},
			{
				name: 'Update',
				value: 'update',
				description:
					'Update a contact or an account found by customer ID, contact ID, passport, email or phone',
				action: 'Update a contact or account',
			},
		],
		default: 'create',
	},
	...create.description,
	...update.description,
];
