// A real-HTTP execution context for unit tests: the node code runs as in n8n,
// its calls go over real HTTP to the simulators (never to mocked functions).
// It implements the part of IExecuteFunctions our nodes use, with n8n's
// semantics for credentials (`authenticate`), request options and errors.
import { NodeApiError } from 'n8n-workflow';
import { http, https } from './runtime';
import type { ClientRequest, IncomingMessage } from './runtime';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeType,
	JsonObject,
} from 'n8n-workflow';

export interface RunOptions {
	/** Node parameters, the same for every item, or per item (what expressions would give). */
	parameters: IDataObject | ((itemIndex: number) => IDataObject);
	items?: IDataObject[];
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	credentialTypes?: Record<string, ICredentialType>;
	continueOnFail?: boolean;
	timezone?: string;
	nodeName?: string;
	nodeType?: string;
}

export interface SentRequest {
	method: string;
	url: string;
}

function getPath(source: IDataObject, path: string): unknown {
	let current: unknown = source;
	for (const part of path.split('.')) {
		if (current === null || typeof current !== 'object' || !(part in (current as IDataObject)))
			return undefined;
		current = (current as IDataObject)[part];
	}
	return current;
}

function resolveExpression(value: unknown, credentials: ICredentialDataDecryptedObject): unknown {
	if (typeof value !== 'string' || !value.startsWith('={{')) return value;
	const m = value.match(/^=\{\{\s*\$credentials\.(\w+)\s*\}\}$/);
	if (m) return credentials[m[1]];
	// A template of several credential values, e.g. '={{$credentials.scheme}} {{$credentials.token}}'.
	if (/^=(?:[^{}]*\{\{\s*\$credentials\.\w+\s*\}\})+[^{}]*$/.test(value)) {
		return value
			.slice(1)
			.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_all, name: string) =>
				String(credentials[name] ?? ''),
			);
	}
	throw new Error(`test context cannot resolve expression ${value}`);
}

/**
 * n8n's CredentialsHelper.preAuthentication: when the credential type has a
 * `preAuthentication` and a hidden `expirable` property, calls it when that property
 * is empty (or `expired`) and merges its output into the credential object.
 */
async function preAuthenticate(
	type: ICredentialType | undefined,
	credentials: ICredentialDataDecryptedObject,
	expired: boolean,
): Promise<void> {
	const expirable = type?.properties.find(
		(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
	);
	if (!type?.preAuthentication || !expirable) return;
	const current = credentials[expirable.name];
	if (!expired && current !== '' && current !== undefined) return;
	const helpers = { httpRequest: async (options: IHttpRequestOptions) => await sendHttp(options) };
	const output = await type.preAuthentication.call({ helpers } as never, credentials);
	if (output[expirable.name] !== undefined) Object.assign(credentials, output);
}

/** Applies a credential's `authenticate` as n8n's CredentialsHelper does. */
async function authenticate(
	type: ICredentialType | undefined,
	credentials: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const auth = type?.authenticate;
	if (!auth) return options;
	if (typeof auth === 'function') return await auth(credentials, options);
	if (auth.type === 'generic') {
		for (const [outer, props] of Object.entries(auth.properties)) {
			const target = ((options as unknown as IDataObject)[outer] ?? {}) as IDataObject;
			for (const [k, v] of Object.entries(props as IDataObject))
				target[k] = resolveExpression(v, credentials) as string;
			(options as unknown as IDataObject)[outer] = target;
		}
	}
	return options;
}

/** One query-string value as n8n's `qs` writes it (RFC 3986): encodeURIComponent plus `!'()*`. */
const encodeRfc3986 = (value: string) =>
	encodeURIComponent(value).replace(
		/[!'()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
	);

/**
 * The query string as n8n writes it: n8n's axios default paramsSerializer is
 * `qs.stringify(params, { arrayFormat: 'indices' })` (@n8n/backend-network, http/axios/config.js),
 * so values are RFC 3986-encoded (a space as %20, `*` as %2A, `!` as %21, `~` kept) and arrays
 * and objects become `a[0]=x`, `a[b]=y` with the brackets encoded. (It was URLSearchParams here:
 * `+` for a space, `*` kept, `~` as %7E, which is not what a CRM receives from n8n.)
 */
function serializeQs(qs: IDataObject | undefined): string {
	if (!qs) return '';
	const parts: string[] = [];
	const add = (key: string, value: unknown) => {
		if (value === undefined) return;
		if (Array.isArray(value)) value.forEach((v, i) => add(`${key}[${i}]`, v));
		else if (value !== null && typeof value === 'object' && !(value instanceof Date))
			for (const [k, v] of Object.entries(value)) add(`${key}[${k}]`, v);
		else
			parts.push(
				`${encodeRfc3986(key)}=${encodeRfc3986(value === null ? '' : value instanceof Date ? value.toISOString() : String(value))}`,
			);
	};
	for (const [k, v] of Object.entries(qs)) add(k, v);
	return parts.join('&');
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// axios' default (follow-redirects), which n8n keeps unless the request says otherwise.
const MAX_REDIRECTS_DEFAULT = 21;

/**
 * Sends the request as n8n's axios-based httpRequest would (n8n 2.41.1 @n8n/backend-network and
 * 1.123.81 request-helper-functions), for the options our nodes use:
 * - redirects are followed (up to `maxRedirects`, 21 by default) unless `disableFollowRedirect`
 *   or `maxRedirects: 0`; every header goes along, Authorization included (n8n's beforeRedirect
 *   puts it back even on another origin), the method and body too on a 307/308, while a
 *   301/302 POST and a 303 become a GET without body, as follow-redirects does;
 * - `encoding: 'stream'` resolves once the headers are in, with the body as a readable stream
 *   (also in the error thrown for a status error); `timeout` is then no longer applied to the
 *   body (axios' idle timer stops once the promise is settled);
 * - `timeout` is the socket's idle time, not a wall clock; `abortSignal` aborts the request;
 * - no size limit (n8n sets maxContentLength and maxBodyLength to Infinity).
 */
export async function sendHttp(
	options: IHttpRequestOptions,
): Promise<{ body: unknown; headers: IDataObject; statusCode: number }> {
	const base = options.baseURL ? options.baseURL.replace(/\/+$/, '') : '';
	const url = new URL(base ? `${base}/${options.url.replace(/^\/+/, '')}` : options.url);
	const query = serializeQs(options.qs as IDataObject | undefined);
	if (query) url.search = url.search ? `${url.search}&${query}` : query;
	const headers: Record<string, string> = {};
	for (const [k, v] of Object.entries(options.headers ?? {})) headers[k.toLowerCase()] = String(v);
	let payload: Buffer | undefined;
	const body = options.body as unknown;
	if (body instanceof URLSearchParams) {
		payload = Buffer.from(body.toString());
		headers['content-type'] ??= 'application/x-www-form-urlencoded';
	} else if (typeof body === 'string') {
		payload = Buffer.from(body);
	} else if (Buffer.isBuffer(body)) {
		payload = body;
	} else if (body && typeof body === 'object') {
		if (headers['content-type'] === 'application/x-www-form-urlencoded') {
			payload = Buffer.from(new URLSearchParams(body as Record<string, string>).toString());
		} else {
			payload = Buffer.from(JSON.stringify(body));
			headers['content-type'] ??= 'application/json';
		}
	}
	const maxRedirects =
		options.disableFollowRedirect === true ? 0 : (options.maxRedirects ?? MAX_REDIRECTS_DEFAULT);
	let method = options.method ?? 'GET';
	for (let redirects = 0; ; redirects++) {
		const answer = await sendOnce(url, method, headers, payload, options);
		const location = answer.res.headers.location;
		if (!REDIRECTS.has(answer.res.statusCode ?? 0) || !location || maxRedirects === 0)
			return await settle(answer.res, answer.req, options);
		answer.res.resume();
		if (redirects >= maxRedirects) throw new Error(`Maximum number of redirects exceeded`);
		const status = answer.res.statusCode ?? 0;
		if (
			status === 303 ? method !== 'HEAD' : (status === 301 || status === 302) && method === 'POST'
		) {
			method = 'GET';
			payload = undefined;
			for (const name of Object.keys(headers))
				if (name.startsWith('content-')) delete headers[name];
		}
		const next = new URL(location, url);
		url.href = next.href;
	}
}

function sendOnce(
	url: URL,
	method: string,
	headers: Record<string, string>,
	payload: Buffer | undefined,
	options: IHttpRequestOptions,
): Promise<{ req: ClientRequest; res: IncomingMessage }> {
	const sends = payload && method !== 'GET';
	const sent = { ...headers, ...(sends ? { 'content-length': String(payload.length) } : {}) };
	const client = url.protocol === 'https:' ? https : http;
	return new Promise((resolve, reject) => {
		const req = client.request(
			url,
			{
				method,
				headers: sent,
				agent: false,
				signal: options.abortSignal as AbortSignal | undefined,
			},
			(res) => resolve({ req, res }),
		);
		if (options.timeout) {
			req.setTimeout(options.timeout, () => {
				req.destroy(
					Object.assign(new Error(`timeout of ${options.timeout}ms exceeded`), {
						code: 'ECONNABORTED',
					}),
				);
			});
		}
		req.on('error', reject);
		if (sends) req.write(payload);
		req.end();
	});
}

function settle(
	res: IncomingMessage,
	req: ClientRequest,
	options: IHttpRequestOptions,
): Promise<{ body: unknown; headers: IDataObject; statusCode: number }> {
	const statusCode = res.statusCode ?? 0;
	// axios' default validateStatus: 2xx only (a redirect not followed is a status error too).
	const statusError = !options.ignoreHttpStatusErrors && (statusCode < 200 || statusCode >= 300);
	const full = (parsed: unknown) =>
		options.returnFullResponse
			? { body: parsed, headers: res.headers as IDataObject, statusCode }
			: (parsed as never);
	if (options.encoding === 'stream') {
		req.setTimeout(0);
		if (statusError) {
			return Promise.reject(
				Object.assign(new Error(`Request failed with status code ${statusCode}`), {
					status: statusCode,
					response: { status: statusCode, headers: res.headers, data: res },
				}),
			);
		}
		return Promise.resolve(full(res));
	}
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		res.on('data', (c: Buffer) => chunks.push(c));
		res.on('error', reject);
		req.on('error', reject);
		res.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			if (statusError) {
				const error = Object.assign(new Error(`Request failed with status code ${statusCode}`), {
					status: statusCode,
					response: { data: text },
				});
				return reject(error);
			}
			let parsed: unknown = text;
			if (options.encoding !== 'text' && options.encoding !== 'arraybuffer') {
				try {
					parsed = JSON.parse(text);
				} catch {
					parsed = text;
				}
			}
			resolve(full(parsed));
		});
	});
}

export interface RunResult {
	output: INodeExecutionData[];
	error?: Error;
}

export function createExecuteContext(options: RunOptions): IExecuteFunctions {
	const items: INodeExecutionData[] = (options.items ?? [{}]).map((json) => ({ json }));
	const node: INode = {
		id: 'test-node',
		name: options.nodeName ?? 'Node',
		type: options.nodeType ?? 'n8n-nodes-crm-leads.test',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const paramsFor = (i: number): IDataObject =>
		typeof options.parameters === 'function' ? options.parameters(i) : options.parameters;
	const context = {
		getInputData: () => items,
		getNode: () => node,
		continueOnFail: () => options.continueOnFail ?? false,
		getTimezone: () => options.timezone ?? 'UTC',
		getNodeParameter(
			name: string,
			itemIndex: number,
			fallback?: unknown,
			options?: { extractValue?: boolean },
		) {
			const value = getPath(paramsFor(itemIndex), name);
			if (value === undefined) {
				if (arguments.length >= 3) return fallback;
				throw new Error(`Could not get parameter "${name}"`);
			}
			// As n8n's extractValue: a resource locator ({__rl, mode, value}) gives its value; a plain
			// value (a workflow saved before the field was a locator) is returned as it is.
			if (
				options?.extractValue &&
				value &&
				typeof value === 'object' &&
				'mode' in value &&
				'value' in value
			)
				return (value as { value: unknown }).value;
			return value;
		},
		async getCredentials(type: string) {
			const data = options.credentials?.[type];
			if (!data)
				throw new Error(`Node "${node.name}" does not have any credentials of type "${type}" set`);
			return { ...data };
		},
		logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
		helpers: {
			async httpRequestWithAuthentication(
				this: unknown,
				type: string,
				request: IHttpRequestOptions,
				additional?: { credentialsDecrypted?: { data?: ICredentialDataDecryptedObject } },
			) {
				// As n8n: decrypted credentials handed in are used instead of loading them again.
				const credentials = additional?.credentialsDecrypted?.data ?? options.credentials?.[type];
				if (!credentials) throw new Error(`no credentials of type ${type}`);
				const credentialType = options.credentialTypes?.[type];
				try {
					// As n8n 2.41's execute contexts: the node's abortSignal is replaced by the execution's
					// cancel signal (which never fires here), so a node cannot rely on its own signal.
					request = { ...request, abortSignal: undefined };
					await preAuthenticate(credentialType, credentials, false);
					const authed = await authenticate(credentialType, credentials, { ...request });
					return await sendHttp(authed);
				} catch (error) {
					// As n8n-core: a thrown 401 with a preAuthentication renews the credential and retries once.
					const status =
						(error as { status?: number; response?: { status?: number } }).response?.status ??
						(error as { status?: number }).status;
					if (status === 401 && credentialType?.preAuthentication) {
						try {
							await preAuthenticate(credentialType, credentials, true);
							return await sendHttp(
								await authenticate(credentialType, credentials, { ...request }),
							);
						} catch (retryError) {
							throw new NodeApiError(node, retryError as JsonObject);
						}
					}
					// n8n wraps every failure of this helper in a NodeApiError (request-helpers/authentication).
					throw new NodeApiError(node, error as JsonObject);
				}
			},
			async prepareBinaryData(buffer: Buffer, fileName?: string, mimeType?: string) {
				return {
					data: buffer.toString('base64'),
					fileName,
					mimeType: mimeType ?? 'application/octet-stream',
					fileSize: String(buffer.length),
				};
			},
		},
	};
	return context as unknown as IExecuteFunctions;
}

/** Runs a node's execute() with the given options; returns its first output, or the error it threw. */
export async function runNode(nodeType: INodeType, options: RunOptions): Promise<RunResult> {
	const context = createExecuteContext({
		nodeName: nodeType.description.defaults.name,
		...options,
	});
	try {
		const result = await nodeType.execute!.call(context);
		return { output: (result as INodeExecutionData[][])[0] };
	} catch (error) {
		return { output: [], error: error as Error };
	}
}

export interface TriggerContextOptions {
	/** Node parameters (no item index for polls and dropdowns). */
	parameters: IDataObject;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	credentialTypes?: Record<string, ICredentialType>;
	/** The workflow static data of the node; pass the same object across polls (n8n keeps it between polls). */
	staticData?: IDataObject;
	mode?: 'trigger' | 'manual';
	timezone?: string;
	pollBudgetMs?: number;
	/** Receives what the node logs (n8n's logger); silent by default. */
	logger?: {
		debug(m: string): void;
		info(m: string): void;
		warn(m: string): void;
		error(m: string): void;
	};
}

/**
 * A real-HTTP IPollFunctions (for poll()) or ILoadOptionsFunctions (for loadOptions /
 * listSearch), sharing the request helper of createExecuteContext.
 */
export function createTriggerContext(options: TriggerContextOptions) {
	const staticData = options.staticData ?? {};
	const exec = createExecuteContext({
		parameters: options.parameters,
		credentials: options.credentials,
		credentialTypes: options.credentialTypes,
		timezone: options.timezone,
	}) as unknown as {
		helpers: IDataObject;
		getNode: () => INode;
		getCredentials: (t: string) => Promise<ICredentialDataDecryptedObject>;
	};
	return {
		getNode: exec.getNode,
		getCredentials: exec.getCredentials,
		getTimezone: () => options.timezone ?? 'UTC',
		getMode: () => options.mode ?? 'trigger',
		getWorkflowStaticData: () => staticData,
		getNodeParameter(name: string, fallback?: unknown) {
			const value = getPath(options.parameters, name);
			if (value === undefined) {
				if (arguments.length >= 2) return fallback;
				throw new Error(`Could not get parameter "${name}"`);
			}
			return value;
		},
		getCurrentNodeParameter: (name: string) => getPath(options.parameters, name),
		getCurrentNodeParameters: () => options.parameters,
		...(options.pollBudgetMs !== undefined ? { getPollBudgetMs: () => options.pollBudgetMs } : {}),
		logger: options.logger ?? { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
		helpers: {
			...exec.helpers,
			returnJsonArray: (data: IDataObject | IDataObject[]) =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
		},
		staticData,
	};
}
