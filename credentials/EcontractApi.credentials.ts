import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

export class EcontractApi implements ICredentialType {
	name = 'econtractApi';

	displayName = 'Econtract CRM API';

	icon: Icon = {
		light: 'file:../nodes/Econtract/econtract.svg',
		dark: 'file:../nodes/Econtract/econtract.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-crm-leads/n8n-nodes-crm-leads#econtract';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://crm.econtract.be',
			required: true,
			description:
				'Web address of your Econtract CRM; keep the default unless Econtract gave you another',
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
		} else if (
			method !== 'GET' &&
			body &&
			typeof body === 'object' &&
			!Array.isArray(body) &&
			!Buffer.isBuffer(body)
		) {
			requestOptions.body = { ...(body as IDataObject), crm_api_id: id, crm_api_key: key };
		} else {
			requestOptions.qs = { ...(requestOptions.qs ?? {}), crm_api_id: id, crm_api_key: key };
		}
		return requestOptions;
	}

	// The Test button: econtractApiTest (nodes/Econtract/methods/credentialTest.ts), named by the nodes'
	// testedBy, reads the default usages through the nodes' transport and quotes Econtract's words on a
	// refusal (a declarative test could only show fixed texts).
}
