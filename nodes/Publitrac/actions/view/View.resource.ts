import type { INodeProperties } from 'n8n-workflow';
import type { ResourceOperations } from '../../../shared/operationMap';
import * as getLeads from './getLeads.operation';

/** This resource's operations by internal name, one per value of its Operation dropdown. */
export const operations = { getLeads } satisfies ResourceOperations;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['view'] } },
		options: [
			{
				name: 'Get Leads',
				value: 'getLeads',
				description: 'Get the leads of a view (a saved filter), by view name',
				action: 'Get the leads of a view',
			},
		],
		default: 'getLeads',
	},
	...getLeads.description,
];
