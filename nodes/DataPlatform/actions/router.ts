import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { routeItems } from '../../shared/router';
import type { OperationMap } from '../../shared/types';
import { DATA_PLATFORM_CREDENTIAL, DATA_PLATFORM_SECRET_FIELDS } from '../transport';
import * as contact from './contact/Contact.resource';
import * as deal from './deal/Deal.resource';
import * as lead from './lead/Lead.resource';
import * as note from './note/Note.resource';
import * as sms from './sms/Sms.resource';
import * as ticket from './ticket/Ticket.resource';

export const operations: OperationMap = {
	contact: { create: contact.create, update: contact.update },
	lead: { create: lead.create, update: lead.update },
	note: { create: note.create },
	deal: { upsert: deal.upsert },
	ticket: { create: ticket.create },
	sms: { send: sms.send },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeItems.call(this, {
		operations,
		credentialType: DATA_PLATFORM_CREDENTIAL,
		secretFields: DATA_PLATFORM_SECRET_FIELDS,
	});
}
