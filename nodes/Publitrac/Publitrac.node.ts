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
import { publitracApiTest } from './methods/credentialTest';
import { listSearch } from './methods/listSearch';
import { loadOptions } from './methods/loadOptions';

export class Publitrac implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'PUBLITRAC',
		name: 'publitrac',
		icon: { light: 'file:publitrac.svg', dark: 'file:publitrac.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Create, update and find leads in PUBLITRAC (by email, external ID or token), put them in lists and campaigns, log their web activity, read views, create or update opportunities and record e-commerce transactions',
		defaults: { name: 'PUBLITRAC' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'publitracApi', required: true, testedBy: 'publitracApiTest' }],
		properties: resourceProperties(resources, defaultResource),
	};

	methods = { credentialTest: { publitracApiTest }, loadOptions, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
