import type { INodeProperties } from 'n8n-workflow';
import type { ResourceOperations } from '../../../shared/operationMap';
import * as execute from './execute.operation';
import * as getMany from './getMany.operation';
import * as sendEmail from './sendEmail.operation';

/** This resource's operations by internal name, one per value of its Operation dropdown. */
export const operations = { execute, getMany, sendEmail } satisfies ResourceOperations;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['campaign'] } },
		options: [
			{
				name: 'Execute',
				value: 'execute',
				description: 'Put leads, by email, into existing automated campaigns, by name',
				action: 'Put leads into campaigns',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get the follow-up campaigns',
				action: 'Get many campaigns',
			},
			{
				name: 'Send Email',
				value: 'sendEmail',
				description:
					'Email leads through an email campaign, created if it does not exist yet; needs the campaign name, sender name and email, subject and the leads',
				action: 'Send an email campaign',
			},
		],
		default: 'getMany',
	},
	...execute.description,
	...getMany.description,
	...sendEmail.description,
];
