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

export class DataPlatform implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CRM Data Platform',
		name: 'dataPlatform',
		icon: { light: 'file:dataPlatform.svg', dark: 'file:dataPlatform.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Send contacts, accounts, leads, notes, deals, tickets and SMS to a CRM Data Platform webhook listener; many items travel in one call and each gets its own result',
		defaults: { name: 'CRM Data Platform' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'dataPlatformApi', required: true }],
		properties: resourceProperties(resources, defaultResource),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
