import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { simplifyField, simplifyRecords } from '../shared/leadShape';
import { econtractLead } from './helpers/commonLead';
import { latestFilterOptions, readLatestFilters } from './actions/order/latestFilters';
import { MIN_POLL_BUDGET_MS, PollState, pollBudget } from '../shared/pollState';
import { econtractRequest, toOutput } from './transport';
import { econtractApiTest } from './methods/credentialTest';

// Orders kept in the poll state (nodes/shared/pollState.ts): five polls' worth of the 100
// latest orders the API gives.
const MAX_SEEN = 500;
// doc "Get Latest Orders": the vendor client's largest page; there is no paging.
const LATEST_LIMIT = 100;

function orderId(order: IDataObject): string | number | undefined {
	const id = order.id ?? order.order_id;
	return typeof id === 'number' || typeof id === 'string' ? id : undefined;
}

function createdAt(order: IDataObject): string {
	const value = order.created_at ?? order.createdAt ?? '';
	return typeof value === 'string' ? value : String(value);
}

export class EcontractTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Econtract Trigger',
		name: 'econtractTrigger',
		icon: { light: 'file:econtract.svg', dark: 'file:econtract.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'New Orders',
		description: 'Starts the workflow when new orders appear in the Econtract CRM (latest orders)',
		defaults: { name: 'Econtract Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'econtractApi', required: true, testedBy: 'econtractApiTest' }],
		properties: [
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				description: 'Only new orders that match all these filters start the workflow',
				options: latestFilterOptions.filter((option) => option.name !== 'affiliate_id'),
			},
			// The order's client becomes the lead (crmId: the client's ID); the order stays in raw.
			simplifyField,
		],
	};

	methods = { credentialTest: { econtractApiTest } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const node = this.getNode();
		const manual = this.getMode() === 'manual';
		const budget = pollBudget(this);
		// n8n 2.41 poll budget: no call when there is no time left for it to finish.
		if (budget.budgetMs !== undefined && budget.budgetMs < MIN_POLL_BUDGET_MS && !manual)
			return null;
		const filters = readLatestFilters(node, this.getNodeParameter('filters', {}) as IDataObject);
		// Doc "Get Latest Orders": POST /api/latest; 100 is the vendor client's largest page.
		const answer = await econtractRequest.call(this, {
			method: 'POST',
			path: '/api/latest',
			data: { ...filters, limit: manual ? 1 : LATEST_LIMIT },
			idempotent: true,
			...budget.requestOptions(),
		});
		const orders = toOutput(answer);
		const simplify = this.getNodeParameter('simplify', false) === true;
		if (manual) {
			// "Fetch test event": the newest order as a sample, state untouched.
			return orders.length
				? [this.helpers.returnJsonArray(simplifyRecords(simplify, econtractLead, [orders[0]]))]
				: null;
		}
		// State: nodes/shared/pollState.ts, an order's created_at as its position.
		const state = PollState.load(this, {
			config: JSON.stringify(filters),
			maxSeen: MAX_SEEN,
			labels: { trigger: 'Econtract Trigger', record: 'order', field: 'created_at' },
			// Before the shared state: the newest created_at and bare ids (taken at that time).
			legacy: (stored) =>
				stored.watermark !== undefined || stored.seen !== undefined
					? {
							watermark: typeof stored.watermark === 'string' ? stored.watermark : null,
							overflow: false,
							seen: Array.isArray(stored.seen) ? stored.seen.map(String) : [],
						}
					: undefined,
		});
		const records = orders.flatMap((order) => {
			const id = orderId(order);
			return id === undefined ? [] : [{ id, position: createdAt(order), item: order }];
		});
		const fresh = state.take(records, { complete: true });
		state.save();
		// First poll: the baseline; only orders after it are new.
		if (state.firstPoll || fresh.length === 0) return null;
		if (orders.length >= LATEST_LIMIT && fresh.length === records.length) {
			// All of the latest orders are new: older new ones may lie beyond them, out of reach.
			this.logger.warn(
				`Econtract Trigger: ${LATEST_LIMIT} new orders since the last poll, the most the API returns; poll more often if orders arrive faster`,
			);
		}
		return [this.helpers.returnJsonArray(simplifyRecords(simplify, econtractLead, fresh))];
	}
}
