import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import * as contact from './actions/contact/Contact.resource';
import * as deal from './actions/deal/Deal.resource';
import * as lead from './actions/lead/Lead.resource';
import * as note from './actions/note/Note.resource';
import { router } from './actions/router';
import * as sms from './actions/sms/Sms.resource';
import * as ticket from './actions/ticket/Ticket.resource';

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
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Contact', value: 'contact' },
					{ name: 'Deal', value: 'deal' },
					{ name: 'Lead', value: 'lead' },
					{ name: 'Note', value: 'note' },
					{ name: 'SMS', value: 'sms' },
					{ name: 'Ticket', value: 'ticket' },
				],
				default: 'contact',
			},
			...contact.description,
			...lead.description,
			...note.description,
			...deal.description,
			...ticket.description,
			...sms.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
