import type { INodeProperties } from 'n8n-workflow';
import type { ResourceOperations } from '../../../shared/operationMap';
import * as get from './get.operation';

/** This resource's operations by internal name, one per value of its Operation dropdown. */
export const operations = { get } satisfies ResourceOperations;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contract'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a contract by its ID',
				action: 'Get a contract',
			},
		],
		default: 'get',
	},
	...get.description,
];
