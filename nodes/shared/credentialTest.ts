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
