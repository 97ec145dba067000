import type { INodeProperties } from 'n8n-workflow';
import type { ResourceOperations } from '../../../shared/operationMap';
import * as create from './create.operation';
import * as update from './update.operation';

/** This resource's operations by internal name, one per value of its Operation dropdown. */
export const operations = { create, update } satisfies ResourceOperations;

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
