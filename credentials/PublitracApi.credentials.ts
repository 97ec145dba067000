import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

export class PublitracApi implements ICredentialType {
	name = 'publitracApi';

	displayName = 'PUBLITRAC API';

	icon: Icon = {
		light: 'file:../nodes/Publitrac/publitrac.svg',
		dark: 'file:../nodes/Publitrac/publitrac.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-crm-leads/n8n-nodes-crm-leads#publitrac';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Your API key, from Configuration &gt; Account Information in PUBLITRAC',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: 'Your PUBLITRAC login (PUBLITRAC can create a user for API use only)',
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
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://app.publitrac.com/api',
			required: true,
			description:
				'The address of the PUBLITRAC API; change it only if PUBLITRAC gave you another one',
		},
		{
			displayName: 'Account Token',
			name: 'accountToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Your account token, needed only for e-commerce transactions',
		},
		{
			displayName: 'n8n Processes Sharing the Rate Limit',
			name: 'rateLimitShare',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 35, numberPrecision: 0 },
			default: 1,
			description:
				'PUBLITRAC allows 35 calls per second per account. Each n8n process keeps its own count, so in queue mode set the number of n8n processes (main and workers) that may call PUBLITRAC with this account at the same time: each then makes at most 35 / N calls per second, and together they stay within the limit.',
		},
	];

	// doc "Authentification": the credentials go in the query string of every call. The doc spells
	// the key both "apikey" (Authentification, Syntaxe) and "apiKey" (every method's example): both are sent.
	// A function rather than `={{$credentials.x}}` expressions: n8n 2.x evaluates each expression
	// of a generic authenticate in its expression sandbox on every call, about 1 ms each (4.5 ms a
	// call, a sixth of what a Return All page costs at 35 calls/s).
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const apiKey = String(credentials.apiKey ?? '');
		requestOptions.qs = {
			...(requestOptions.qs ?? {}),
			apikey: apiKey,
			apiKey,
			username: String(credentials.username ?? ''),
			password: String(credentials.password ?? ''),
		};
		return requestOptions;
	}

	// The Test button: publitracApiTest (nodes/Publitrac/methods/credentialTest.ts), named by the nodes'
	// testedBy, reads page 1 of the campaigns through the nodes' transport and quotes PUBLITRAC's words
	// on a refusal (a declarative test could only show fixed texts).
}
