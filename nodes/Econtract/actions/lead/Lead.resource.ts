import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as createClickOut from './createClickOut.operation';

export { create, createClickOut };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['lead'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a third-party, insurance or call-me-back lead',
				action: 'Create a lead',
			},
			{
				name: 'Create Click-Out',
				value: 'createClickOut',
				description: 'Create a click-out lead from a name and an email address',
				action: 'Create a click out lead',
			},
		],
		default: 'create',
	},
	...create.description,
	...createClickOut.description,
];
