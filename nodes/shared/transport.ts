import { sleep } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { vendorError } from './errors';
import { acquireSlot } from './rateLimiter';
import { markForShortening } from './redact';

export type CrmContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions | IWebhookFunctions;

export interface RetryPolicy {
	/** How many times a failed call is sent again (0 = never). */
	maxRetries: number;
	baseDelayMs: number;
	maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 3, baseDelayMs: 400, maxDelayMs: 10_000 };
export const DEFAULT_TIMEOUT_MS = 30_000;

let retryDefaults: RetryPolicy = { ...DEFAULT_RETRY };

/**
 * For tests: the backoff every call uses unless it sets its own (a fault matrix runs with
 * a short base delay). Without an argument, back to DEFAULT_RETRY.
 */
export function setRetryDefaults(policy?: Partial<RetryPolicy>): void {
	retryDefaults = { ...DEFAULT_RETRY, ...(policy ?? {}) };
}

export interface CrmRequest {
	crm: string;
	credentialType: string;
	method: IHttpRequestMethods;
	url: string;
	qs?: IDataObject;
	headers?: IDataObject;
	body?: URLSearchParams | IDataObject | IDataObject[] | string;
	/**
	 * True when sending the call twice is harmless (reads, upserts the CRM dedupes).
	 * False for creates: a call the server may have received (502, 504, connection
	 * reset, timeout) is then never sent again.
	 */
	idempotent: boolean;
	timeoutMs?: number;
	retry?: Partial<RetryPolicy>;
	/**
	 * At most `calls` calls per `perMs` per `key` (one account) in this n8n process:
	 * a sliding window counted from each call's answer (see rateLimiter.ts).
	 */
	rateLimit?: { key: string; calls: number; perMs: number };
	itemIndex?: number;
	/**
	 * Values no error may show. A function when they change during the call: SML's token
	 * exists only once the credential's login (run by n8n inside the call) is done.
	 */
	secrets?: string[] | (() => string[]);
	/** The decrypted credential, when the caller has it: n8n then does not decrypt it again. */
	credentials?: ICredentialDataDecryptedObject;
	/**
	 * The credential logs in through n8n's preAuthentication (an expirable token, SML).
	 * n8n renews the token only when the call THROWS a 401: a 401 answer is sent once
	 * more letting it throw, so n8n logs in again and retries; the answer of that
	 * attempt (even an error) is returned as usual. A failure that is no network error
	 * (the login itself refused) keeps its own message.
	 */
	renewAuthOn401?: boolean;
}

export interface CrmResponse {
	statusCode: number;
	headers: IDataObject;
	/** The body as text, whatever the content type. */
	body: string;
	/** How many times the call was sent again before this answer. */
	retries: number;
}

// Statuses that say "not processed, try later": safe to resend even a create.
const RETRY_ALWAYS = new Set([429, 503]);
// Server and gateway errors: the CRM may have processed the call, so only calls that are
// safe to repeat are sent again.
const RETRY_IF_IDEMPOTENT = new Set([500, 502, 504]);
// Gateway statuses: the answer of the CRM behind was lost, not given. On a create they
// fail at once with words saying the call was not sent again (a 500 is the CRM's own
// answer and keeps the CRM's decoding).
const LOST_ANSWER = new Set([502, 504]);
const NOT_RESENT = 'The request may have reached the server, so it was not sent again to avoid a duplicate.';
// Network errors where the request never reached the server.
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
// Network errors after which the server may have received the request.
const MAYBE_SENT_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

const NETWORK_WORDS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'host name lookup failed',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	ECONNRESET: 'connection reset by the server',
	EPIPE: 'connection closed while sending',
};

function secretsNow(request: CrmRequest): string[] {
	return typeof request.secrets === 'function' ? request.secrets() : (request.secrets ?? []);
}

function errorCode(error: unknown): string | undefined {
	let current = error as { code?: unknown; httpCode?: unknown; cause?: unknown; message?: unknown; errorResponse?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		for (const candidate of [current.code, current.httpCode]) {
			if (typeof candidate === 'string' && /^E[A-Z_]+$/.test(candidate)) return candidate;
		}
		if (typeof current.message === 'string') {
			if (/timeout of \d+ms exceeded|timed? ?out/i.test(current.message)) return 'ETIMEDOUT';
			if (/socket hang up/i.test(current.message)) return 'ECONNRESET';
			const m = current.message.match(/\b(E[A-Z]{4,})\b/);
			if (m) return m[1];
		}
		current = (current.cause ?? current.errorResponse) as typeof current;
	}
	return undefined;
}

function bodyText(body: unknown): string {
	if (body === undefined || body === null) return '';
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	if (body instanceof ArrayBuffer) return Buffer.from(body).toString('utf8');
	return JSON.stringify(body);
}

/** Status and body of an HTTP error n8n threw (axios error, or NodeApiError wrapping one). */
function thrownAnswer(error: unknown): { statusCode: number; headers: IDataObject; body: unknown } | undefined {
	let current = error as { httpCode?: unknown; status?: unknown; response?: { status?: unknown; data?: unknown; body?: unknown; headers?: unknown }; cause?: unknown; errorResponse?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		const status = Number(current.response?.status ?? current.status);
		if (Number.isInteger(status) && status >= 400) {
			return { statusCode: status, headers: (current.response?.headers ?? {}) as IDataObject, body: current.response?.data ?? current.response?.body ?? '' };
		}
		current = (current.cause ?? current.errorResponse) as typeof current;
	}
	const httpCode = Number((error as { httpCode?: unknown } | undefined)?.httpCode);
	return Number.isInteger(httpCode) && httpCode >= 400 ? { statusCode: httpCode, headers: {}, body: '' } : undefined;
}

function retryAfterMs(headers: IDataObject, maxMs: number): number | undefined {
	const raw = headers['retry-after'] ?? headers['Retry-After'];
	if (raw === undefined || raw === null || raw === '') return undefined;
	const seconds = Number(raw);
	if (Number.isFinite(seconds)) return Math.min(Math.max(0, seconds * 1000), maxMs);
	const at = Date.parse(String(raw));
	return Number.isFinite(at) ? Math.min(Math.max(0, at - Date.now()), maxMs) : undefined;
}

function backoffMs(attempt: number, policy: RetryPolicy): number {
	const exp = policy.baseDelayMs * 2 ** attempt;
	return Math.min(policy.maxDelayMs, Math.round(exp / 2 + Math.random() * (exp / 2)));
}

/**
 * The one place every node sends HTTP: n8n's request helper with the node's
 * credential, the CRM's rate limit, a timeout, and retries that never duplicate
 * a create. Returns the final answer whatever its status; the CRM's own
 * transport decodes it. Throws a clean, secret-free error on network failure.
 */
export async function crmRequest(this: CrmContext, request: CrmRequest): Promise<CrmResponse> {
	const policy: RetryPolicy = { ...retryDefaults, ...(request.retry ?? {}) };
	const node = this.getNode();
	let retries = 0;
	let renewing = false;
	for (let attempt = 0; ; attempt++) {
		const release = request.rateLimit
			? await acquireSlot(request.rateLimit.key, request.rateLimit.calls, request.rateLimit.perMs)
			: undefined;
		const options: IHttpRequestOptions = {
			method: request.method,
			url: request.url,
			qs: request.qs,
			headers: { ...(request.headers ?? {}) },
			// URLSearchParams must be rebuilt per attempt: authentication may append to it.
			body: request.body instanceof URLSearchParams ? new URLSearchParams(request.body) : request.body,
			returnFullResponse: true,
			ignoreHttpStatusErrors: !renewing,
			encoding: 'text',
			json: false,
			timeout: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
		};
		let response: { statusCode: number; headers: IDataObject; body: unknown };
		try {
			response = (await this.helpers.httpRequestWithAuthentication
				.call(
					this,
					request.credentialType,
					options,
					request.credentials
						? { credentialsDecrypted: { id: 'execution', name: request.credentialType, type: request.credentialType, data: request.credentials } }
						: undefined,
				)
				.finally(release)) as typeof response;
		} catch (error) {
			if (renewing) {
				// The renewed attempt failed: its HTTP answer goes back to the CRM's own decoding.
				const answer = thrownAnswer(error);
				if (answer) return { statusCode: answer.statusCode, headers: answer.headers, body: bodyText(answer.body), retries };
			}
			const code = errorCode(error);
			if (request.renewAuthOn401 && code === undefined) {
				// Not a network error: the login (preAuthentication) refused, with the CRM's own words.
				const message = String((error as { message?: unknown })?.message ?? 'the login failed');
				throw vendorError(node, request.crm, message, { itemIndex: request.itemIndex, secrets: secretsNow(request), httpCode: thrownAnswer(error)?.statusCode });
			}
			const neverSent = code !== undefined && NEVER_SENT_CODES.has(code);
			const maybeSent = code === undefined || MAYBE_SENT_CODES.has(code);
			const canRetry = attempt < policy.maxRetries && (neverSent || (maybeSent && code !== undefined && request.idempotent));
			if (canRetry) {
				retries++;
				await sleep(backoffMs(attempt, policy));
				continue;
			}
			const timeout = code === 'ETIMEDOUT' || code === 'ECONNABORTED' || code === 'ESOCKETTIMEDOUT';
			// Words, not codes: n8n's NodeApiError replaces a message containing a code like ECONNRESET.
			const what = timeout
				? `no answer within ${Math.round((request.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} s`
				: `connection failed (${NETWORK_WORDS[code ?? ''] ?? 'network error'})`;
			const notResent = !request.idempotent && maybeSent ? ` ${NOT_RESENT}` : '';
			throw vendorError(node, request.crm, `${what} on ${request.method} ${new URL(request.url).pathname}.${notResent}`, {
				itemIndex: request.itemIndex,
				secrets: secretsNow(request),
				description: retries ? `Sent ${retries + 1} times.` : undefined,
			});
		}
		const statusCode = Number(response.statusCode);
		const headers = (response.headers ?? {}) as IDataObject;
		if (statusCode === 401 && request.renewAuthOn401 && !renewing) {
			renewing = true;
			continue;
		}
		const retryable = RETRY_ALWAYS.has(statusCode) || (RETRY_IF_IDEMPOTENT.has(statusCode) && request.idempotent);
		if (retryable && attempt < policy.maxRetries) {
			retries++;
			await sleep(retryAfterMs(headers, policy.maxDelayMs * 3) ?? backoffMs(attempt, policy));
			continue;
		}
		const body = bodyText(response.body);
		if (LOST_ANSWER.has(statusCode) && !request.idempotent) {
			const page = shortText(body, 200);
			throw vendorError(node, request.crm, `HTTP ${statusCode} on ${request.method} ${new URL(request.url).pathname}${page ? ` (${page})` : ''}. ${NOT_RESENT}`, {
				httpCode: statusCode,
				itemIndex: request.itemIndex,
				secrets: secretsNow(request),
				description: retries ? `Sent ${retries + 1} times.` : undefined,
			});
		}
		return { statusCode, headers, body, retries };
	}
}

/**
 * Text of an HTML or plain error page, shortened for an error message: for an error text only
 * (vendorError, sanitizeError). Redacted first, shortened after: the page is handed over marked,
 * and redactText, which every error text goes through, hides the secrets in the whole page before
 * it cuts the page's text to `max` characters (a secret cut at the edge would show its start).
 */
export function shortText(text: string, max = 300): string {
	return markForShortening(text, max);
}

// One decryption per credential type per node run: n8n decrypts on every
// getCredentials() call, which costs more than the HTTP call to a fast CRM.
const credentialCache = new WeakMap<object, Map<string, Promise<ICredentialDataDecryptedObject>>>();

export async function cachedCredentials(this: CrmContext, type: string): Promise<ICredentialDataDecryptedObject> {
	let byType = credentialCache.get(this);
	if (!byType) credentialCache.set(this, (byType = new Map()));
	let pending = byType.get(type);
	if (!pending) {
		pending = this.getCredentials(type);
		byType.set(type, pending);
		pending.catch(() => byType!.delete(type));
	}
	return await pending;
}
