import type { INodeProperties } from 'n8n-workflow';
import type { ResourceOperations } from '../../../shared/operationMap';
import * as addLeads from './addLeads.operation';
import * as getLeads from './getLeads.operation';
import * as removeLead from './removeLead.operation';

/** This resource's operations by internal name, one per value of its Operation dropdown. */
export const operations = { addLeads, getLeads, removeLead } satisfies ResourceOperations;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['list'] } },
		options: [
			{
				name: 'Add Leads',
				value: 'addLeads',
				description: 'Add leads, by email, to a static list, by name, created if missing',
				action: 'Add leads to a list',
			},
			{
				name: 'Get Leads',
				value: 'getLeads',
				description: 'Get the leads of a list, by list name',
				action: 'Get the leads of a list',
			},
			{
				name: 'Remove Lead',
				value: 'removeLead',
				description: 'Remove a lead, by email, from a list, by name',
				action: 'Remove a lead from a list',
			},
		],
		default: 'getLeads',
	},
	...addLeads.description,
	...getLeads.description,
	...removeLead.description,
];
