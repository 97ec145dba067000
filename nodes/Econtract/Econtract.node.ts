import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import * as address from './actions/address/Address.resource';
import * as client from './actions/client/Client.resource';
import * as contract from './actions/contract/Contract.resource';
import * as lead from './actions/lead/Lead.resource';
import * as order from './actions/order/Order.resource';
import { router } from './actions/router';
import * as supplier from './actions/supplier/Supplier.resource';
import * as usage from './actions/usage/Usage.resource';
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
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Address', value: 'address' },
					{ name: 'Client', value: 'client' },
					{ name: 'Contract', value: 'contract' },
					{ name: 'Lead', value: 'lead' },
					{ name: 'Order', value: 'order' },
					{ name: 'Supplier', value: 'supplier' },
					{ name: 'Usage', value: 'usage' },
				],
				default: 'order',
			},
			...address.description,
			...client.description,
			...contract.description,
			...lead.description,
			...order.description,
			...supplier.description,
			...usage.description,
		],
	};

	methods = { credentialTest: { econtractApiTest }, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
