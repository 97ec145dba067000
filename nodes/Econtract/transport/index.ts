import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';
import { vendorError } from '../../shared/errors';
import { secretsOf } from '../../shared/redact';
import {
	cachedCredentials,
	credentialBaseUrl,
	crmRequest,
	shortText,
} from '../../shared/transport';
import type { RetryPolicy } from '../../shared/transport';
import { toPhpForm, toPhpQuery } from '../helpers/form';

export const ECONTRACT_CREDENTIAL = 'econtractApi';
export const ECONTRACT_SECRET_FIELDS = ['crmApiKey'];

export type EcontractContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

export interface EcontractCall {
	method: 'GET' | 'POST';
	path: string;
	data?: IDataObject;
	/** False for lead creates; true for reads and for the upserts the doc says the CRM dedupes. */
	idempotent: boolean;
	itemIndex?: number;
	timeoutMs?: number;
	retry?: Partial<RetryPolicy>;
}

/** Laravel-style validation answer `{message, errors: {field: [text]}}` as one line. */
function errorDetail(parsed: unknown, raw: string): string {
	if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
		const body = parsed as IDataObject;
		const parts: string[] = [];
		const message = body.message ?? body.error;
		if (typeof message === 'string' && message) parts.push(message);
		if (body.errors && typeof body.errors === 'object') {
			for (const [field, texts] of Object.entries(body.errors as IDataObject)) {
				parts.push(`${field}: ${(Array.isArray(texts) ? texts : [texts]).map(String).join(', ')}`);
			}
		}
		if (parts.length) return parts.join('; ');
	}
	return shortText(raw);
}

/**
 * The one Econtract call: credentials merged into the data by the credential,
 * GET data in the query, POST data form-encoded with PHP brackets (contract
 * "Econtract", from the vendor client); JSON answers; 401 named clearly.
 */
export async function econtractRequest(
	this: EcontractContext,
	call: EcontractCall,
): Promise<unknown> {
	const credentials = await cachedCredentials.call(this, ECONTRACT_CREDENTIAL);
	const secrets = secretsOf(credentials, ECONTRACT_SECRET_FIELDS);
	const baseUrl = credentialBaseUrl(this.getNode(), 'Econtract', credentials, call.itemIndex);
	const data = call.data ?? {};
	const response = await crmRequest.call(this, {
		crm: 'Econtract',
		credentialType: ECONTRACT_CREDENTIAL,
		method: call.method,
		url: `${baseUrl}${call.path}`,
		qs: call.method === 'GET' ? toPhpQuery(data) : undefined,
		headers:
			call.method === 'GET'
				? { Accept: 'application/json' }
				: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
		body: call.method === 'GET' ? undefined : toPhpForm(data),
		idempotent: call.idempotent,
		credentials,
		itemIndex: call.itemIndex,
		timeoutMs: call.timeoutMs,
		retry: call.retry,
		secrets,
	});
	let parsed: unknown;
	try {
		parsed = response.body.trim() === '' ? undefined : JSON.parse(response.body);
	} catch {
		parsed = undefined;
	}
	if (response.statusCode === 401) {
		// Doc "Credentials": a wrong or missing ID/key aborts the call with 401.
		throw vendorError(
			this.getNode(),
			'Econtract',
			'Econtract rejected the CRM ID or API key (HTTP 401)',
			{
				httpCode: 401,
				itemIndex: call.itemIndex,
				secrets,
				description: 'Check the CRM API ID and CRM API Key of the Econtract credential.',
			},
		);
	}
	if (response.statusCode < 200 || response.statusCode >= 300) {
		const detail = errorDetail(parsed, response.body);
		throw vendorError(
			this.getNode(),
			'Econtract',
			`HTTP ${response.statusCode}${detail ? ` - ${detail}` : ''}`,
			{
				httpCode: response.statusCode,
				itemIndex: call.itemIndex,
				secrets,
			},
		);
	}
	if (parsed === undefined) {
		throw vendorError(
			this.getNode(),
			'Econtract',
			`the answer is not JSON: ${shortText(response.body) || '(empty body)'}`,
			{
				httpCode: response.statusCode,
				itemIndex: call.itemIndex,
				secrets,
			},
		);
	}
	return parsed;
}

/** An answer as output items: a list gives one item each, `{data: [...]}` is unwrapped. */
export function toOutput(answer: unknown): IDataObject[] {
	if (Array.isArray(answer))
		return answer.map((entry) =>
			entry && typeof entry === 'object' ? (entry as IDataObject) : { value: entry },
		);
	if (answer && typeof answer === 'object') {
		const data = (answer as IDataObject).data;
		if (Array.isArray(data) && Object.keys(answer).length === 1) return toOutput(data);
		return [answer as IDataObject];
	}
	return [{ value: answer as string }];
}
