import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';

export { create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['survey'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a survey (webhooks/survey.php)',
				action: 'Create a survey',
			},
		],
		default: 'create',
	},
	...create.description,
];
