import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { drfErrorText } from '../nodes/Sml/transport/errors';
import { smlBaseUrl } from '../nodes/Sml/helpers/url';

export class SmlApi implements ICredentialType {
	name = 'smlApi';

	displayName = 'SML API';

	icon: Icon = { light: 'file:../nodes/Sml/sml.svg', dark: 'file:../nodes/Sml/sml.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-crm-leads/n8n-nodes-crm-leads#sml';

	properties: INodeProperties[] = [
		{
			displayName: 'Domain',
			name: 'domain',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. crm.example.com',
			description:
				'The domain name of your SML server, as in the address you open SML at; https:// is assumed unless you type http://',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: 'The SML user name (the platform login also works for the API)',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Header Scheme',
			name: 'authScheme',
			type: 'options',
			options: [
				{ name: 'Token (Authorization: Token …)', value: 'Token' },
				{ name: 'Bearer (Authorization: Bearer …)', value: 'Bearer' },
			],
			default: 'Token',
			description: 'How the login token is sent on every call',
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	// doc "Login": POST /api/auth/login/ {username, password} answers {token}; n8n calls this
	// when the token is empty, and again when a call throws a 401 (then retries it once).
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const base = smlBaseUrl(credentials.domain);
		const response = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${base}/api/auth/login/`,
			headers: { Accept: 'application/json' },
			body: { username: credentials.username, password: credentials.password },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as { statusCode: number; body: unknown };
		const body = (response.body ?? {}) as IDataObject;
		if (
			response.statusCode >= 200 &&
			response.statusCode < 300 &&
			typeof body.token === 'string' &&
			body.token
		) {
			return { token: body.token };
		}
		// doc "Tabla de respuestas > Login": 400 {"non_field_errors": "No se puede iniciar sesión ..."}
		const said = typeof response.body === 'object' ? drfErrorText(response.body) : '';
		throw new Error(
			`${said || 'the login answer holds no token'} (login refused, HTTP ${response.statusCode}: check the Username and Password)`,
		);
	}

	// A function rather than an `={{...}}` expression: n8n 2.x evaluates a generic authenticate's
	// expressions in its expression sandbox on every call (about 1 ms each).
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		requestOptions.headers = {
			...(requestOptions.headers ?? {}),
			Authorization: `${String(credentials.authScheme ?? 'Token')} ${String(credentials.token ?? '')}`,
		};
		return requestOptions;
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ (/^https?:\\/\\//i.test($credentials.domain.trim()) ? "" : "https://") + $credentials.domain.trim().replace(/\\/+$/, "") }}',
			url: '/api/concessionaire/',
			qs: { page_size: 1 },
			method: 'GET',
		},
	};
}
