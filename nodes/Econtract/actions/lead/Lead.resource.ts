import type { INodeProperties } from 'n8n-workflow';
import type { ResourceOperations } from '../../../shared/operationMap';
import * as create from './create.operation';
import * as createClickOut from './createClickOut.operation';

/** This resource's operations by internal name, one per value of its Operation dropdown. */
export const operations = { create, createClickOut } satisfies ResourceOperations;

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
				description: 'Create a third-party, insurance or call-me-back lead',
				action: 'Create a lead',
			},
			{
				name: 'Create Click-Out',
				value: 'createClickOut',
				description: 'Create a click-out lead from a name and an email address',
				action: 'Create a click out lead',
			},
		],
		default: 'create',
	},
	...create.description,
	...createClickOut.description,
];
