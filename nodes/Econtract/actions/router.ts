import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { routeItems } from '../../shared/router';
import type { OperationMap } from '../../shared/types';
import { ECONTRACT_CREDENTIAL, ECONTRACT_SECRET_FIELDS } from '../transport';
import * as address from './address/Address.resource';
import * as client from './client/Client.resource';
import * as contract from './contract/Contract.resource';
import * as lead from './lead/Lead.resource';
import * as order from './order/Order.resource';
import * as supplier from './supplier/Supplier.resource';
import * as usage from './usage/Usage.resource';

export const operations: OperationMap = {
	client: { get: client.get, create: client.create, search: client.search, update: client.update },
	address: { get: address.get, create: address.create, update: address.update },
	contract: { get: contract.get },
	order: { create: order.create, getLatest: order.getLatest },
	lead: { create: lead.create, createClickOut: lead.createClickOut },
	supplier: { getRating: supplier.getRating },
	usage: { getDefaults: usage.getDefaults },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeItems.call(this, {
		operations,
		credentialType: ECONTRACT_CREDENTIAL,
		secretFields: ECONTRACT_SECRET_FIELDS,
	});
}
