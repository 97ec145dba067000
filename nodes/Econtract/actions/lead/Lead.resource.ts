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
			{ name: 'Create', value: 'create', description: 'Create a third-party, insurance or call-me-back lead (POST /api/leads); needs the lead type, gender, segment, names, email, language and interests', action: 'Create a lead' },
			{ name: 'Create Click-Out', value: 'createClickOut', description: 'Create a click-out lead (POST /api/leads/clickOut); needs first name, last name and email', action: 'Create a click out lead' },
		],
		default: 'create',
	},
	...create.description,
	...createClickOut.description,
];
