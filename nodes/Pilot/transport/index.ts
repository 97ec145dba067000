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
 * an error", and `success: false` is an error carrying Pilot's `data` text.
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
	return {
		success: true,
		message: String(parsed.message ?? ''),
		data: (parsed.data ?? {}) as IDataObject | string,
	};
}
