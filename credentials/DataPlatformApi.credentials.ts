import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

export class DataPlatformApi implements ICredentialType {
	name = 'dataPlatformApi';

	displayName = 'CRM Data Platform API';

	icon: Icon = {
		light: 'file:../nodes/DataPlatform/dataPlatform.svg',
		dark: 'file:../nodes/DataPlatform/dataPlatform.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-crm-leads/n8n-nodes-crm-leads#crm-data-platform';

	properties: INodeProperties[] = [
		{
			displayName: 'Listener URL',
			name: 'listenerUrl',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'e.g. https://your-org.example.com/webhook/listener/...',
			description:
				'The URL of a webhook listener (Settings &gt; Other settings &gt; Webhook &gt; Listener &gt; Add webhook listener). It is the only protection of your account: keep it secret.',
			hint: 'The Test button only checks that this is an http(s) URL with a path and that its server answers: it cannot tell a right listener path from a wrong one, because the platform offers no call that does not create data.',
		},
		{
			displayName: 'Default Sender User',
			name: 'senderUser',
			type: 'string',
			default: '',
			placeholder: 'e.g. nathan@example.com',
			description:
				'Email of a user of your CRM organization, named as the sender of the data unless the node sets another. Checked as an email before anything is sent.',
		},
	];

	// No call can be made without creating data (doc 2.2: every action adds or changes something),
	// so the test only GETs the listener: a well-formed URL whose server answers, whatever the status.
	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			url: '={{ /^https?:\\/\\/[^\\/?#]+\\/[^?#]+/.test(String($credentials.listenerUrl).trim()) ? String($credentials.listenerUrl).trim() : "http://listener-url-must-be-an-http-url-with-a-path.invalid/" }}',
			ignoreHttpStatusErrors: true,
		},
	};
}
