import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import * as lead from './actions/lead/Lead.resource';
import { router } from './actions/router';
import * as survey from './actions/survey/Survey.resource';

export class Pilot implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Pilot Solution',
		name: 'pilot',
		icon: { light: 'file:pilot.svg', dark: 'file:pilot.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create leads and surveys in Pilot Solution, or build ADF lead emails',
		defaults: { name: 'Pilot Solution' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'pilotApi',
				required: true,
				displayOptions: { show: { operation: ['create'] } },
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Lead', value: 'lead' },
					{ name: 'Survey', value: 'survey' },
				],
				default: 'lead',
			},
			...lead.description,
			...survey.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
