import type { INodeProperties } from 'n8n-workflow';
import * as getMany from './getMany.operation';
import * as sync from './sync.operation';

export { getMany, sync };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['opportunity'] } },
		options: [
			{ name: 'Get Many', value: 'getMany', description: 'Get opportunities (getOpportunities)', action: 'Get many opportunities' },
			{ name: 'Sync', value: 'sync', description: 'Create or update an opportunity by its ID; needs name, sales stage, amount, probability and lead IDs (syncOpportunity)', action: 'Create or update an opportunity' },
		],
		default: 'getMany',
	},
	...getMany.description,
	...sync.description,
];
