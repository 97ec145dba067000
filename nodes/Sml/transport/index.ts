import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';
import { vendorError } from '../../shared/errors';
import { drfPage, followPages } from '../../shared/paging';
import { redactValue, secretsOf } from '../../shared/redact';
import { cachedCredentials, crmRequest, shortText } from '../../shared/transport';
import type { CrmContext, RetryPolicy } from '../../shared/transport';
import { smlBaseUrl } from '../helpers/url';
import { drfErrorText } from './errors';

export const SML_CREDENTIAL = 'smlApi';
export const SML_SECRET_FIELDS = ['password', 'token'];

export interface SmlCallOptions {
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	/** False for creates: never sent twice when SML may have received it. */
	idempotent: boolean;
	/** Names the object of the path, for a 404: `lead 12`. */
	what?: string;
	timeoutMs?: number;
	retry?: Partial<RetryPolicy>;
}

const loginGates = new WeakMap<object, Promise<unknown>>();

function parse(text: string): unknown {
	if (!text.trim()) return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/**
 * One SML call (doc "Estructura de comunicación": JSON over HTTPS, GET/POST/PATCH/DELETE).
 * The credential logs in (preAuthentication); a 401 empties the token, so the one resend logs in first.
 * Decodes the answer: DRF field errors as one readable message, 404 naming the id.
 * Secrets are looked up at the time of the answer: the token exists only after the login.
 */
export async function smlRequest(
	this: CrmContext,
	method: IHttpRequestMethods,
	path: string,
	options: SmlCallOptions,
): Promise<unknown> {
	const credentials = await cachedCredentials.call(this, SML_CREDENTIAL);
	const base = smlBaseUrl(credentials.domain);
	const node = this.getNode();
	if (!base)
		throw vendorError(node, 'SML', "the credential's Domain is empty", {
			itemIndex: options.itemIndex,
		});
	const secrets = () => secretsOf(credentials, SML_SECRET_FIELDS);
	// Items sent in parallel share the credential: while the first call logs in, the others
	// wait for its token, so a run logs in once, not once per item.
	const gate = loginGates.get(credentials);
	if (gate && !credentials.token) await gate.catch(() => undefined);
	// A token that expired since it was stored: on its 401 the first call to see it empties it
	// (n8n then logs in before that call's one resend); calls that got the same 401 meanwhile
	// wait for that login and resend with the new token.
	const sentToken = credentials.token;
	let renewed: (() => void) | undefined;
	const expireAuth = async () => {
		if (sentToken && credentials.token === sentToken) {
			credentials.token = '';
			loginGates.set(credentials, new Promise<void>((resolve) => (renewed = resolve)));
		} else if (!credentials.token) {
			await loginGates.get(credentials)?.catch(() => undefined);
		}
	};
	const call = crmRequest.call(this, {
		crm: 'SML',
		credentialType: SML_CREDENTIAL,
		method,
		url: `${base}${path}`,
		qs: options.qs,
		headers: {
			Accept: 'application/json',
			...(options.body ? { 'Content-Type': 'application/json' } : {}),
		},
		body: options.body ? JSON.stringify(options.body) : undefined,
		idempotent: options.idempotent,
		credentials,
		itemIndex: options.itemIndex,
		// Looked up when an error is made: the login inside this call may just have set the token.
		secrets,
		timeoutMs: options.timeoutMs,
		retry: options.retry,
		renewAuthOn401: expireAuth,
	});
	if (!gate && !credentials.token) loginGates.set(credentials, call);
	const response = await call.finally(() => renewed?.());
	const parsed = parse(response.body);
	if (response.statusCode >= 200 && response.statusCode < 300) {
		if (typeof parsed === 'string') {
			throw vendorError(
				node,
				'SML',
				`the answer to ${method} ${path} is not JSON: ${shortText(parsed)}`,
				{ httpCode: response.statusCode, itemIndex: options.itemIndex, secrets: secrets() },
			);
		}
		return redactValue(parsed, secrets());
	}
	const said =
		typeof parsed === 'object' && parsed !== null
			? drfErrorText(parsed)
			: shortText(String(parsed ?? ''));
	let message: string;
	if (response.statusCode === 404 && options.what)
		message = `${options.what} was not found (HTTP 404)${said ? `: ${said}` : ''}`;
	else if (response.statusCode === 400)
		message = `the request was refused (HTTP 400): ${said || 'no detail given'}`;
	else if (response.statusCode === 401 || response.statusCode === 403)
		message = `not allowed (HTTP ${response.statusCode}): ${said || 'no detail given'}`;
	else message = `HTTP ${response.statusCode} on ${method} ${path}${said ? ` - ${said}` : ''}`;
	throw vendorError(node, 'SML', message, {
		httpCode: response.statusCode,
		itemIndex: options.itemIndex,
		secrets: secrets(),
	});
}

export interface SmlListOptions {
	returnAll: boolean;
	limit: number;
	qs?: IDataObject;
	itemIndex?: number;
	what?: string;
	timeoutMs?: number;
	retry?: Partial<RetryPolicy>;
	/** Page size sent as `page_size` (doc: a number, or "all"). */
	pageSize?: number | string;
	shouldContinue?: () => boolean;
}

/** A DRF list of SML (doc: `count`/`next`/`previous`/`results`, `page`, `page_size`), behind Return All / Limit. */
export async function smlList(
	this: CrmContext,
	path: string,
	options: SmlListOptions,
): Promise<IDataObject[]> {
	const pageSize =
		options.pageSize ?? (options.returnAll ? 100 : Math.min(Math.max(options.limit, 1), 100));
	const firstQuery: IDataObject = { ...(options.qs ?? {}), page_size: pageSize };
	return await followPages(
		async (query) =>
			drfPage(
				await smlRequest.call(this, 'GET', path, {
					qs: query,
					itemIndex: options.itemIndex,
					idempotent: true,
					what: options.what,
					timeoutMs: options.timeoutMs,
					retry: options.retry,
				}),
			),
		{
			returnAll: options.returnAll,
			limit: options.limit,
			firstQuery,
			shouldContinue: options.shouldContinue,
			onCap: (cap) =>
				vendorError(this.getNode(), 'SML', `GET ${path}: ${cap.text('SML (count)')}`, {
					itemIndex: options.itemIndex,
				}),
		},
	);
}
