import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IPollFunctions,
	ILoadOptionsFunctions,
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
import { hasNextNumberedPage, readNumberedPages } from '../../shared/paging';
import type { NumberedPage, NumberedPagingResult } from '../../shared/paging';
import { parseXml, renderXml } from '../../shared/xml';
import type { XmlNode } from '../../shared/xml';

export const PUBLITRAC_CREDENTIAL = 'publitracApi';
// All three travel in the URL (doc "Authentification"), so HTTP-layer errors may quote them.
export const PUBLITRAC_SECRET_FIELDS = ['apiKey', 'password', 'accountToken'];
// doc "Limitation": at most 35 calls per second per account.
export const PUBLITRAC_CALLS_PER_SECOND = 35;

/** This process's share of the 35 calls/s: 35 / N for N n8n processes sharing the account. */
export function callsPerSecond(share: unknown): number {
	const n = Math.floor(Number(share));
	return Number.isFinite(n) && n > 1
		? Math.max(1, Math.floor(PUBLITRAC_CALLS_PER_SECOND / n))
		: PUBLITRAC_CALLS_PER_SECOND;
}

type PublitracContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

/** doc appendix "Codes d'erreurs": constant name of each error code. */
export const ERROR_CODES: Record<string, string> = {
	'9001': 'ERROR_EMAIL_IS_REQUIRED',
	'9002': 'ERROR_EMAIL_IS_INVALID',
	'9003': 'ERROR_EXTERNAL_ID_NOT_DEFINED',
	'9004': 'ERROR_LEAD_ALREADY_EXISTS',
	'9005': 'ERROR_LEAD_DOES_NOT_EXISTS',
	'9006': 'ERROR_LEAD_DOES_NOT_HAVE_ORIGINAL_SOURCE',
	'9007': 'ERROR_LEAD_DOES_NOT_HAVE_ORIGINAL_SOURCE_TYPE',
	'9008': 'ERROR_LEAD_UNSUPPORTED_CUSTOM_TAG',
	'9009': 'ERROR_LIST_DOES_NOT_EXISTS',
	'9010': 'ERROR_VIEW_DOES_NOT_EXISTS',
	'9011': 'ERROR_INVALID_XML',
	'9012': 'ERROR_LIST_INSIDE_FILTER_LIST',
	'9013': 'ERROR_ADD_LEAD_TO_LIST',
	'9014': 'ERROR_REMOVE_LEAD_FROM_LIST',
	'9015': 'ERROR_GET_LEAD',
	'9016': 'ERROR_ADD_LEAD',
	'9017': 'ERROR_UPDATE_LEAD',
	'9018': 'ERROR_SYNC_LEAD',
};

/** The documented meaning of each code, in words. */
const ERROR_MEANINGS: Record<string, string> = {
	'9001': 'the email is required',
	'9002': 'the email is invalid',
	'9003': 'the external id is not defined',
	'9004': 'the lead already exists',
	'9005': 'the lead does not exist',
	'9006': 'the lead has no original source (also used for fields that must be integers)',
	'9007': 'the lead has no original source type (also used for fields that must be 0 or 1)',
	'9008': 'unsupported custom tag on the lead',
	'9009': 'the list does not exist',
	'9010': 'the view does not exist',
	'9011': 'invalid XML',
	'9012': 'leads can only be added to static lists, not filtered lists',
	'9013': 'adding leads to the list failed',
	'9014': 'removing the lead from the list failed',
	'9015': 'getting the lead failed',
	'9016': 'adding the lead failed',
	'9017': 'updating the lead failed',
	'9018': 'syncing the lead failed',
};

/**
 * Whether an answer's <status> is an error. The doc's error codes are the 9xxx family (appendix
 * "Codes d'erreurs"); every other status is an answer to a call PUBLITRAC carried out: the
 * documented success codes, and the HTTP-like "200" of the e-commerce transaction ("200 OK" in
 * the doc, `<status>200</status>` in the XML envelope of the other methods).
 */
export function isErrorStatus(status: string): boolean {
	return /^9\d*$/.test(status.trim());
}

export interface PublitracAnswer {
	status: string;
	message: string;
	/** The <response> element, parsed (strings as the API gives them). */
	response: IDataObject;
}

export interface PublitracCall {
	/** The API method (doc "Index des méthodes"). */
	method: string;
	http: IHttpRequestMethods;
	/** Scalar parameters other than the credentials, sent in the query string as in the doc's examples. */
	params?: Record<string, string>;
	/** The XML `query` document; sent in the form body of a POST, in the query string of a GET. */
	query?: XmlNode;
	/** Other form fields of a POST (e-commerce transaction). */
	form?: Record<string, string>;
	/** Reads and documented upserts only: a write is never sent twice. */
	idempotent: boolean;
	itemIndex?: number;
	timeoutMs?: number;
	retry?: Partial<RetryPolicy>;
	/** A poll's time budget: a 429's Retry-After is waited for when it fits (crmRequest's `retryWindow`). */
	retryWindow?: { sendBy: number; endBy: number };
}

/** The complete XML document of a `query` parameter. */
export function xmlDocument(root: XmlNode): string {
	return `<?xml version="1.0" encoding="UTF-8"?>\n${renderXml(root)}`;
}

function asText(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value).trim();
}

/** The <errors><error> lines of an answer. */
function errorLines(response: IDataObject): string[] {
	const errors = response.errors as IDataObject | string | undefined;
	if (!errors || typeof errors !== 'object') return [];
	const list = errors.error;
	return (Array.isArray(list) ? list : list === undefined ? [] : [list])
		.map(asText)
		.filter((l) => l !== '');
}

/** "9013 ERROR_ADD_LEAD_TO_LIST (adding leads to the list failed)" */
export function describeCode(code: string): string {
	const name = ERROR_CODES[code];
	return name ? `${code} ${name} (${ERROR_MEANINGS[code]})` : code;
}

/**
 * Calls one PUBLITRAC method (doc "Syntaxe": one URL, `method` plus the credentials in the
 * query string) and decodes its XML answer. The answer's <status> decides: 9xxx codes (the doc's
 * error family) and <errors> lists become errors giving the code, its meaning from the appendix
 * and the vendor's own lines; any other status (2001, 5002, 200 ...) is success.
 */
export async function publitracCall(
	this: PublitracContext,
	call: PublitracCall,
): Promise<PublitracAnswer> {
	const node = this.getNode();
	const credentials = await cachedCredentials.call(this, PUBLITRAC_CREDENTIAL);
	// Redacted here too, not only by the router: the trigger and dropdowns do not go through it.
	const secrets = secretsOf(credentials, PUBLITRAC_SECRET_FIELDS);
	const baseUrl = credentialBaseUrl(node, 'PUBLITRAC', credentials, call.itemIndex);
	const qs: IDataObject = { method: call.method, ...(call.params ?? {}) };
	let body: URLSearchParams | undefined;
	const xml = call.query ? xmlDocument(call.query) : undefined;
	if (call.http === 'GET') {
		if (xml !== undefined) qs.query = xml;
	} else {
		body = new URLSearchParams(call.form ?? {});
		if (xml !== undefined) body.set('query', xml);
	}
	const response = await crmRequest.call(this, {
		crm: 'PUBLITRAC',
		credentialType: PUBLITRAC_CREDENTIAL,
		method: call.http,
		url: baseUrl,
		qs,
		headers: body
			? { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/xml' }
			: { Accept: 'application/xml' },
		body,
		idempotent: call.idempotent,
		credentials,
		secrets,
		itemIndex: call.itemIndex,
		timeoutMs: call.timeoutMs,
		retry: call.retry,
		retryWindow: call.retryWindow,
		// One window per account (API key + user) shared by every item and execution of this process:
		// at most 35 calls in any second, counted from each call's answer (nodes/shared/rateLimiter.ts).
		// In queue mode every worker has its own window: the credential's share divides the limit.
		rateLimit: {
			key: `publitrac:${String(credentials.apiKey ?? '')}:${String(credentials.username ?? '')}`,
			calls: callsPerSecond(credentials.rateLimitShare),
			perMs: 1000,
		},
	});
	const parsed = parseXml(response.body);
	const root =
		parsed && typeof parsed.response === 'object' && parsed.response !== null
			? (parsed.response as IDataObject)
			: undefined;
	if (response.statusCode < 200 || response.statusCode >= 300) {
		const detail = root
			? [asText(root.status), asText(root.message), ...errorLines(root)].filter(Boolean).join(' - ')
			: shortText(response.body);
		throw vendorError(
			node,
			'PUBLITRAC',
			`HTTP ${response.statusCode}${detail ? ` - ${detail}` : ''} (method ${call.method})`,
			{
				httpCode: response.statusCode,
				itemIndex: call.itemIndex,
				secrets,
			},
		);
	}
	if (!root) {
		// The doc's older syncOpportunity example answers a bare "200 OK" to a write.
		if (call.http === 'POST' && /^\s*(200 OK)?\s*$/i.test(response.body))
			return { status: '200', message: 'OK', response: {} };
		throw vendorError(
			node,
			'PUBLITRAC',
			`the answer to ${call.method} is not PUBLITRAC's XML <response>: ${shortText(response.body) || '(empty body)'}`,
			{
				httpCode: response.statusCode,
				itemIndex: call.itemIndex,
				secrets,
			},
		);
	}
	const status = asText(root.status);
	const message = asText(root.message);
	const lines = errorLines(root);
	if (isErrorStatus(status) || lines.length) {
		const text = [
			`${describeCode(status || '(no status)')}${message ? `: ${message}` : ''}`,
			...lines,
		].join(' - ');
		throw vendorError(node, 'PUBLITRAC', text, {
			httpCode: response.statusCode,
			itemIndex: call.itemIndex,
			secrets,
			description: lines.length ? `Vendor error lines: ${lines.join(' | ')}` : undefined,
		});
	}
	return { status, message, response: root };
}

/** A list element of the answer as an array (one element parses as an object, none as ''). */
export function listOf(container: unknown, key: string): IDataObject[] {
	if (!container || typeof container !== 'object') return [];
	const value = (container as IDataObject)[key];
	if (value === undefined || value === null || value === '') return [];
	return (Array.isArray(value) ? value : [value]).filter(
		(v) => v && typeof v === 'object',
	) as IDataObject[];
}

/** The records of a read: leads, campaigns or opportunities, one JSON object each. */
export function recordsOf(
	response: IDataObject,
	kind: 'lead' | 'campaign' | 'opportunity',
): IDataObject[] {
	if (kind === 'lead') return listOf(response.leads, 'lead');
	if (kind === 'campaign')
		return [...listOf(response, 'campaign'), ...listOf(response.campaigns, 'campaign')];
	return [...listOf(response.opportunities, 'opportunity'), ...listOf(response, 'opportunity')];
}

export interface PageRequest {
	method: string;
	params?: Record<string, string>;
	query?: XmlNode;
	kind: 'lead' | 'campaign' | 'opportunity';
	/** Undefined = every record. */
	limit?: number;
	itemIndex?: number;
	timeoutMs?: number;
	retry?: Partial<RetryPolicy>;
	/** Stop starting new pages after this time (a trigger's poll budget). */
	deadline?: number;
	/** A trigger's poll budget: see PublitracCall. */
	retryWindow?: { sendBy: number; endBy: number };
}

// The doc's examples answer 100 leads per page (`offset` 100 on page 1).
const DOC_PAGE_SIZE = 100;

/** One page: its records and the `paging` total when the answer gives one. */
async function readPage(
	this: PublitracContext,
	request: PageRequest,
	page: number,
): Promise<NumberedPage<IDataObject>> {
	const answer = await publitracCall.call(this, {
		method: request.method,
		http: 'GET',
		params: { ...(request.params ?? {}), page: String(page) },
		query: request.query,
		idempotent: true,
		itemIndex: request.itemIndex,
		timeoutMs: request.timeoutMs,
		retry: request.retry,
		retryWindow: request.retryWindow,
	});
	const paging = answer.response.paging as IDataObject | undefined;
	// A <paging> without <total> announces none (Number('') would read as a total of 0).
	const said = paging && typeof paging === 'object' ? asText(paging.total) : '';
	const total = said === '' ? NaN : Number(said);
	return {
		items: recordsOf(answer.response, request.kind),
		total: Number.isFinite(total) ? total : undefined,
	};
}

/** One page of a paged method and the page after it, when there is one (a record picker's page). */
export async function publitracPage(
	this: PublitracContext,
	request: PageRequest,
	page: number,
): Promise<{ records: IDataObject[]; nextPage?: number }> {
	const found = await readPage.call(this, request, page);
	// The end of the list as Return All (readNumberedPages) sees it, with the doc's page size 100.
	const more = hasNextNumberedPage(page, found, DOC_PAGE_SIZE);
	return { records: found.items, ...(more ? { nextPage: page + 1 } : {}) };
}

/**
 * Return All / Limit over a PUBLITRAC list method (doc "Paramètres facultatifs: page", answer
 * `paging`: page, items, offset, total), with the shared numbered-page reader.
 */
export async function publitracPages(
	this: PublitracContext,
	request: PageRequest,
): Promise<NumberedPagingResult<IDataObject>> {
	// After page 1, as many pages in flight as the rate limit lets out in one second (35, or this
	// process's share): a whole second's calls leave at once and the next second's follow as soon
	// as the window lets them, so Return All runs at the limit; the limiter does the pacing.
	const credentials = await cachedCredentials.call(this, PUBLITRAC_CREDENTIAL);
	const concurrency = callsPerSecond(credentials.rateLimitShare);
	// The shared page cap (MAX_PAGES_DEFAULT, 100,000 pages of 100): reaching it is an error, not a success.
	return await readNumberedPages((page) => readPage.call(this, request, page), {
		limit: request.limit,
		pageSize: DOC_PAGE_SIZE,
		concurrency,
		deadline: request.deadline,
		keyOf: (record) => {
			const id = record.id ?? record.Id ?? record.ID;
			return id === undefined || id === '' ? undefined : String(id);
		},
		onCap: (cap) =>
			vendorError(
				this.getNode(),
				'PUBLITRAC',
				`${request.method}: ${cap.text('PUBLITRAC (paging total)')}`,
				{ itemIndex: request.itemIndex },
			),
	});
}
