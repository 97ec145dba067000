import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

export class EcontractApi implements ICredentialType {
	name = 'econtractApi';

	displayName = 'Econtract CRM API';

	icon: Icon = { light: 'file:../nodes/Econtract/econtract.svg', dark: 'file:../nodes/Econtract/econtract.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-crm-leads/n8n-nodes-crm-leads#econtract';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://crm.econtract.be',
			required: true,
			description: 'Web address of your Econtract CRM; keep the default unless Econtract gave you another',
		},
		{
			displayName: 'CRM API ID',
			name: 'crmApiId',
			type: 'string',
			default: '',
			required: true,
			description: 'Your CRM API ID (crm_api_id), given to Econtract partners',
		},
		{
			displayName: 'CRM API Key',
			name: 'crmApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Your CRM API key (crm_api_key)',
		},
	];

	// Doc "Credentials": both values in every message; the vendor client merges them into the data (query on GET, body on POST).
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const id = String(credentials.crmApiId ?? '');
		const key = String(credentials.crmApiKey ?? '');
		const body = requestOptions.body;
		const method = String(requestOptions.method ?? 'GET').toUpperCase();
		if (method !== 'GET' && body instanceof URLSearchParams) {
			body.set('crm_api_id', id);
			body.set('crm_api_key', key);
		} else if (method !== 'GET' && body && typeof body === 'object' && !Array.isArray(body) && !Buffer.isBuffer(body)) {
			requestOptions.body = { ...(body as IDataObject), crm_api_id: id, crm_api_key: key };
		} else {
			requestOptions.qs = { ...(requestOptions.qs ?? {}), crm_api_id: id, crm_api_key: key };
		}
		return requestOptions;
	}

	// A read without side effects: default usages for electricity, segment 1 (doc "Get default usages"); 401 on a wrong ID or key.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/usages',
			method: 'GET',
			qs: { producttype: 'electricity', segment: '1' },
		},
		// n8n shows a rule's message instead of its bare "Unauthorized". Econtract's doc
		// "Credentials": "If either one is incorrect, or not included, the operation will be
		// aborted and a 401 response will be returned."
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Econtract refused the CRM API ID or the CRM API Key (HTTP 401: "if either one is incorrect, or not included, the operation will be aborted", says Econtract). Check both fields.',
				},
			},
			{
				type: 'responseCode',
				properties: { value: 404, message: 'No Econtract API at this Base URL (HTTP 404 on /api/usages). Check the Base URL (by default https://crm.econtract.be).' },
			},
		],
	};
}
