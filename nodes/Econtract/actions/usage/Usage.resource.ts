import type { INodeProperties } from 'n8n-workflow';
import * as getDefaults from './getDefaults.operation';

export { getDefaults };

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
