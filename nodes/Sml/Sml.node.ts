import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { resourceProperties } from '../shared/operationMap';
import { defaultResource, resources } from './actions/node.type';
import { router } from './actions/router';
import { listSearch } from './methods/listSearch';
import { loadOptions } from './methods/loadOptions';

export class Sml implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SML',
		name: 'sml',
		icon: { light: 'file:sml.svg', dark: 'file:sml.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Create, find, update, assign, change the status of and close leads in the SML dealership CRM, manage their tasks, and list the sources, users, clients, provinces and localities lead fields take',
		defaults: { name: 'SML' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'smlApi', required: true }],
		properties: resourceProperties(resources, defaultResource),
	};

	methods = { loadOptions, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
