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
		options: [{ name: 'Logout', value: 'logout', description: 'End the session of the login token (Logout); the credential logs in by itself', action: 'Log out of the API session' }],
		default: 'logout',
	},
	...logout.description,
];
