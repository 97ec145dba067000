import type { INodeProperties } from 'n8n-workflow';
import * as buildAdf from './buildAdf.operation';
import * as create from './create.operation';

export { buildAdf, create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['lead'] } },
		options: [
			{
				name: 'Build ADF Email',
				value: 'buildAdf',
				description: 'Build the ADF XML email of the Email integration, for the Send Email node',
				action: 'Build an ADF lead email',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a lead (webhooks/welcome.php)',
				action: 'Create a lead',
			},
		],
		default: 'create',
	},
	...create.description,
	...buildAdf.description,
];
