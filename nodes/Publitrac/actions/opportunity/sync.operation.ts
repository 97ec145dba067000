import { parseJsonObject } from '../../../shared/json';
import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { toVendorDate } from '../../../shared/dates';
import { extraFieldsJsonField } from '../../../shared/descriptions';
import { inputError } from '../../../shared/errors';
import { assertInteger, isBlank, toFieldString } from '../../../shared/validation';
import { isXmlName } from '../../../shared/xml';
import type { XmlNode } from '../../../shared/xml';
import { answerItem } from '../../helpers/common';
import { DATE_FORMAT } from '../../helpers/lead';
import { publitracCall } from '../../transport';

// doc appendix "Objet opportunité": the sales stages.
const SALES_STAGES = [
	'Prospecting',
	'Qualification',
	'Needs Analysis',
	'Value Proposition',
	'Id. Decision Makers',
	'Perception Analysis',
	'Proposal/Price Quote',
	'Negotiation/Review',
	'Closed Won',
	'Closed Lost',
];

// The value stays PUBLITRAC's stage name; only its label is spelled out.
const STAGE_NAMES: Record<string, string> = { 'Id. Decision Makers': 'Identify Decision Makers' };

const properties: INodeProperties[] = [
	{
		displayName: 'ID',
		name: 'id',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1234abc',
		description:
			'The ID of the opportunity in your own system: an opportunity with this ID is updated, otherwise one is created',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		description: 'The name of the opportunity',
	},
	{
		displayName: 'Sales Stage',
		name: 'salesStage',
		type: 'options',
		required: true,
		// Sorted by name, as n8n's node rules require of every option list (scripts/lint-resolved.mjs).
		options: SALES_STAGES.map((s) => ({ name: STAGE_NAMES[s] ?? s, value: s })).sort((a, b) =>
			a.name.localeCompare(b.name, 'en'),
		),
		default: 'Prospecting',
		description:
			'Where the opportunity stands in the sales pipeline, from Prospecting to Closed Won or Closed Lost',
	},
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		required: true,
		default: 0,
		description: 'Whole amount of the potential sale',
	},
	{
		displayName: 'Probability',
		name: 'probability',
		type: 'number',
		required: true,
		typeOptions: { minValue: 1, maxValue: 100 },
		default: 50,
		description: 'From 1 to 100',
	},
	{
		displayName: 'Lead IDs',
		name: 'leads',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 456zxy, 789abc',
		description:
			'The leads of the opportunity, by their ID in your own system (the CRM Lead ID given when creating or updating them), separated by commas',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Account Name', name: 'accountName', type: 'string', default: '' },
			{ displayName: 'Campaign Name', name: 'campaignName', type: 'string', default: '' },
			{
				displayName: 'Date Closed',
				name: 'dateClosed',
				type: 'dateTime',
				default: '',
				description:
					'Needed when the sales stage is Closed Won or Closed Lost; only the date is kept',
			},
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			extraFieldsJsonField(
				'extraFields',
				'Other opportunity fields, as a JSON object of field name to value; a name starts with a letter or underscore and holds only letters, digits, underscores, dots or hyphens',
			),
			{ displayName: 'Lead Source', name: 'leadSource', type: 'string', default: '' },
			{
				displayName: 'Type',
				name: 'type',
				type: 'string',
				default: '',
				placeholder: 'e.g. New Business',
			},
		],
	},
];

export const parallel = true;

export const requestOptions = true;

export const description = updateDisplayOptions(
	{ show: { resource: ['opportunity'], operation: ['sync'] } },
	properties,
);

/**
 * POST syncOpportunity (doc "Sync opportunity"). An upsert by `id` (created when no opportunity
 * has that id, updated otherwise), so it is safe to send again.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject> {
	const node = this.getNode();
	const get = (name: string) => this.getNodeParameter(name, itemIndex) as unknown;
	const id = String(get('id') ?? '').trim();
	const name = String(get('name') ?? '').trim();
	const salesStage = String(get('salesStage') ?? '');
	if (!id)
		throw inputError(
			node,
			'id',
			'is required: your system ID of the opportunity, e.g. 1234abc',
			itemIndex,
		);
	if (!name) throw inputError(node, 'name', 'is required', itemIndex);
	if (!SALES_STAGES.includes(salesStage))
		throw inputError(
			node,
			'salesStage',
			`"${salesStage}" is not a sales stage. Expected one of ${SALES_STAGES.join(', ')}`,
			itemIndex,
		);
	const amount = get('amount');
	assertInteger(node, 'amount', amount, itemIndex);
	if (isBlank(amount))
		throw inputError(node, 'amount', 'is required, a whole number such as 9000', itemIndex);
	const probability = get('probability');
	assertInteger(node, 'probability', probability, itemIndex);
	if (!(Number(probability) >= 1 && Number(probability) <= 100))
		throw inputError(
			node,
			'probability',
			`"${String(probability)}" must be a whole number from 1 to 100`,
			itemIndex,
		);
	const rawLeads = get('leads');
	const leads = (Array.isArray(rawLeads) ? rawLeads.map(String) : String(rawLeads ?? '').split(','))
		.map((l) => l.trim())
		.filter(Boolean);
	if (!leads.length)
		throw inputError(node, 'leads', 'at least one lead ID is required, e.g. 456zxy', itemIndex);
	const additional = {
		...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
	};
	const extra = parseJsonObject(node, 'Extra Fields (JSON)', additional.extraFields, itemIndex);
	const closed = salesStage.startsWith('Closed');
	// doc "Objet opportunité": Date Closed is mandatory when the opportunity is closed.
	if (closed && isBlank(additional.dateClosed))
		throw inputError(
			node,
			'dateClosed',
			`is required when the sales stage is ${salesStage}. Expected a date such as 2010-10-10`,
			itemIndex,
		);
	const dateClosed = isBlank(additional.dateClosed)
		? undefined
		: toVendorDate(node, additional.dateClosed, {
				field: 'dateClosed',
				format: DATE_FORMAT,
				itemIndex,
			});
	// The doc's element order (example of "Objet opportunité").
	const ordered: Array<[string, unknown]> = [
		['id', id],
		['name', name],
		['description', additional.description],
		['type', additional.type],
		['accountName', additional.accountName],
		['salesStage', salesStage],
		['campaignName', additional.campaignName],
		['leadSource', additional.leadSource],
		['amount', amount],
		['dateClosed', dateClosed],
		['probability', probability],
		...Object.entries(extra),
	];
	const children: XmlNode[] = [];
	for (const [field, value] of ordered) {
		if (!isXmlName(field))
			throw inputError(
				node,
				'Extra Fields (JSON)',
				`"${field}" is not a valid XML element name`,
				itemIndex,
			);
		if (!isBlank(value)) children.push({ name: field, text: toFieldString(value) });
	}
	children.push({
		name: 'leads',
		children: leads.map((leadId) => ({ name: 'leadId', text: leadId })),
	});
	const answer = await publitracCall.call(this, {
		method: 'syncOpportunity',
		http: 'POST',
		query: { name: 'request', children: [{ name: 'opportunity', children }] },
		idempotent: true,
		itemIndex,
		...requestOptions,
	});
	return answerItem(answer, { id });
}
