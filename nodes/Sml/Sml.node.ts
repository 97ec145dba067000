import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import * as client from './actions/client/Client.resource';
import * as concessionaire from './actions/concessionaire/Concessionaire.resource';
import * as gasType from './actions/gasType/GasType.resource';
import * as lead from './actions/lead/Lead.resource';
import * as locality from './actions/locality/Locality.resource';
import * as province from './actions/province/Province.resource';
import { router } from './actions/router';
import * as session from './actions/session/Session.resource';
import * as source from './actions/source/Source.resource';
import * as task from './actions/task/Task.resource';
import * as user from './actions/user/User.resource';
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
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Client', value: 'client' },
					{ name: 'Concessionaire', value: 'concessionaire' },
					{ name: 'Gas Type', value: 'gasType' },
					{ name: 'Lead', value: 'lead' },
					{ name: 'Locality', value: 'locality' },
					{ name: 'Province', value: 'province' },
					{ name: 'Session', value: 'session' },
					{ name: 'Source', value: 'source' },
					{ name: 'Task', value: 'task' },
					{ name: 'User', value: 'user' },
				],
				default: 'lead',
			},
			...lead.description,
			...task.description,
			...session.description,
			...concessionaire.description,
			...source.description,
			...gasType.description,
			...client.description,
			...province.description,
			...locality.description,
			...user.description,
		],
	};

	methods = { loadOptions, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
