import type { INodeProperties } from 'n8n-workflow';
import * as getRating from './getRating.operation';

export { getRating };

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
