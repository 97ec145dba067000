import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { RetryPolicy } from './transport';

/** The "Request Options" every calling operation offers: timeout and retries. */
export const requestOptionsField: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 3,
			description:
				'How many times a request is sent again, after a growing pause, when the CRM is busy or briefly unavailable, or the connection fails on a request that is safe to repeat. A create is never sent again when the CRM may have received it.',
		},
		{
			displayName: 'Parallel Requests',
			name: 'parallelRequests',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 50 },
			default: 5,
			description:
				'How many input items are sent to the CRM at the same time. Output order and item pairing do not change; set 1 to send one item after the other.',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30,
			description:
				'The most time one request may take, from sending it to the end of its answer; a request not complete by then fails (a read is sent again, within Max Retries)',
		},
	],
};

/**
 * Request Options of an operation that sends its items one after the other (most reads and
 * updates, batch operations): without Parallel Requests, which would do nothing there.
 */
export const sequentialRequestOptionsField: INodeProperties = {
	...requestOptionsField,
	options: (requestOptionsField.options ?? []).filter(
		(option) => (option as INodeProperties).name !== 'parallelRequests',
	),
};

export function readRequestOptions(
	this: IExecuteFunctions,
	itemIndex: number,
): { timeoutMs?: number; retry?: Partial<RetryPolicy> } {
	const options = this.getNodeParameter('requestOptions', itemIndex, {}) as IDataObject;
	const out: { timeoutMs?: number; retry?: Partial<RetryPolicy> } = {};
	if (typeof options.timeout === 'number' && options.timeout > 0)
		out.timeoutMs = options.timeout * 1000;
	if (typeof options.maxRetries === 'number' && options.maxRetries >= 0)
		out.retry = { maxRetries: options.maxRetries };
	return out;
}

/** Return All / Limit, as every list operation shows them. */
export const returnAllFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/**
 * The "Extra Fields (JSON)" parameter: fields the node does not list, as a JSON object.
 * `name` stays what each operation has always used: workflows saved it.
 */
export function extraFieldsJsonField(
	name: 'extraFieldsJson' | 'extraFields',
	description: string,
): INodeProperties {
	return { displayName: 'Extra Fields (JSON)', name, type: 'json', default: '{}', description };
}
