import type { INodeProperties } from 'n8n-workflow';
import type { ResourceOperations } from '../../../shared/operationMap';
import * as create from './create.operation';

/** This resource's operations by internal name, one per value of its Operation dropdown. */
export const operations = { create } satisfies ResourceOperations;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['ticket'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Open a ticket with its description',
				action: 'Create a ticket',
			},
		],
		default: 'create',
	},
	...create.description,
];
