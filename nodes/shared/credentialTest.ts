import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { redactText } from './redact';
import { crmRequest } from './transport';
import type { CrmContext, CrmRequest, CrmResponse } from './transport';

/*
 * A credential's Test button through the package's transport. n8n runs a node's
 * `methods.credentialTest` function (the credential names it with `testedBy`) in a context that
 * has only the legacy `helpers.request`: no request helper with authentication, no node. The
 * context below gives crmRequest what it uses (getNode, getCredentials,
 * helpers.httpRequestWithAuthentication) over that helper, the credential applied by its own
 * `authenticate`, so the test gets the same redirect refusal, deadline, size cap, retries and
 * redacted errors as every call of the nodes. n8n shows the returned message in the dialog only
 * for an Error (for OK its editor shows its own "Connection tested successfully").
 */

export type Authenticate = (
	credentials: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions,
) => Promise<IHttpRequestOptions>;

export interface CredentialTestSetup {
	/** The node named in errors (n8n shows no node in the dialog, only the message). */
	nodeName: string;
	credentialType: string;
	credentials: ICredentialDataDecryptedObject;
	authenticate: Authenticate;
}

/** A request n8n's legacy helper understands: full answer whatever its status, no redirect followed, the body as a stream. */
function legacyOptions(options: IHttpRequestOptions): IDataObject {
	const headers = { ...((options.headers ?? {}) as IDataObject) };
	const body =
		options.body instanceof URLSearchParams
			? options.body.toString()
			: (options.body as IDataObject | string | undefined);
	return {
		method: options.method ?? 'GET',
		uri: options.url,
		qs: options.qs,
		headers,
		body,
		json: false,
		resolveWithFullResponse: true,
		simple: false,
		followRedirect: false,
		followAllRedirects: false,
		timeout: options.timeout,
		useStream: true,
	};
}

/** The context crmRequest needs, built over a credential test's own context. */
export function credentialTestContext(
	test: ICredentialTestFunctions,
	setup: CredentialTestSetup,
): CrmContext {
	const node: INode = {
		id: 'credential-test',
		name: setup.nodeName,
		type: setup.credentialType,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const context = {
		getNode: () => node,
		getCredentials: async () => setup.credentials,
		helpers: {
			async httpRequestWithAuthentication(
				_type: string,
				options: IHttpRequestOptions,
			): Promise<{ statusCode: number; headers: IDataObject; body: unknown }> {
				const signed = await setup.authenticate(setup.credentials, options);
				const answer = (await test.helpers.request(legacyOptions(signed))) as {
					statusCode?: unknown;
					headers?: IDataObject;
					body?: unknown;
				};
				return {
					statusCode: Number(answer.statusCode),
					headers: answer.headers ?? {},
					body: answer.body,
				};
			},
		},
	};
	return context as unknown as CrmContext;
}

/** One call for a credential test: no retry beyond one resend of a network failure, a short deadline. */
export async function credentialTestRequest(
	context: CrmContext,
	request: CrmRequest,
): Promise<CrmResponse> {
	return await crmRequest.call(context, {
		retry: { maxRetries: 1, baseDelayMs: 200, maxDelayMs: 1000 },
		timeoutMs: 20_000,
		...request,
	});
}

/** The CRM's own words for a dialog: secrets hidden, one line, at most `max` characters. */
export function crmWords(text: string, secrets: string[], max = 300): string {
	const line = redactText(text, secrets).replace(/\s+/g, ' ').trim();
	return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** A failure thrown by the transport (network, deadline, redirect) as the dialog's message. */
export function failedTest(error: unknown, secrets: string[]): INodeCredentialTestResult {
	const message = String((error as { message?: unknown })?.message ?? error);
	const description = (error as { description?: unknown })?.description;
	const text =
		typeof description === 'string' && description ? `${message} ${description}` : message;
	return { status: 'Error', message: redactText(text, secrets) };
}

/** What one CRM's credential test sends and how it reads the answer; the rest is common. */
export interface CredentialTestPlan {
	/** The CRM's name, as the messages show it. */
	crm: string;
	credentialType: string;
	credentials: ICredentialDataDecryptedObject;
	/** The credential fields no message may show. */
	secrets: string[];
	authenticate: Authenticate;
	/** The Base URL the credential form starts with, named when the Base URL is to be checked. */
	defaultBaseUrl: string;
	/** What the CRM refuses on HTTP 401 or 403 (e.g. "the login"), and the fields to check then. */
	refused: string;
	checkLogin: string;
	/** The read to send, from the Base URL (trimmed, without a trailing slash). */
	request: (baseUrl: string) => Pick<CrmRequest, 'method' | 'url' | 'qs' | 'headers'>;
	/** The CRM's own words in an answer's body ('' when there are none). */
	saidBy: (body: string) => string;
	/**
	 * A 2xx answer that is still no success (not the CRM's format, an error status in the
	 * body): the message to show, given the CRM's words already quoted; undefined when it is a success.
	 */
	refusalIn2xx: (body: string, quoted: string, checkBaseUrl: string) => string | undefined;
}

/**
 * The Test button of a credential: one read through the package's transport, a refusal
 * quoting the CRM's own words (secrets hidden) and naming the fields to check.
 */
export async function runCredentialTest(
	test: ICredentialTestFunctions,
	plan: CredentialTestPlan,
): Promise<INodeCredentialTestResult> {
	const checkBaseUrl = `Check the Base URL (by default ${plan.defaultBaseUrl}).`;
	const { crm, secrets } = plan;
	const baseUrl = String(plan.credentials.baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
	if (!/^https?:\/\/[^/?#]+/i.test(baseUrl)) {
		return {
			status: 'Error',
			message: `The Base URL must start with http:// or https://. ${checkBaseUrl}`,
		};
	}
	const context = credentialTestContext(test, {
		nodeName: crm,
		credentialType: plan.credentialType,
		credentials: plan.credentials,
		authenticate: plan.authenticate,
	});
	let answer;
	try {
		answer = await credentialTestRequest(context, {
			crm,
			credentialType: plan.credentialType,
			...plan.request(baseUrl),
			idempotent: true,
			credentials: plan.credentials,
			secrets,
		});
	} catch (error) {
		return failedTest(error, secrets);
	}
	const words = plan.saidBy(answer.body);
	const quoted = words ? `: "${crmWords(words, secrets)}"` : '';
	const code = answer.statusCode;
	if (code === 401 || code === 403) {
		return {
			status: 'Error',
			message: `${crm} refused ${plan.refused} (HTTP ${code}${quoted}). ${plan.checkLogin}`,
		};
	}
	if (code === 404) {
		return {
			status: 'Error',
			message: `No ${crm} API at this Base URL (HTTP 404${quoted}). ${checkBaseUrl}`,
		};
	}
	if (code < 200 || code >= 300) {
		const page =
			quoted ||
			(answer.body.trim()
				? `: "${crmWords(answer.body.replace(/<[^>]*>/g, ' '), secrets, 200)}"`
				: '');
		return { status: 'Error', message: `${crm} answered HTTP ${code}${page}. ${checkBaseUrl}` };
	}
	const refusal = plan.refusalIn2xx(answer.body, quoted, checkBaseUrl);
	if (refusal) return { status: 'Error', message: refusal };
	return { status: 'OK', message: 'Connection successful!' };
}
