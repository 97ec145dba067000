import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { inputError } from '../../../shared/errors';
import type { OperationContext, OperationResult, PreparedItem } from '../../../shared/types';
import { isBlank } from '../../../shared/validation';
import { isXmlName } from '../../../shared/xml';
import type { XmlNode } from '../../../shared/xml';
import { answerItem } from '../../helpers/common';
import { leadElement, readLeadInput } from '../../helpers/lead';
import type { LeadInput } from '../../helpers/lead';
import { publitracCall } from '../../transport';
import { leadProperties } from './fields';

const properties: INodeProperties[] = [
	...leadProperties,
	{
		displayName: 'Use Token',
		name: 'useToken',
		type: 'boolean',
		default: false,
		description:
			'Whether to find the lead (and anonymous leads) by its Token first, before its email',
	},
	{
		displayName: 'Merge Anonymous',
		name: 'mergeAnonymous',
		type: 'boolean',
		default: false,
		description:
			"Whether to merge the visitor's anonymous history into the lead; needs the lead's Token",
	},
	{
		displayName: 'Fields to Match On',
		name: 'customUnicityKeys',
		type: 'string',
		default: '',
		placeholder: 'e.g. email,crmLeadId',
		description:
			'Lead fields that together find the lead to update, comma-separated, instead of the email alone; each lead must have a value in each of them',
	},
	{
		displayName: 'Send Items in One Call',
		name: 'batch',
		type: 'boolean',
		default: false,
		description:
			'Whether to send many input items to PUBLITRAC together, in batches, instead of one request per item',
	},
	{
		displayName: 'Leads per Call',
		name: 'batchSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 1000 },
		default: 100,
		description: 'How many leads are sent together in one request',
		displayOptions: { show: { batch: [true] } },
	},
];

export const requestOptions = true;

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['sync'] } },
	properties,
);

interface Prepared {
	lead: XmlNode;
	options: XmlNode[];
	group: string;
	batchSize: number;
}

function leadValue(input: LeadInput, key: string): unknown {
	if (key === 'email') return input.email;
	return input.fields[key] ?? input.customFields[key];
}

/** One item's <lead> and request options, with the doc's "frequent errors" checked before sending. */
export function prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
	const node = this.getNode();
	const input = readLeadInput.call(this, itemIndex);
	const useToken = this.getNodeParameter('useToken', itemIndex, false) as boolean;
	const mergeAnonymous = this.getNodeParameter('mergeAnonymous', itemIndex, false) as boolean;
	const keys = String(this.getNodeParameter('customUnicityKeys', itemIndex, '') ?? '')
		.split(',')
		.map((k) => k.trim())
		.filter(Boolean);
	// doc "Sync Lead", frequent errors: mergeAnonymous without the Token value.
	if (mergeAnonymous && isBlank(input.fields.token)) {
		throw inputError(
			node,
			'mergeAnonymous',
			'needs the lead Token (Additional Fields > Token), e.g. _nl-yourdomain.com-1323891914130-53205',
			itemIndex,
		);
	}
	for (const key of keys) {
		if (!isXmlName(key))
			throw inputError(
				node,
				'customUnicityKeys',
				`"${key}" is not a lead field name. Expected names such as email,crmLeadId`,
				itemIndex,
			);
		// doc "Sync Lead", frequent errors: empty values in the chosen unicity keys.
		if (isBlank(leadValue(input, key))) {
			throw inputError(
				node,
				'customUnicityKeys',
				`the unicity key "${key}" has no value on this lead. Give the lead a ${key} or remove it from the keys`,
				itemIndex,
			);
		}
	}
	const lead = leadElement.call(this, input, itemIndex);
	const options: XmlNode[] = [];
	// doc "Sync Lead": both default to 0 (false) when absent, so only an option that is on is
	// sent, as the doc writes it: mergeAnonymous "à 1 (vrai)", useToken true (its example).
	if (useToken) options.push({ name: 'useToken', text: 'true' });
	if (mergeAnonymous) options.push({ name: 'mergeAnonymous', text: '1' });
	if (keys.length) options.push({ name: 'customUnicityKeys', text: keys.join(',') });
	const batch = this.getNodeParameter('batch', itemIndex, false) as boolean;
	const batchSize = batch
		? Math.max(1, Number(this.getNodeParameter('batchSize', itemIndex, 100)) || 100)
		: 1;
	return {
		lead,
		options,
		batchSize,
		group: batch ? JSON.stringify([options, batchSize]) : `single:${itemIndex}`,
	};
}

/** Items with the same options go together, Leads per Call at a time; others one per call. */
export function batches(
	items: Array<PreparedItem<Prepared>>,
): Array<Array<PreparedItem<Prepared>>> {
	const groups = new Map<string, Array<PreparedItem<Prepared>>>();
	for (const item of items) {
		const group = groups.get(item.value.group);
		if (group) group.push(item);
		else groups.set(item.value.group, [item]);
	}
	const chunks: Array<Array<PreparedItem<Prepared>>> = [];
	for (const members of groups.values()) {
		const size = members[0].value.batchSize;
		for (let start = 0; start < members.length; start += size) {
			chunks.push(members.slice(start, start + size));
		}
	}
	return chunks;
}

/**
 * POST syncLead with one or many <lead> elements. syncLead is an upsert (doc "Sync Lead":
 * an existing lead, found by its unicity key, is updated, never duplicated), so it is
 * safe to send again after a 502/504/reset.
 */
export async function send(
	this: IExecuteFunctions,
	chunk: Array<PreparedItem<Prepared>>,
	context: OperationContext,
): Promise<OperationResult[]> {
	const answer = await publitracCall.call(this, {
		method: 'syncLead',
		http: 'POST',
		query: {
			name: 'request',
			children: [...chunk[0].value.options, ...chunk.map((m) => m.value.lead)],
		},
		idempotent: true,
		itemIndex: chunk[0].itemIndex,
		...context.requestOptions,
	});
	return chunk.map((m) => {
		const email = m.value.lead.children?.find((c) => c.name === 'email')?.text;
		return answerItem(answer, { email, leadsInCall: chunk.length });
	});
}
