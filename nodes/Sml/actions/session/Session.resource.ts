import type { INodeProperties } from 'n8n-workflow';
import * as logout from './logout.operation';

export { logout };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['session'] } },
		options: [
			{
				name: 'Log Out',
				value: 'logout',
				description:
					'Sign this SML user out now, e.g. at the end of a workflow; the next SML step signs in again by itself',
				action: 'Log out of SML',
			},
		],
		default: 'logout',
	},
	...logout.description,
];
