// A webhook trigger's webhook() called as n8n calls it: the request n8n hands the node (the
// body it parsed, the raw bytes in rawBody, the headers, the query, Express's req.ip and the
// socket's address), the response a refusal is written to, the node's parameters and its
// credential; and what the sender then gets. Real-HTTP behaviour of the triggers is in the
// e2e tests (test/e2e/pilot*.e2e.test.js, test/e2e/dataPlatform*.e2e.test.js).
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

export interface WebhookRequest {
	/** The body as n8n parsed it (JSON, form). */
	body?: unknown;
	/** The raw body n8n keeps in req.rawBody; no rawBody when undefined. */
	raw?: string;
	headers?: Record<string, string>;
	/** req.query; absent when undefined. */
	query?: unknown;
	/** req.ip, as Express computes it. */
	ip?: string;
	/** The socket's peer address (req.socket.remoteAddress); no socket when undefined. */
	remoteAddress?: string;
}

/** A trigger node (its class instance): only webhook() is called. */
export interface WebhookTrigger {
	webhook?: (this: IWebhookFunctions) => Promise<IWebhookResponseData>;
}

export interface WebhookCall {
	/** The node's parameters as n8n hands them; getNodeParameter falls back to the default it is given. */
	parameters: IDataObject;
	/** What getCredentials resolves to, or a function of the type asked (to refuse or fail like n8n). */
	credentials?: unknown;
	/** More of the context n8n hands the node (getNode, ...). */
	context?: Record<string, unknown>;
}

export interface WebhookOutcome {
	result: IWebhookResponseData;
	/** What the sender gets: the node's own answer (a refusal), or n8n's answer to an accepted post. */
	answer: { status?: number; json?: IDataObject };
	/** Who answered: the node itself (a refusal, no execution), or n8n (an accepted post). */
	answeredBy?: 'node' | 'n8n';
}

/** A JSON post from 203.0.113.7: content-type and content-length set, the raw body the body's JSON unless given. */
export function jsonRequest(request: WebhookRequest = {}): WebhookRequest {
	const raw = request.raw ?? JSON.stringify(request.body ?? {});
	return {
		body: request.body,
		raw,
		headers: {
			'content-type': 'application/json',
			'content-length': String(Buffer.byteLength(raw)),
			...(request.headers ?? {}),
		},
		query: request.query ?? {},
		ip: request.ip ?? '203.0.113.7',
		remoteAddress: request.remoteAddress ?? '203.0.113.7',
	};
}

export async function callWebhook(
	trigger: WebhookTrigger,
	request: WebhookRequest,
	call: WebhookCall,
): Promise<WebhookOutcome> {
	const answer: WebhookOutcome['answer'] = {};
	const params = call.parameters;
	const credentials = call.credentials;
	const context = {
		getRequestObject: () => ({
			headers: request.headers ?? {},
			...(request.query !== undefined ? { query: request.query } : {}),
			...(request.ip !== undefined ? { ip: request.ip } : {}),
			...(request.remoteAddress !== undefined
				? { socket: { remoteAddress: request.remoteAddress } }
				: {}),
			rawBody: request.raw === undefined ? undefined : Buffer.from(request.raw),
			body: request.body,
		}),
		getResponseObject: () => ({
			status(code: number) {
				answer.status = code;
				return { json: (body: IDataObject) => (answer.json = body) };
			},
		}),
		getBodyData: () => request.body,
		getNodeParameter: (name: string, fallback?: unknown) =>
			name in params ? params[name] : fallback,
		getCredentials: async (type: string) =>
			typeof credentials === 'function' ? credentials(type) : credentials,
		...(call.context ?? {}),
	} as unknown as IWebhookFunctions;
	const result = await trigger.webhook!.call(context);
	// What the sender gets: the node's own answer (a refusal, no execution), or n8n's, which
	// sends the node's webhookResponse with status 200 (responseData '' in the description)
	// and, on n8n 2.x, only once the execution exists.
	let answeredBy: WebhookOutcome['answeredBy'] = answer.status !== undefined ? 'node' : undefined;
	if (
		!answeredBy &&
		result.workflowData &&
		result.webhookResponse !== undefined &&
		!result.noWebhookResponse
	) {
		answeredBy = 'n8n';
		answer.status = 200;
		answer.json = result.webhookResponse as IDataObject;
	}
	return { result, answer, answeredBy };
}
