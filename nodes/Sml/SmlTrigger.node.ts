import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { simplifyField, toCommonLead } from '../shared/leadShape';
import { smlLead } from './helpers/commonLead';
import { STATUS_OPTIONS } from './actions/common.descriptions';
import { loadOptions } from './methods/loadOptions';
import { MAX_SEEN, PollState, pollBudget } from '../shared/pollState';
import { smlList } from './transport';

// Statuses are remembered for the 2,000 most recent leads only (bounded state); the new-lead
// state is nodes/shared/pollState.ts (MAX_SEEN).
const MAX_TRACKED = 2000;

/**
 * The SML part of the check of a stored state (nodes/shared/pollState.ts): `statuses` maps lead
 * ids to texts, at most a few times MAX_TRACKED of them, and the watermark (the id of a lead the
 * trigger read) is no higher than the highest id in it (it keeps the most recent ids). A state of
 * the older trigger (no `config`) may have no statuses.
 */
function statusesProblem(
	stored: IDataObject,
	watermark: string | number | null,
): string | undefined {
	const statuses = stored.statuses;
	if (statuses === undefined && stored.config === undefined) return undefined;
	if (!statuses || typeof statuses !== 'object' || Array.isArray(statuses))
		return 'statuses is not an object of lead IDs';
	const ids = Object.keys(statuses);
	if (ids.length > MAX_TRACKED * 4)
		return `statuses holds ${ids.length} leads, more than this trigger ever keeps`;
	let highest = -1;
	for (const id of ids) {
		const value = (statuses as IDataObject)[id];
		if (!/^\d+$/.test(id) || typeof value !== 'string')
			return 'statuses holds an entry that is not a lead ID and its status';
		highest = Math.max(highest, Number(id));
	}
	if (typeof watermark === 'number' && watermark > highest) {
		return `the watermark ${watermark} is above every lead ID the trigger has read (${ids.length ? `the highest is ${highest}` : 'none'})`;
	}
	return undefined;
}

/** The items as emitted; simplified, which event (new lead or status change), then the common lead. */
function emitted(simplify: boolean, records: IDataObject[]): IDataObject[] {
	return simplify
		? records.map((record) => ({ event: record.event, ...toCommonLead(smlLead, record) }))
		: records;
}

export class SmlTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SML Trigger',
		name: 'smlTrigger',
		icon: { light: 'file:sml.svg', dark: 'file:sml.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["emitStatusChanges"] ? "New Leads and Status Changes" : "New Leads"}}',
		description: 'Starts the workflow when SML has new leads, or leads whose status changed',
		defaults: { name: 'SML Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'smlApi', required: true }],
		properties: [
			{
				// Still the boolean it was (false/true): existing workflows keep their choice.
				displayName: 'Trigger On',
				name: 'emitStatusChanges',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'New Lead', value: false, description: 'A lead created since the last check' },
					{
						name: 'New Lead or Status Change',
						value: true,
						description:
							'Also a lead whose status changed since the last check (output with event "statusChanged" and its previous status)',
					},
				],
				default: false,
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [
					{
						displayName: 'Concessionaire Names or IDs',
						name: 'concessionaire__in',
						type: 'multiOptions',
						typeOptions: { loadOptionsMethod: 'getConcessionaires' },
						default: [],
						description:
							'Leads of these concessionaires only. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Status',
						name: 'status',
						type: 'options',
						options: STATUS_OPTIONS,
						default: 'new',
						description:
							'Leads with this status only (statuses are listed in the order a lead goes through them)',
					},
				],
			},
			simplifyField,
		],
	};

	methods = { loadOptions };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const filters = this.getNodeParameter('filters', {}) as IDataObject;
		const emitStatusChanges = this.getNodeParameter('emitStatusChanges', false) as boolean;
		const simplify = this.getNodeParameter('simplify', false) === true;
		const qs: IDataObject = {};
		if (filters.status) qs.status = filters.status;
		if (Array.isArray(filters.concessionaire__in) && filters.concessionaire__in.length)
			qs.concessionaire__in = filters.concessionaire__in.join(',');
		else if (typeof filters.concessionaire__in === 'string' && filters.concessionaire__in)
			qs.concessionaire__in = filters.concessionaire__in;

		// "Fetch test event": the newest lead as a sample; the saved state is left alone.
		if (this.getMode() === 'manual') {
			const leads = await smlList.call(this, '/api/lead/', {
				returnAll: true,
				limit: 0,
				qs,
				pageSize: 100,
			});
			const newest = leads.reduce<IDataObject | undefined>(
				(a, b) => (!a || Number(b.id) > Number(a.id) ? b : a),
				undefined,
			);
			return newest
				? [this.helpers.returnJsonArray(emitted(simplify, [{ event: 'newLead', ...newest }]))]
				: null;
		}

		const budget = pollBudget(this);
		let complete = true;
		const shouldContinue = () => {
			if (budget.canContinue()) return true;
			complete = false;
			return false;
		};
		const leads = await smlList.call(this, '/api/lead/', {
			returnAll: true,
			limit: 0,
			qs,
			pageSize: 100,
			shouldContinue,
			...budget.requestOptions(),
		});

		// New leads: nodes/shared/pollState.ts, a lead's id as its position (ids grow). Other
		// filters watch other leads: a new baseline.
		const state = PollState.load(this, {
			config: JSON.stringify(qs),
			numeric: true,
			maxSeen: MAX_SEEN,
			// Before the shared state: `lastId` (every id up to it handled) and bare ids.
			legacy: (stored) =>
				typeof stored.lastId === 'number'
					? { watermark: stored.lastId, overflow: true, seen: [] }
					: undefined,
			check: statusesProblem,
			labels: { trigger: 'SML Trigger', record: 'lead', field: 'id' },
		});
		const stored = this.getWorkflowStaticData('node');
		const statuses: Record<string, string> = {
			...((stored.statuses as Record<string, string> | undefined) ?? {}),
		};
		// One lead once, in id order (a page that shifted while read repeats a lead).
		const byId = [
			...new Map(
				leads
					.filter((lead) => Number.isFinite(Number(lead.id)))
					.map((lead) => [Number(lead.id), lead]),
			).values(),
		].sort((a, b) => Number(a.id) - Number(b.id));
		const fresh = new Set(
			state.take(
				byId.map((lead) => ({ id: Number(lead.id), position: Number(lead.id), item: lead })),
				{ complete },
			),
		);
		const out: IDataObject[] = [];
		for (const lead of byId) {
			const id = Number(lead.id);
			const status = String(lead.status ?? '');
			if (fresh.has(lead) && !state.firstPoll) out.push({ event: 'newLead', ...lead });
			else if (
				!state.firstPoll &&
				emitStatusChanges &&
				statuses[id] !== undefined &&
				statuses[id] !== status
			) {
				out.push({ event: 'statusChanged', previousStatus: statuses[id], ...lead });
			}
			statuses[id] = status;
		}
		// Statuses of the most recent leads only.
		const keep = Object.keys(statuses)
			.map(Number)
			.sort((a, b) => b - a)
			.slice(0, MAX_TRACKED);
		state.save({ statuses: Object.fromEntries(keep.map((id) => [String(id), statuses[id]])) });
		return out.length ? [this.helpers.returnJsonArray(emitted(simplify, out))] : null;
	}
}
