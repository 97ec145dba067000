import { defineResources, operationMap, type OperationMapOf } from '../../shared/operationMap';
import * as campaign from './campaign/Campaign.resource';
import * as history from './history/History.resource';
import * as lead from './lead/Lead.resource';
import * as list from './list/List.resource';
import * as opportunity from './opportunity/Opportunity.resource';
import * as transaction from './transaction/Transaction.resource';
import * as view from './view/View.resource';

/**
 * The node's resources and operations, declared once: the Resource dropdown, the fields and the
 * router's map are built from this list and from each resource's `operations`. Listed in the order
 * their fields are; the Resource dropdown sorts them by name.
 */
export const resources = defineResources({
	campaign: { name: 'Campaign', module: campaign },
	history: { name: 'History', module: history },
	lead: { name: 'Lead', module: lead },
	list: { name: 'List', module: list },
	opportunity: { name: 'Opportunity', module: opportunity },
	transaction: { name: 'Transaction', module: transaction },
	view: { name: 'View', module: view },
});

/** The node's default resource. */
export const defaultResource = 'lead' satisfies keyof typeof resources;

/** resource -> operation -> module; a name not declared above is a TypeScript error. */
export type PublitracOperationMap = OperationMapOf<typeof resources>;

export const operations: PublitracOperationMap = operationMap(resources);
