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
import { econtractApiTest } from './methods/credentialTest';
import { listSearch } from './methods/listSearch';

export class Econtract implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Econtract',
		name: 'econtract',
		icon: { light: 'file:econtract.svg', dark: 'file:econtract.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Create and read clients, addresses, contracts, electricity and gas orders and leads in the Econtract energy CRM (records by their numeric ID); get the latest orders, supplier ratings and default energy usages',
		defaults: { name: 'Econtract' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'econtractApi', required: true, testedBy: 'econtractApiTest' }],
		properties: resourceProperties(resources, defaultResource),
	};

	methods = { credentialTest: { econtractApiTest }, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
