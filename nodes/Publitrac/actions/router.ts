import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { routeItems } from '../../shared/router';
import type { OperationMap } from '../../shared/types';
import { PUBLITRAC_CREDENTIAL, PUBLITRAC_SECRET_FIELDS } from '../transport';
import * as campaign from './campaign/Campaign.resource';
import * as history from './history/History.resource';
import * as lead from './lead/Lead.resource';
import * as list from './list/List.resource';
import * as opportunity from './opportunity/Opportunity.resource';
import * as transaction from './transaction/Transaction.resource';
import * as view from './view/View.resource';

export const operations: OperationMap = {
	lead: {
		search: lead.search,
		get: lead.get,
		getByExternalId: lead.getByExternalId,
		getByToken: lead.getByToken,
		sync: lead.sync,
		create: lead.create,
		update: lead.update,
	},
	view: { getLeads: view.getLeads },
	list: { getLeads: list.getLeads, addLeads: list.addLeads, removeLead: list.removeLead },
	history: {
		addWebVisit: history.addWebVisit,
		addClickLink: history.addClickLink,
		addFormFill: history.addFormFill,
	},
	campaign: { getMany: campaign.getMany, execute: campaign.execute, sendEmail: campaign.sendEmail },
	opportunity: { getMany: opportunity.getMany, sync: opportunity.sync },
	transaction: { create: transaction.create },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeItems.call(this, {
		operations,
		credentialType: PUBLITRAC_CREDENTIAL,
		secretFields: PUBLITRAC_SECRET_FIELDS,
	});
}
