import { sleep } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INode,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { vendorError } from './errors';
import { acquireSlot } from './rateLimiter';
import { markForShortening } from './redact';

export type CrmContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions;

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
	 * Values no error may show. A function when they change during the call: a login
	 * token exists only once the credential's login (run by n8n inside the call) is done.
	 */
	secrets?: string[] | (() => string[]);
	/** The decrypted credential, when the caller has it: n8n then does not decrypt it again. */
	credentials?: ICredentialDataDecryptedObject;
	/**
	 * The credential logs in through n8n's preAuthentication (an expirable token): on the
	 * first 401 this is called to empty the stored token, so n8n logs in before the one resend
	 * (one 401, one login, one resend); the answer of that resend (even a second 401) is
	 * returned as usual. A failure that is no network error (the login itself refused) keeps
	 * its own message.
	 */
	renewAuthOn401?: () => void | Promise<void>;
	/**
	 * A poll within n8n's time budget (one try, `retry.maxRetries` 0): a 429 or 503 answer (not
	 * processed) whose Retry-After wait ends by `sendBy` is sent again then, at most
	 * BUDGET_RESENDS times, with a timeout ending by `endBy` (Date.now() scale).
	 */
	retryWindow?: { sendBy: number; endBy: number };
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
const NOT_RESENT =
	'The request may have reached the server, so it was not sent again to avoid a duplicate.';
// Within a retry window: how many times a 429 or 503 is sent again, and the least time a call sent again gets.
const BUDGET_RESENDS = 3;
const MIN_RESENT_CALL_MS = 1000;
// Network errors where the request never reached the server.
const NEVER_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);
// Network errors after which the server may have received the request.
const MAYBE_SENT_CODES = new Set([
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'ECONNABORTED',
	'ESOCKETTIMEDOUT',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

const NETWORK_WORDS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'host name lookup failed',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	ECONNRESET: 'connection reset by the server',
	EPIPE: 'connection closed while sending',
};

/**
 * The largest answer a call reads, in bytes once decompressed; beyond it the call stops reading
 * and fails. No answer of these CRMs comes near it (the largest, a 100-lead XML list page, is
 * ~112 KB; JSON list pages far less), and it keeps a broken or hostile server from filling
 * n8n's memory: a 1 GB answer took n8n from 561 MB to 3.5 GB before this cap.
 */
export const MAX_ANSWER_BYTES = 50 * 1024 * 1024;

/** The call's wall clock passed its Timeout; `bytes` of the answer had arrived (undefined: not even its headers). */
class DeadlineError extends Error {
	constructor(readonly bytes?: number) {
		super('deadline reached');
	}
}

/** The answer grew past MAX_ANSWER_BYTES. */
class TooLargeError extends Error {}

/** An HTTP error answer n8n threw (the renewed attempt of a login), its body read. */
class ThrownAnswer extends Error {
	constructor(
		readonly answer: { statusCode: number; headers: IDataObject; body: string },
		readonly cause: unknown,
	) {
		super(String((cause as { message?: unknown })?.message ?? `HTTP ${answer.statusCode}`));
	}
}

function secretsNow(request: CrmRequest): string[] {
	return typeof request.secrets === 'function' ? request.secrets() : (request.secrets ?? []);
}

function errorCode(error: unknown): string | undefined {
	let current = error as
		| {
				code?: unknown;
				httpCode?: unknown;
				cause?: unknown;
				message?: unknown;
				errorResponse?: unknown;
		  }
		| undefined;
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
function thrownAnswer(
	error: unknown,
): { statusCode: number; headers: IDataObject; body: unknown } | undefined {
	if (error instanceof ThrownAnswer) return error.answer;
	let current = error as
		| {
				httpCode?: unknown;
				status?: unknown;
				response?: { status?: unknown; data?: unknown; body?: unknown; headers?: unknown };
				cause?: unknown;
				errorResponse?: unknown;
		  }
		| undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		const status = Number(current.response?.status ?? current.status);
		// 3xx included: n8n throws a redirect it was told not to follow when status errors are not ignored.
		if (Number.isInteger(status) && status >= 300) {
			return {
				statusCode: status,
				headers: (current.response?.headers ?? {}) as IDataObject,
				body: current.response?.data ?? current.response?.body ?? '',
			};
		}
		current = (current.cause ?? current.errorResponse) as typeof current;
	}
	const httpCode = Number((error as { httpCode?: unknown } | undefined)?.httpCode);
	return Number.isInteger(httpCode) && httpCode >= 400
		? { statusCode: httpCode, headers: {}, body: '' }
		: undefined;
}

/** The part of a Node readable stream read here (no import of 'stream': n8n Cloud's rules). */
interface BodyStream {
	pipe: unknown;
	on(event: string, listener: (...args: never[]) => void): unknown;
	once(event: string, listener: (...args: never[]) => void): unknown;
	destroy(): unknown;
}

function isStream(body: unknown): body is BodyStream {
	return (
		!!body &&
		typeof (body as BodyStream).pipe === 'function' &&
		typeof (body as BodyStream).on === 'function'
	);
}

/** Stops an answer nobody will read (the call gave up on it): its socket is closed. */
function discard(body: unknown): void {
	if (isStream(body)) {
		body.on('error', () => {});
		body.destroy();
	}
}

/**
 * Reads an answer body streamed by n8n's helper (`encoding: 'stream'`) up to `maxBytes`,
 * until `signal` (the call's deadline) fires. UTF-8 without a BOM, as axios' `text` gives it.
 */
function readStream(stream: BodyStream, signal: AbortSignal, maxBytes: number): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let done = false;
		const finish = (error?: Error) => {
			if (done) return;
			done = true;
			signal.removeEventListener('abort', onAbort);
			if (error) {
				stream.destroy();
				reject(error);
				return;
			}
			const text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)).toString('utf8');
			resolve(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
		};
		const onAbort = () => finish(new DeadlineError(size));
		stream.on('error', (error: Error) => finish(error));
		if (signal.aborted) return onAbort();
		signal.addEventListener('abort', onAbort);
		stream.on('data', (chunk: Buffer | string) => {
			const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
			size += buffer.length;
			if (size > maxBytes) finish(new TooLargeError());
			else chunks.push(buffer);
		});
		stream.once('end', () => finish());
		// Closed without an end: the connection was cut in the middle of the answer.
		stream.once('close', () =>
			finish(
				Object.assign(new Error('connection closed before the answer was complete'), {
					code: 'ECONNRESET',
				}),
			),
		);
	});
}

async function readBody(body: unknown, signal: AbortSignal): Promise<string> {
	return isStream(body) ? await readStream(body, signal, MAX_ANSWER_BYTES) : bodyText(body);
}

/** `promise`, or a DeadlineError once `signal` fires first: the deadline of a call whose helper does not honour the signal. */
function raceDeadline<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
	return new Promise((resolve, reject) => {
		const onAbort = () => reject(new DeadlineError());
		if (signal.aborted) return onAbort();
		signal.addEventListener('abort', onAbort, { once: true });
		promise.then(
			(value) => {
				signal.removeEventListener('abort', onAbort);
				resolve(value);
			},
			(error: unknown) => {
				signal.removeEventListener('abort', onAbort);
				reject(error);
			},
		);
	});
}

type HelperAnswer = { statusCode: number; headers: IDataObject; body: unknown };

/** What one attempt gave: an answer read whole, or why there is none (returned, not thrown: the caller words it). */
type Attempt = { answer: HelperAnswer & { body: string } } | { failure: unknown };

/**
 * One attempt through n8n's request helper, bounded by a wall-clock deadline of `timeoutMs`
 * (n8n's `timeout` alone is the socket's idle time: a server sending a byte every few seconds
 * never meets it) and by MAX_ANSWER_BYTES. n8n 2.x replaces a node's `abortSignal` by the
 * execution's own in execute contexts, so the deadline also races the helper; an attempt given
 * up on has its answer discarded when it comes. Releases the rate-limit slot once the answer is
 * read or the attempt failed.
 */
async function sendOnce(
	this: CrmContext,
	request: CrmRequest,
	options: IHttpRequestOptions,
	timeoutMs: number,
	release?: () => void,
): Promise<Attempt> {
	// A timer n8n's Cloud rules allow (no setTimeout in a node); every listener on it is removed once
	// the attempt is over, so what the attempt read is not kept until it fires.
	const deadline = AbortSignal.timeout(timeoutMs);
	options.abortSignal = deadline;
	const sent = Promise.resolve().then(
		async () =>
			(await this.helpers.httpRequestWithAuthentication.call(
				this,
				request.credentialType,
				options,
				request.credentials
					? {
							credentialsDecrypted: {
								id: 'execution',
								name: request.credentialType,
								type: request.credentialType,
								data: request.credentials,
							},
						}
					: undefined,
			)) as HelperAnswer,
	);
	const attempt = await raceDeadline(sent, deadline)
		.then(
			async (response): Promise<Attempt> => ({
				answer: {
					statusCode: Number(response.statusCode),
					headers: (response.headers ?? {}) as IDataObject,
					body: await readBody(response.body, deadline),
				},
			}),
			async (error: unknown): Promise<Attempt> => {
				if (deadline.aborted) {
					sent.then(
						(late) => discard(late?.body),
						(late) => discard(thrownAnswer(late)?.body),
					);
					return { failure: new DeadlineError() };
				}
				const answer = thrownAnswer(error);
				if (answer && isStream(answer.body))
					return {
						failure: new ThrownAnswer(
							{ ...answer, body: await readBody(answer.body, deadline) },
							error,
						),
					};
				return { failure: error };
			},
		)
		// The body's reading failed (deadline, size cap, connection cut).
		.catch((failure: unknown): Attempt => ({ failure }));
	release?.();
	return attempt;
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

/** Where a redirect points, without its query, fragment or user info (they may carry secrets). */
function redirectTarget(headers: IDataObject, from: string): string {
	const location = headers.location ?? headers.Location;
	if (typeof location !== 'string' || location.trim() === '') return 'no Location given';
	try {
		const target = new URL(location.trim(), from);
		const same = target.host === new URL(from).host ? ' (the same host)' : '';
		return `${target.protocol}//${target.host}${target.pathname}${same}`;
	} catch {
		return 'a Location that is not a URL';
	}
}

/**
 * A redirect is refused, never followed: n8n would send the credential (an Authorization
 * header, a key in the body) to wherever the server points. None of the vendor docs relies
 * on a redirect, so one to the same host is refused too.
 */
function redirectError(
	node: ReturnType<CrmContext['getNode']>,
	request: CrmRequest,
	statusCode: number,
	headers: IDataObject,
) {
	const to = redirectTarget(headers, request.url);
	return vendorError(
		node,
		request.crm,
		`the server answered ${request.method} ${new URL(request.url).pathname} with a redirect (HTTP ${statusCode}) to ${to}. Redirects are not followed, so the credential is never sent to another address.`,
		{
			httpCode: statusCode,
			itemIndex: request.itemIndex,
			secrets: secretsNow(request),
			description:
				"Check the credential's URL: it should be the API's own address (the one the redirect points to, if you trust it).",
		},
	);
}

/**
 * The one place every node sends HTTP: n8n's request helper with the node's
 * credential, the CRM's rate limit, a wall-clock timeout, an answer-size cap, no
 * redirects, and retries that never duplicate a create. Returns the final answer
 * whatever its status (except a redirect); the CRM's own transport decodes it.
 * Throws a clean, secret-free error on network failure.
 */
export async function crmRequest(this: CrmContext, request: CrmRequest): Promise<CrmResponse> {
	const policy: RetryPolicy = { ...retryDefaults, ...(request.retry ?? {}) };
	const node = this.getNode();
	const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const where = () => `${request.method} ${new URL(request.url).pathname}`;
	let retries = 0;
	let resends = 0;
	let renewing = false;
	const resendWindow = request.retryWindow;
	for (let attempt = 0; ; attempt++) {
		const release = request.rateLimit
			? await acquireSlot(request.rateLimit.key, request.rateLimit.calls, request.rateLimit.perMs)
			: undefined;
		// A call sent again within a poll's budget gets the time left in it (at least MIN_RESENT_CALL_MS).
		const attemptTimeoutMs =
			resendWindow && resends
				? Math.max(MIN_RESENT_CALL_MS, Math.min(timeoutMs, resendWindow.endBy - Date.now()))
				: timeoutMs;
		const options: IHttpRequestOptions = {
			method: request.method,
			url: request.url,
			qs: request.qs,
			headers: { ...(request.headers ?? {}) },
			// URLSearchParams must be rebuilt per attempt: authentication may append to it.
			body:
				request.body instanceof URLSearchParams ? new URLSearchParams(request.body) : request.body,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// Read as a stream: the answer's size and its time are bounded here, not by n8n (which has no cap).
			encoding: 'stream',
			json: false,
			disableFollowRedirect: true,
			timeout: attemptTimeoutMs,
		};
		const outcome = await sendOnce.call(this, request, options, attemptTimeoutMs, release);
		if ('failure' in outcome) {
			const error = outcome.failure;
			if (error instanceof TooLargeError) {
				const notResent = request.idempotent ? '' : ` ${NOT_RESENT}`;
				throw vendorError(
					node,
					request.crm,
					`answer larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MB to ${where()}: reading stopped there (no answer of this CRM is that large).${notResent}`,
					{
						itemIndex: request.itemIndex,
						secrets: secretsNow(request),
					},
				);
			}
			const deadline = error instanceof DeadlineError ? error : undefined;
			const code = deadline ? 'ETIMEDOUT' : errorCode(error);
			if (request.renewAuthOn401 && code === undefined) {
				// Not a network error: the login (preAuthentication) refused, with the CRM's own words.
				const message = String((error as { message?: unknown })?.message ?? 'the login failed');
				throw vendorError(node, request.crm, message, {
					itemIndex: request.itemIndex,
					secrets: secretsNow(request),
					httpCode: thrownAnswer(error)?.statusCode,
				});
			}
			const neverSent = code !== undefined && NEVER_SENT_CODES.has(code);
			const maybeSent = code === undefined || MAYBE_SENT_CODES.has(code);
			const canRetry =
				attempt < policy.maxRetries &&
				(neverSent || (maybeSent && code !== undefined && request.idempotent));
			if (canRetry) {
				retries++;
				await sleep(backoffMs(attempt, policy));
				continue;
			}
			const timeout = code === 'ETIMEDOUT' || code === 'ECONNABORTED' || code === 'ESOCKETTIMEDOUT';
			const seconds = Math.round(attemptTimeoutMs / 1000);
			// Words, not codes: n8n's NodeApiError replaces a message containing a code like ECONNRESET.
			let what: string;
			if (deadline?.bytes !== undefined) {
				what = `no complete answer within ${seconds} s on ${where()} (Request Options > Timeout): ${deadline.bytes} bytes of it had arrived and it was still coming.`;
			} else if (timeout) {
				what = `no answer within ${seconds} s on ${where()} (Request Options > Timeout).`;
			} else {
				what = `connection failed (${NETWORK_WORDS[code ?? ''] ?? 'network error'}) on ${where()}.`;
			}
			const notResent = !request.idempotent && maybeSent ? ` ${NOT_RESENT}` : '';
			throw vendorError(node, request.crm, `${what}${notResent}`, {
				itemIndex: request.itemIndex,
				secrets: secretsNow(request),
				description: retries ? `Sent ${retries + 1} times.` : undefined,
			});
		}
		const { statusCode, headers, body } = outcome.answer;
		if (statusCode >= 300 && statusCode < 400)
			throw redirectError(node, request, statusCode, headers);
		if (statusCode === 401 && request.renewAuthOn401 && !renewing) {
			renewing = true;
			await request.renewAuthOn401();
			continue;
		}
		const retryable =
			RETRY_ALWAYS.has(statusCode) || (RETRY_IF_IDEMPOTENT.has(statusCode) && request.idempotent);
		if (retryable && attempt < policy.maxRetries) {
			retries++;
			await sleep(retryAfterMs(headers, policy.maxDelayMs * 3) ?? backoffMs(attempt, policy));
			continue;
		}
		// Within a poll's time budget: the wait the CRM asked for, when it ends in time.
		const wait =
			resendWindow && RETRY_ALWAYS.has(statusCode) && resends < BUDGET_RESENDS
				? retryAfterMs(headers, Number.POSITIVE_INFINITY)
				: undefined;
		if (resendWindow && wait !== undefined && Date.now() + wait <= resendWindow.sendBy) {
			retries++;
			resends++;
			await sleep(wait);
			continue;
		}
		if (LOST_ANSWER.has(statusCode) && !request.idempotent) {
			const page = shortText(body, 200);
			throw vendorError(
				node,
				request.crm,
				`HTTP ${statusCode} on ${where()}${page ? ` (${page})` : ''}. ${NOT_RESENT}`,
				{
					httpCode: statusCode,
					itemIndex: request.itemIndex,
					secrets: secretsNow(request),
					description: retries ? `Sent ${retries + 1} times.` : undefined,
				},
			);
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

export async function cachedCredentials(
	this: CrmContext,
	type: string,
): Promise<ICredentialDataDecryptedObject> {
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

/**
 * The credential's Base URL as requests are built from it: trimmed, without trailing slashes.
 * Not http(s): an error naming the field, before anything is sent.
 */
export function credentialBaseUrl(
	node: INode,
	crm: string,
	credentials: IDataObject,
	itemIndex?: number,
): string {
	const baseUrl = String(credentials.baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
	if (!/^https?:\/\//i.test(baseUrl)) {
		throw vendorError(node, crm, "the credential's Base URL must start with http:// or https://", {
			itemIndex,
		});
	}
	return baseUrl;
}
