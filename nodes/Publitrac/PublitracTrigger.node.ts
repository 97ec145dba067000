import { NodeConnectionTypes } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { inputError } from '../shared/errors';
import { simplifyField, simplifyRecords } from '../shared/leadShape';
import { pollRequestOptions } from '../shared/transport';
import { publitracPages } from './transport';

/** What the trigger keeps between polls (workflow static data): a watermark and a bounded set of seen leads. */
interface PollState {
	config?: string;
	watermark?: string;
	/** `${id}@${time}` of leads already emitted or taken as baseline at or after the watermark. */
	seen?: string[];
	/** True when more leads share the watermark time than `seen` can hold: those are all taken as seen. */
	overflow?: boolean;
}

// Bounds the static data whatever the size of the view.
export const MAX_SEEN = 2000;

// doc "Format": yyyy-mm-dd hh:mm:ss sorts as text; 0000-00-00 (the doc's opportunity example) means none.
function timeOf(lead: IDataObject, event: string): string {
	const pick = (value: unknown) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value.trim()) && !value.startsWith('0000') ? value.trim() : '');
	const created = pick(lead.createdDate);
	if (event === 'new') return created;
	return pick(lead.lastUpdated) || created;
}

export class PublitracTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'PUBLITRAC Trigger',
		name: 'publitracTrigger',
		icon: { light: 'file:publitrac.svg', dark: 'file:publitrac.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"] + ": " + ($parameter["source"] === "view" ? $parameter["viewName"] : $parameter["listName"])}}',
		description: 'Starts the workflow when leads are new, or new or updated, in a PUBLITRAC view or list',
		defaults: { name: 'PUBLITRAC Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'publitracApi', required: true }],
		properties: [
			{
				displayName: 'Watch',
				name: 'source',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'View (Filtered List)', value: 'view', description: 'Read with getView' },
					{ name: 'List', value: 'list', description: 'Read with getList' },
				],
				default: 'view',
			},
			{
				displayName: 'View Name',
				name: 'viewName',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'PromoABC_Email_Open',
				displayOptions: { show: { source: ['view'] } },
			},
			{
				displayName: 'List Name',
				name: 'listName',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'Imported2012',
				displayOptions: { show: { source: ['list'] } },
			},
			{
				displayName: 'Trigger On',
				name: 'event',
				type: 'options',
				options: [
					{ name: 'New Lead', value: 'new', description: 'A lead created since the last poll (by createdDate)' },
					{ name: 'New or Updated Lead', value: 'newOrUpdated', description: 'A lead created or changed since the last poll (by lastUpdated)' },
				],
				default: 'new',
			},
			simplifyField,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Emit Existing Leads on First Poll',
						name: 'emitExisting',
						type: 'boolean',
						default: false,
						description: 'Whether the first poll emits every lead already there (once) instead of only setting the starting point',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const source = this.getNodeParameter('source', 'view') as string;
		const nameField = source === 'list' ? 'listName' : 'viewName';
		const name = String(this.getNodeParameter(nameField, '') ?? '').trim();
		if (!name) throw inputError(this.getNode(), nameField, 'is required: the name of the PUBLITRAC ' + (source === 'list' ? 'list' : 'view'));
		const event = this.getNodeParameter('event', 'new') as string;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const method = source === 'list' ? 'getList' : 'getView';
		const params = { [nameField]: name };
		const simplify = this.getNodeParameter('simplify', false) === true;

		// "Fetch test event": one recent lead as a sample, and the saved state is left alone.
		if (this.getMode() === 'manual') {
			const { records } = await publitracPages.call(this, { method, params, kind: 'lead', limit: 100 });
			if (!records.length) return null;
			const sample = [...records].sort((a, b) => timeOf(b, event).localeCompare(timeOf(a, event)))[0];
			return [this.helpers.returnJsonArray(simplifyRecords(simplify, 'publitrac', [sample]))];
		}

		const budget = (this as IPollFunctions & { getPollBudgetMs?: () => number }).getPollBudgetMs?.();
		const deadline = typeof budget === 'number' && budget > 0 ? Date.now() + budget * 0.8 : undefined;
		const { records, complete } = await publitracPages.call(this, { method, params, kind: 'lead', deadline, ...pollRequestOptions(budget) });

		const state = this.getWorkflowStaticData('node') as PollState;
		const config = `${method}\u0000${name}\u0000${event}`;
		const firstPoll = state.config !== config || state.watermark === undefined;
		const watermark = firstPoll ? '' : (state.watermark as string);
		const seen = new Set(firstPoll ? [] : (state.seen ?? []));
		const keyed = records.map((lead) => ({ lead, time: timeOf(lead, event), key: `${String(lead.id ?? '')}@${timeOf(lead, event)}` }));

		const fresh = firstPoll
			? options.emitExisting === true
				? keyed
				: []
			: keyed.filter((k) => k.time !== '' && (k.time > watermark || (k.time === watermark && !state.overflow)) && !seen.has(k.key));
		fresh.sort((a, b) => a.time.localeCompare(b.time));

		// The watermark moves only after a complete read: a lead on an unread page must not be skipped.
		const newest = keyed.reduce((max, k) => (k.time > max ? k.time : max), watermark);
		const nextWatermark = complete || firstPoll ? newest : watermark;
		const remembered = [...seen, ...(firstPoll ? keyed.filter((k) => k.time === newest).map((k) => k.key) : []), ...fresh.map((k) => k.key)];
		const recent = [...new Set(remembered)]
			.filter((key) => key.slice(key.lastIndexOf('@') + 1) >= nextWatermark)
			.sort((a, b) => b.slice(b.lastIndexOf('@') + 1).localeCompare(a.slice(a.lastIndexOf('@') + 1)));
		// Truncated now, or truncated before at this same watermark: leads at the watermark count as seen.
		state.overflow = recent.length > MAX_SEEN || (!firstPoll && nextWatermark === watermark && state.overflow === true);
		state.config = config;
		state.watermark = nextWatermark;
		state.seen = recent.slice(0, MAX_SEEN);

		if (!fresh.length) return null;
		return [this.helpers.returnJsonArray(simplifyRecords(simplify, 'publitrac', fresh.map((k) => k.lead)))];
	}
}
