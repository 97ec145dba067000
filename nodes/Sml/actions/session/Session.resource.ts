import type { INodeProperties } from 'n8n-workflow';
import type { ResourceOperations } from '../../../shared/operationMap';
import * as logout from './logout.operation';

/** This resource's operations by internal name, one per value of its Operation dropdown. */
export const operations = { logout } satisfies ResourceOperations;

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
