import { defineResources, operationMap, type OperationMapOf } from '../../shared/operationMap';
import * as address from './address/Address.resource';
import * as client from './client/Client.resource';
import * as contract from './contract/Contract.resource';
import * as lead from './lead/Lead.resource';
import * as order from './order/Order.resource';
import * as supplier from './supplier/Supplier.resource';
import * as usage from './usage/Usage.resource';

/**
 * The node's resources and operations, declared once: the Resource dropdown, the fields and the
 * router's map are built from this list and from each resource's `operations`. Listed in the order
 * their fields are; the Resource dropdown sorts them by name.
 */
export const resources = defineResources({
	address: { name: 'Address', module: address },
	client: { name: 'Client', module: client },
	contract: { name: 'Contract', module: contract },
	lead: { name: 'Lead', module: lead },
	order: { name: 'Order', module: order },
	supplier: { name: 'Supplier', module: supplier },
	usage: { name: 'Usage', module: usage },
});

/** The node's default resource. */
export const defaultResource = 'order' satisfies keyof typeof resources;

/** resource -> operation -> module; a name not declared above is a TypeScript error. */
export type EcontractOperationMap = OperationMapOf<typeof resources>;

export const operations: EcontractOperationMap = operationMap(resources);
