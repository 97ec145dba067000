import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IDataObject,
	IHttpRequestMethods,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { sendHttp } from './context';

// n8n's credential Test button for a node's `methods.credentialTest` function (the credential
// names it with `testedBy`): n8n 2.41.1 CredentialsTester.testCredentials runs the function in a
// CredentialTestContext whose only HTTP helper is the legacy `helpers.request` (request-library
// options, proxied to axios), and returns its {status, message}; the dialog shows the message
// for an Error. Here `helpers.request` goes over real HTTP with sendHttp, as n8n's legacy adapter
// does for the options the package sends (full response, any status, no redirect followed).

type LegacyOptions = {
	method?: string;
	uri?: string;
	qs?: IDataObject;
	headers?: IDataObject;
	body?: unknown;
	timeout?: number;
	followRedirect?: boolean;
};

export function credentialTestFunctions(): ICredentialTestFunctions {
	return {
		logger: {
			debug() {},
			info() {},
			warn() {},
			error() {},
			verbose() {},
		} as unknown as ICredentialTestFunctions['logger'],
		helpers: {
			async request(uriOrObject: string | LegacyOptions, options?: LegacyOptions) {
				const o: LegacyOptions =
					typeof uriOrObject === 'string' ? { uri: uriOrObject, ...(options ?? {}) } : uriOrObject;
				const answer = await sendHttp({
					method: (o.method ?? 'GET') as IHttpRequestMethods,
					url: String(o.uri),
					qs: o.qs,
					headers: o.headers,
					body: o.body as string | undefined,
					timeout: o.timeout,
					disableFollowRedirect: o.followRedirect === false,
					ignoreHttpStatusErrors: true,
					returnFullResponse: true,
					encoding: 'text',
				});
				return { statusCode: answer.statusCode, headers: answer.headers, body: answer.body };
			},
		} as unknown as ICredentialTestFunctions['helpers'],
	};
}

type TestFunction = (
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
) => Promise<INodeCredentialTestResult>;

/** What the credential dialog gets for these credential data. */
export async function credentialVerdict(
	test: TestFunction,
	type: string,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	return await test.call(credentialTestFunctions(), { id: 'test', name: 'test', type, data });
}
