import type { INodeProperties } from 'n8n-workflow';
import type { ResourceOperations } from '../../../shared/operationMap';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getByExternalId from './getByExternalId.operation';
import * as getByToken from './getByToken.operation';
import * as search from './search.operation';
import * as sync from './sync.operation';
import * as update from './update.operation';

/** This resource's operations by internal name, one per value of its Operation dropdown. */
export const operations = {
	create,
	get,
	getByExternalId,
	getByToken,
	search,
	sync,
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
				name: 'Create',
				value: 'create',
				description:
					'Add a new lead, identified by its email, with the fields given; fails if a lead with this email already exists',
				action: 'Create a lead',
			},
			{
				name: 'Create or Update',
				value: 'sync',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update leads',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a lead by email',
				action: 'Get a lead by email',
			},
			{
				name: 'Get by External ID',
				value: 'getByExternalId',
				description: 'Get a lead by its external ID (its ID in your own system)',
				action: 'Get a lead by external ID',
			},
			{
				name: 'Get by Token',
				value: 'getByToken',
				description: 'Get a lead by its tracking token',
				action: 'Get a lead by token',
			},
			{
				name: 'Search',
				value: 'search',
				description: 'Search leads with conditions on their fields',
				action: 'Search leads',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Update an existing lead, found by email, with the fields given',
				action: 'Update a lead',
			},
		],
		default: 'sync',
	},
	...create.description,
	...get.description,
	...getByExternalId.description,
	...getByToken.description,
	...search.description,
	...sync.description,
	...update.description,
];
