import type { INodeProperties } from 'n8n-workflow';
import type { ResourceOperations } from '../../../shared/operationMap';
import * as assign from './assign.operation';
import * as changeStatus from './changeStatus.operation';
import * as click2call from './click2call.operation';
import * as create from './create.operation';
import * as finalize from './finalize.operation';
import * as get from './get.operation';
import * as getHistory from './getHistory.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

/** This resource's operations by internal name, one per value of its Operation dropdown. */
export const operations = {
	assign,
	changeStatus,
	click2call,
	create,
	finalize,
	get,
	getHistory,
	getMany,
	update,
} satisfies ResourceOperations;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['lead'] } },
		options: [
			{
				name: 'Assign',
				value: 'assign',
				description: 'Give a lead, by ID, to a user',
				action: 'Assign a lead to a user',
			},
			{
				name: 'Change Status',
				value: 'changeStatus',
				description: 'Set the status of a lead, by ID',
				action: 'Change the status of a lead',
			},
			{
				name: 'Click2Call',
				value: 'click2call',
				description: 'Call the client of a lead, by lead ID, from the dealership phone',
				action: 'Call the client of a lead',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a lead from a source, with its client, vehicle and tasks',
				action: 'Create a lead',
			},
			{
				name: 'Finalize',
				value: 'finalize',
				description: 'Close a lead, by ID: its status becomes End',
				action: 'Finalize a lead',
			},
			{ name: 'Get', value: 'get', description: 'Get a lead by its ID', action: 'Get a lead' },
			{
				name: 'Get History',
				value: 'getHistory',
				description: 'Get the change history of a lead, by ID',
				action: 'Get the history of a lead',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List leads, filtered by status, phone, email, concessionaire or text',
				action: 'Get many leads',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Update a lead by its ID, with its client, vehicle, notes and tags',
				action: 'Update a lead',
			},
		],
		default: 'create',
	},
	...getMany.description,
	...get.description,
	...create.description,
	...update.description,
	...assign.description,
	...changeStatus.description,
	...finalize.description,
	...getHistory.description,
	...click2call.description,
];
