import type { INodeProperties } from 'n8n-workflow';
import type { ResourceOperations } from '../../../shared/operationMap';
import * as getRating from './getRating.operation';

/** This resource's operations by internal name, one per value of its Operation dropdown. */
export const operations = { getRating } satisfies ResourceOperations;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['supplier'] } },
		options: [
			{
				name: 'Get Rating',
				value: 'getRating',
				description: 'Get the rating clients gave a supplier in their order feedback',
				action: 'Get a supplier rating',
			},
		],
		default: 'getRating',
	},
	...getRating.description,
];
