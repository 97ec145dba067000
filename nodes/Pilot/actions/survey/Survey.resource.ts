import type { INodeProperties } from 'n8n-workflow';
import type { ResourceOperations } from '../../../shared/operationMap';
import * as create from './create.operation';

/** This resource's operations by internal name, one per value of its Operation dropdown. */
export const operations = { create } satisfies ResourceOperations;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['survey'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Send a survey contact to Pilot; needs a survey type and a phone or mobile number',
				action: 'Create a survey',
			},
		],
		default: 'create',
	},
	...create.description,
];
