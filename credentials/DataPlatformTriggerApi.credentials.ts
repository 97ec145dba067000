import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * The secret that senders must give to the CRM Data Platform Trigger. n8n keeps it encrypted
 * with the other credentials, so it is in no workflow and no export. Nothing is called with it:
 * the node's Test button (testedBy in DataPlatformTrigger) only checks its form.
 */
export class DataPlatformTriggerApi implements ICredentialType {
	name = 'dataPlatformTriggerApi';

	displayName = 'CRM Data Platform Trigger (Shared Secret) API';

	icon: Icon = {
		light: 'file:../nodes/DataPlatform/dataPlatform.svg',
		dark: 'file:../nodes/DataPlatform/dataPlatform.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-crm-leads/n8n-nodes-crm-leads#crm-data-platform-trigger';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The value senders must give with every post, compared in constant time. A wrong or missing one gets 401 and starts no execution.',
		},
		{
			displayName: 'Senders Put It',
			name: 'location',
			type: 'options',
			options: [
				{ name: 'In a Header', value: 'header' },
				{ name: 'In a Query Parameter', value: 'query' },
			],
			default: 'header',
			description: 'Where senders put the secret in their request',
		},
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: 'X-Listener-Secret',
			required: true,
			displayOptions: { show: { location: ['header'] } },
		},
		{
			displayName: 'Query Parameter Name',
			name: 'queryParameterName',
			type: 'string',
			default: 'secret',
			required: true,
			displayOptions: { show: { location: ['query'] } },
			hint: 'A secret in the URL can end up in the logs of proxies between the sender and n8n: prefer a header when senders can set one',
		},
	];
}
