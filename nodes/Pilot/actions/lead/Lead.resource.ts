import type { INodeProperties } from 'n8n-workflow';
import type { ResourceOperations } from '../../../shared/operationMap';
import * as buildAdf from './buildAdf.operation';
import * as create from './create.operation';

/** This resource's operations by internal name, one per value of its Operation dropdown. */
export const operations = { buildAdf, create } satisfies ResourceOperations;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['lead'] } },
		options: [
			{
				name: 'Build ADF Email',
				value: 'buildAdf',
				description:
					'Build the ADF XML email of a lead for Pilot\'s email integration, from the same fields as Create: put its "adf" text in the plain-text body of a Send Email node to the address set up in Pilot; sends nothing',
				action: 'Build an ADF lead email',
			},
			{
				name: 'Create',
				value: 'create',
				description:
					'Send a lead to Pilot; needs a contact type and a business type, each as ID or code',
				action: 'Create a lead',
			},
		],
		default: 'create',
	},
	...create.description,
	...buildAdf.description,
];
