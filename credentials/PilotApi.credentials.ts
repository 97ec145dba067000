import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

export class PilotApi implements ICredentialType {
	name = 'pilotApi';

	displayName = 'Pilot Solution API';

	icon: Icon = {
		light: 'file:../nodes/Pilot/pilot.svg',
		dark: 'file:../nodes/Pilot/pilot.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-crm-leads/n8n-nodes-crm-leads#pilot-solution';

	properties: INodeProperties[] = [
		{
			displayName: 'App Key',
			name: 'appKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"The instance's appkey, e.g. 9715fc4b-17a8-4e56-ac7a-6deb5fd46u71, from Pilot's support team or the Pilot configuration",
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.pilotsolution.net',
			required: true,
			description:
				"Address of the Pilot Solution API; keep the default unless Pilot's support team gives you another",
		},
	];

	// Pilot takes the appkey as a form field of every call (doc "Parameters Description").
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const appKey = String(credentials.appKey ?? '');
		const body = requestOptions.body;
		if (body instanceof URLSearchParams) {
			body.set('appkey', appKey);
		} else if (body && typeof body === 'object' && !Array.isArray(body) && !Buffer.isBuffer(body)) {
			requestOptions.body = { ...(body as object), appkey: appKey };
		} else {
			requestOptions.qs = { ...(requestOptions.qs ?? {}), appkey: appKey };
		}
		return requestOptions;
	}

	// debug=1: Pilot validates the call without creating a lead (doc "debug").
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/webhooks/welcome.php',
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: {
				action: 'create',
				debug: '1',
				pilot_firstname: 'n8n credential test',
				pilot_contact_type_id: '1',
				pilot_business_type_id: '1',
			},
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'success',
					value: false,
					message: 'Pilot rejected the App Key (success: false)',
				},
			},
		],
	};
}
