import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { vendorError } from '../../shared/errors';
import { secretsOf } from '../../shared/redact';
import {
	cachedCredentials,
	credentialBaseUrl,
	crmRequest,
	shortText,
} from '../../shared/transport';
import type { RetryPolicy } from '../../shared/transport';

export const PILOT_CREDENTIAL = 'pilotApi';
export const PILOT_SECRET_FIELDS = ['appKey'];

export interface PilotAnswer {
	success: boolean;
	message: string;
	data: IDataObject | string;
}

function isTrue(value: unknown): boolean {
	return value === true || value === 'true' || value === 1 || value === '1';
}

function isFalse(value: unknown): boolean {
	return value === false || value === 'false' || value === 0 || value === '0';
}

/** Text of Pilot's `data` (a string on failure, an object on success). */
function dataText(data: unknown): string {
	if (typeof data === 'string') return data;
	if (data && typeof data === 'object' && typeof (data as IDataObject).message === 'string')
		return (data as IDataObject).message as string;
	return data === undefined ? '' : JSON.stringify(data);
}

/**
 * POSTs a form-encoded Pilot webhook (doc: "API Restful starting point") and
 * decodes the answer. Doc "IMPORTANT: any answer that is not status 200 HTTP is
 * an error", and `success: false` is an error carrying Pilot's `data` text, as is a
 * `data.success` of false (the record was not inserted), with `data.message`.
 * A create is never sent twice when Pilot may have received it.
 */
export async function pilotPost(
	this: IExecuteFunctions,
	path: '/webhooks/welcome.php' | '/webhooks/survey.php',
	fields: Record<string, string>,
	itemIndex: number,
	options: { timeoutMs?: number; retry?: Partial<RetryPolicy> } = {},
): Promise<PilotAnswer> {
	const credentials = await cachedCredentials.call(this, PILOT_CREDENTIAL);
	// Redacted here too, not only by the router: an error page may quote the form with the appkey.
	const secrets = secretsOf(credentials, PILOT_SECRET_FIELDS);
	const baseUrl = credentialBaseUrl(this.getNode(), 'Pilot', credentials, itemIndex);
	const body = new URLSearchParams({ action: 'create', ...fields });
	const response = await crmRequest.call(this, {
		crm: 'Pilot',
		credentialType: PILOT_CREDENTIAL,
		method: 'POST',
		url: `${baseUrl}${path}`,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
		body,
		idempotent: false,
		credentials,
		secrets,
		itemIndex,
		timeoutMs: options.timeoutMs,
		retry: options.retry,
	});
	let parsed: IDataObject | undefined;
	try {
		const value: unknown = JSON.parse(response.body);
		if (value && typeof value === 'object' && !Array.isArray(value)) parsed = value as IDataObject;
	} catch {
		parsed = undefined;
	}
	if (response.statusCode !== 200) {
		const detail = parsed
			? dataText(parsed.data) || String(parsed.message ?? '')
			: shortText(response.body);
		throw vendorError(
			this.getNode(),
			'Pilot',
			`HTTP ${response.statusCode}${detail ? ` - ${detail}` : ''}`,
			{
				httpCode: response.statusCode,
				itemIndex,
				secrets,
			},
		);
	}
	if (!parsed) {
		throw vendorError(
			this.getNode(),
			'Pilot',
			`the answer is not Pilot's JSON ({success, message, data}): ${shortText(response.body) || '(empty body)'}`,
			{
				httpCode: response.statusCode,
				itemIndex,
				secrets,
			},
		);
	}
	if (!isTrue(parsed.success)) {
		const detail = dataText(parsed.data) || String(parsed.message ?? 'no detail given');
		throw vendorError(this.getNode(), 'Pilot', `${String(parsed.message ?? 'Error')} - ${detail}`, {
			httpCode: response.statusCode,
			itemIndex,
			secrets,
		});
	}
	// Doc "Output format": `data` carries its own `success`, which "indicates that it was inserted
	// in the base correctly", apart from the top-level one (the request was understood). A record
	// Pilot says it did not insert is this item's failure, not a success; it is not sent again.
	const data =
		parsed.data && typeof parsed.data === 'object' && !Array.isArray(parsed.data)
			? (parsed.data as IDataObject)
			: undefined;
	if (data && isFalse(data.success)) {
		const record = path === '/webhooks/survey.php' ? 'survey' : 'lead';
		const reason =
			(typeof data.message === 'string' && data.message.trim()) ||
			String(parsed.message ?? '').trim() ||
			'no reason given';
		throw vendorError(this.getNode(), 'Pilot', `Pilot did not store the ${record}: ${reason}`, {
			httpCode: response.statusCode,
			description: `Pilot answered the request but reported that the ${record} was not inserted. It was not sent again.`,
			itemIndex,
			secrets,
		});
	}
	return {
		success: true,
		message: String(parsed.message ?? ''),
		data: (parsed.data ?? {}) as IDataObject | string,
	};
}
