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
		displayOptions: { show: { resource: ['transaction'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Record an e-commerce transaction (JSON) of a lead, by email; needs the account token in the credential',
				action: 'Record a transaction',
			},
		],
		default: 'create',
	},
	...create.description,
];
