import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import * as campaign from './actions/campaign/Campaign.resource';
import * as history from './actions/history/History.resource';
import * as lead from './actions/lead/Lead.resource';
import * as list from './actions/list/List.resource';
import * as opportunity from './actions/opportunity/Opportunity.resource';
import { router } from './actions/router';
import * as transaction from './actions/transaction/Transaction.resource';
import * as view from './actions/view/View.resource';
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
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Campaign', value: 'campaign' },
					{ name: 'History', value: 'history' },
					{ name: 'Lead', value: 'lead' },
					{ name: 'List', value: 'list' },
					{ name: 'Opportunity', value: 'opportunity' },
					{ name: 'Transaction', value: 'transaction' },
					{ name: 'View', value: 'view' },
				],
				default: 'lead',
			},
			...campaign.description,
			...history.description,
			...lead.description,
			...list.description,
			...opportunity.description,
			...transaction.description,
			...view.description,
		],
	};

	methods = { credentialTest: { publitracApiTest }, loadOptions, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
