import type { INodeProperties } from 'n8n-workflow';
import type { ResourceOperations } from '../../../shared/operationMap';
import * as getDefaults from './getDefaults.operation';

/** This resource's operations by internal name, one per value of its Operation dropdown. */
export const operations = { getDefaults } satisfies ResourceOperations;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['usage'] } },
		options: [
			{
				name: 'Get Defaults',
				value: 'getDefaults',
				description:
					'Get the default day, night and exclusive night usages of a product type and market segment',
				action: 'Get default energy usages',
			},
		],
		default: 'getDefaults',
	},
	...getDefaults.description,
];
