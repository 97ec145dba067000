import { NodeConnectionTypes } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { simplifyField, simplifyRecords } from '../shared/leadShape';
import { STATUS_OPTIONS } from './actions/common';
import { loadOptions } from './methods/loadOptions';
import { pollRequestOptions } from '../shared/transport';
import { smlList } from './transport';

// Bounded state: ids and statuses of the most recent leads only.
const MAX_TRACKED = 2000;

interface PollState {
	lastId?: number;
	seen?: number[];
	statuses?: Record<string, string>;
}

export class SmlTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SML Trigger',
		name: 'smlTrigger',
		icon: { light: 'file:sml.svg', dark: 'file:sml.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow when SML has new leads, or leads whose status changed',
		defaults: { name: 'SML Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'smlApi', required: true }],
		properties: [
			{
				displayName: 'Also Emit Status Changes',
				name: 'emitStatusChanges',
				type: 'boolean',
				default: false,
				description: 'Whether leads whose status changed since the last poll are emitted too (with event "statusChanged" and previousStatus)',
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
						description: 'Leads of these concessionaires only. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{ displayName: 'Status', name: 'status', type: 'options', options: STATUS_OPTIONS, default: 'new', description: 'Leads with this status only' },
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
		if (Array.isArray(filters.concessionaire__in) && filters.concessionaire__in.length) qs.concessionaire__in = filters.concessionaire__in.join(',');
		else if (typeof filters.concessionaire__in === 'string' && filters.concessionaire__in) qs.concessionaire__in = filters.concessionaire__in;

		// "Fetch test event": the newest lead as a sample; the saved state is left alone.
		if (this.getMode() === 'manual') {
			const leads = await smlList.call(this, '/api/lead/', { returnAll: true, limit: 0, qs, pageSize: 100 });
			const newest = leads.reduce<IDataObject | undefined>((a, b) => (!a || Number(b.id) > Number(a.id) ? b : a), undefined);
			return newest ? [simplifyRecords(simplify, 'sml', [{ event: 'newLead', ...newest }]).map((json) => ({ json }))] : null;
		}

		const budget = (this as IPollFunctions & { getPollBudgetMs?: () => number }).getPollBudgetMs?.();
		const started = Date.now();
		const shouldContinue = budget ? () => Date.now() - started < budget : undefined;
		const leads = await smlList.call(this, '/api/lead/', { returnAll: true, limit: 0, qs, pageSize: 100, shouldContinue, ...pollRequestOptions(budget) });

		const state = this.getWorkflowStaticData('node') as PollState;
		const seen = new Set(state.seen ?? []);
		const statuses = { ...(state.statuses ?? {}) };
		const firstPoll = state.lastId === undefined;
		const out: IDataObject[] = [];
		let lastId = state.lastId ?? 0;
		for (const lead of [...leads].sort((a, b) => Number(a.id) - Number(b.id))) {
			const id = Number(lead.id);
			if (!Number.isFinite(id)) continue;
			const status = String(lead.status ?? '');
			const isNew = !firstPoll && id > (state.lastId ?? 0) && !seen.has(id);
			if (isNew) out.push({ event: 'newLead', ...lead });
			else if (!firstPoll && emitStatusChanges && statuses[id] !== undefined && statuses[id] !== status) {
				out.push({ event: 'statusChanged', previousStatus: statuses[id], ...lead });
			}
			seen.add(id);
			statuses[id] = status;
			if (id > lastId) lastId = id;
		}
		// Keep the most recent ids only.
		const keep = [...seen].sort((a, b) => b - a).slice(0, MAX_TRACKED);
		state.lastId = lastId;
		state.seen = keep;
		state.statuses = Object.fromEntries(keep.filter((id) => statuses[id] !== undefined).map((id) => [String(id), statuses[id]]));
		return out.length ? [simplifyRecords(simplify, 'sml', out).map((json) => ({ json }))] : null;
	}
}
