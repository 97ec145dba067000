import { NodeConnectionTypes } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { simplifyField, simplifyRecords } from '../shared/leadShape';
import { MIN_POLL_BUDGET_MS, pollRequestOptions } from '../shared/transport';
import { latestFilterOptions, readLatestFilters } from './actions/order/latestFilters';
import { econtractRequest, toOutput } from './transport';

const MAX_SEEN = 500;

interface PollState {
	/** created_at of the newest order emitted (or seen at the baseline). */
	watermark?: string;
	/** Recently seen order ids, newest last, at most MAX_SEEN. */
	seen?: Array<string | number>;
}

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
		subtitle: 'New orders',
		description: 'Starts the workflow when new orders appear in the Econtract CRM (latest orders)',
		defaults: { name: 'Econtract Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'econtractApi', required: true }],
		properties: [
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				description: 'Filters of the latest-orders call (doc "Get Latest Orders")',
				options: latestFilterOptions.filter((option) => option.name !== 'affiliate_id'),
			},
			// The order's client becomes the lead (crmId: the client's ID); the order stays in raw.
			simplifyField,
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const node = this.getNode();
		const state = this.getWorkflowStaticData('node') as PollState;
		const manual = this.getMode() === 'manual';
		const budget = (this as IPollFunctions & { getPollBudgetMs?: () => number }).getPollBudgetMs?.();
		// n8n 2.41 poll budget: no call when there is no time left for it to finish.
		if (budget !== undefined && budget < MIN_POLL_BUDGET_MS && !manual) return null;
		const filters = readLatestFilters(node, this.getNodeParameter('filters', {}) as IDataObject);
		// Doc "Get Latest Orders": POST /api/latest; 100 is the vendor client's largest page.
		const answer = await econtractRequest.call(this, {
			method: 'POST',
			path: '/api/latest',
			data: { ...filters, limit: manual ? 1 : 100 },
			idempotent: true,
			...pollRequestOptions(budget),
		});
		const orders = toOutput(answer);
		const simplify = this.getNodeParameter('simplify', false) === true;
		if (manual) {
			// "Fetch test event": the newest order as a sample, state untouched.
			return orders.length ? [this.helpers.returnJsonArray(simplifyRecords(simplify, 'econtract', [orders[0]]))] : null;
		}
		const seen = new Set((state.seen ?? []).map(String));
		const firstPoll = state.watermark === undefined && state.seen === undefined;
		const fresh = orders
			.filter((order) => {
				const id = orderId(order);
				if (id === undefined || seen.has(String(id))) return false;
				return state.watermark === undefined || createdAt(order) >= state.watermark;
			})
			.sort((a, b) => createdAt(a).localeCompare(createdAt(b)));
		const seenList = [...(state.seen ?? [])];
		for (const order of fresh) seenList.push(orderId(order)!);
		for (const order of orders) {
			const id = orderId(order);
			if (firstPoll && id !== undefined && !seenList.map(String).includes(String(id))) seenList.push(id);
		}
		state.seen = seenList.slice(-MAX_SEEN);
		const newest = [...orders.map(createdAt), state.watermark ?? ''].sort().pop();
		if (newest) state.watermark = newest;
		// First poll: the baseline; only orders after it are new.
		if (firstPoll || fresh.length === 0) return null;
		return [this.helpers.returnJsonArray(simplifyRecords(simplify, 'econtract', fresh))];
	}
}
