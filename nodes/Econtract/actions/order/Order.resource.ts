import type { INodeProperties } from 'n8n-workflow';
import type { ResourceOperations } from '../../../shared/operationMap';
import * as create from './create.operation';
import * as getLatest from './getLatest.operation';

/** This resource's operations by internal name, one per value of its Operation dropdown. */
export const operations = { create, getLatest } satisfies ResourceOperations;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Create an electricity, gas or dual fuel order with its client, address and contract',
				action: 'Create an order',
			},
			{
				name: 'Get Latest',
				value: 'getLatest',
				description: 'Get the latest orders, up to a limit, optionally filtered',
				action: 'Get latest orders',
			},
		],
		default: 'create',
	},
	...create.description,
	...getLatest.description,
];
