import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { inputError } from '../shared/errors';
import { simplifyField, simplifyRecords } from '../shared/leadShape';
import { publitracLead } from './helpers/commonLead';
import { getListParams } from './helpers/common';
import { MAX_SEEN, PollState, pollBudget } from '../shared/pollState';
import { publitracPages } from './transport';
import { publitracApiTest } from './methods/credentialTest';

// The bound of the poll state (nodes/shared/pollState.ts): at most 2,000 recent leads kept.
export { MAX_SEEN };

// doc "Format": yyyy-mm-dd hh:mm:ss sorts as text; 0000-00-00 (the doc's opportunity example) means none.
function timeOf(lead: IDataObject, event: string): string {
	const pick = (value: unknown) =>
		typeof value === 'string' &&
		/^\d{4}-\d{2}-\d{2}/.test(value.trim()) &&
		!value.startsWith('0000')
			? value.trim()
			: '';
	const created = pick(lead.createdDate);
	if (event === 'new') return created;
	return pick(lead.lastUpdated) || created;
}

/** A 429 answer (doc "Limitation": too many calls on the account) that failed the read. */
function isTooManyCalls(error: unknown): boolean {
	return String((error as { httpCode?: unknown } | undefined)?.httpCode) === '429';
}

export class PublitracTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'PUBLITRAC Trigger',
		name: 'publitracTrigger',
		icon: { light: 'file:publitrac.svg', dark: 'file:publitrac.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{(($parameter["event"] === "newOrUpdated" ? "New or Updated Leads in " : "New Leads in ") + ($parameter["source"] === "list" ? "List " + ($parameter["listName"] || "") : "View " + ($parameter["viewName"] || ""))).trim()}}',
		description:
			'Starts the workflow when leads are new, or new or updated, in a PUBLITRAC view or list',
		defaults: { name: 'PUBLITRAC Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'publitracApi', required: true, testedBy: 'publitracApiTest' }],
		properties: [
			{
				displayName: 'Watch',
				name: 'source',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'View (Filtered List)',
						value: 'view',
						description: 'The leads of a saved filter in PUBLITRAC',
					},
					{ name: 'List', value: 'list', description: 'The leads of a static list in PUBLITRAC' },
				],
				default: 'view',
			},
			{
				displayName: 'View Name',
				name: 'viewName',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. PromoABC_Email_Open',
				displayOptions: { show: { source: ['view'] } },
			},
			{
				displayName: 'List Name',
				name: 'listName',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. Newsletter Subscribers',
				displayOptions: { show: { source: ['list'] } },
			},
			{
				displayName: 'Trigger On',
				name: 'event',
				type: 'options',
				options: [
					{
						name: 'New Lead',
						value: 'new',
						description: 'A lead created since the last check (by its creation date)',
					},
					{
						name: 'New or Updated Lead',
						value: 'newOrUpdated',
						description: 'A lead created or changed since the last check (by its last update date)',
					},
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
						description:
							'Whether the first poll emits every lead already there (once) instead of only setting the starting point',
					},
				],
			},
		],
	};

	methods = { credentialTest: { publitracApiTest } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const source = this.getNodeParameter('source', 'view') as string;
		const nameField = source === 'list' ? 'listName' : 'viewName';
		const name = String(this.getNodeParameter(nameField, '') ?? '').trim();
		if (!name)
			throw inputError(
				this.getNode(),
				nameField,
				'is required: the name of the PUBLITRAC ' + (source === 'list' ? 'list' : 'view'),
			);
		const event = this.getNodeParameter('event', 'new') as string;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const method = source === 'list' ? 'getList' : 'getView';
		// getList: listName and viewName, both (see getListParams).
		const params = source === 'list' ? getListParams(name) : { viewName: name };
		const simplify = this.getNodeParameter('simplify', false) === true;

		// "Fetch test event": one recent lead as a sample, and the saved state is left alone.
		if (this.getMode() === 'manual') {
			const { records } = await publitracPages.call(this, {
				method,
				params,
				kind: 'lead',
				limit: 100,
			});
			if (!records.length) return null;
			const sample = [...records].sort((a, b) =>
				timeOf(b, event).localeCompare(timeOf(a, event)),
			)[0];
			return [this.helpers.returnJsonArray(simplifyRecords(simplify, publitracLead, [sample]))];
		}

		const budget = pollBudget(this);
		const { records, complete } = await publitracPages
			.call(this, {
				method,
				params,
				kind: 'lead',
				deadline: budget.deadline,
				// Within n8n's poll budget: one try per call, ending before the budget does (the next poll
				// retries), but a 429's Retry-After (another process using the account) is waited for when it fits.
				...budget.requestOptions(),
				retryWindow: budget.retryWindow,
			})
			.catch((error: unknown) => {
				if (budget.retryWindow && isTooManyCalls(error)) {
					(error as { description?: string }).description =
						"PUBLITRAC kept refusing calls (too many calls on this account, by another process too) longer than n8n's time budget for this poll allows. Nothing is lost: the next poll reads what this one did not.";
				}
				throw error;
			});

		// State: nodes/shared/pollState.ts. A lead is one thing to emit per createdDate ("new")
		// or per lastUpdated ("new or updated": each change once).
		const state = PollState.load(this, {
			config: `${method}\u0000${name}\u0000${event}`,
			emitExisting: options.emitExisting === true,
			labels: {
				trigger: 'PUBLITRAC Trigger',
				record: 'lead',
				field: event === 'new' ? 'createdDate' : 'lastUpdated',
			},
		});
		const keyed = records
			.map((lead) => ({ id: String(lead.id ?? ''), position: timeOf(lead, event), item: lead }))
			// Without a date a lead cannot be placed after the baseline: only "emit existing" takes it.
			.filter((k) => k.id !== '' && (k.position !== '' || state.firstPoll));
		const fresh = state.take(keyed, { complete });
		state.save();

		if (!fresh.length) return null;
		return [this.helpers.returnJsonArray(simplifyRecords(simplify, publitracLead, fresh))];
	}
}
