import type { INodeProperties } from 'n8n-workflow';
import type { ResourceOperations } from '../../../shared/operationMap';
import * as addClickLink from './addClickLink.operation';
import * as addFormFill from './addFormFill.operation';
import * as addWebVisit from './addWebVisit.operation';

/** This resource's operations by internal name, one per value of its Operation dropdown. */
export const operations = { addClickLink, addFormFill, addWebVisit } satisfies ResourceOperations;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['history'] } },
		options: [
			{
				name: 'Add Click Link',
				value: 'addClickLink',
				description: 'Add a link click to the history of a lead, by email',
				action: 'Add a link click to a lead history',
			},
			{
				name: 'Add Form Fill',
				value: 'addFormFill',
				description: 'Add a submitted form, by form name, to the history of a lead, by email',
				action: 'Add a form fill to a lead history',
			},
			{
				name: 'Add Web Visit',
				value: 'addWebVisit',
				description: 'Add a web page visit to the history of a lead, by email',
				action: 'Add a web visit to a lead history',
			},
		],
		default: 'addWebVisit',
	},
	...addClickLink.description,
	...addFormFill.description,
	...addWebVisit.description,
];
