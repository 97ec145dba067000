import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { resourceProperties } from '../shared/operationMap';
import { defaultResource, resources } from './actions/node.type';
import { router } from './actions/router';

export class Pilot implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Pilot Solution',
		name: 'pilot',
		icon: { light: 'file:pilot.svg', dark: 'file:pilot.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Send leads and surveys to the Pilot Solution CRM, or build the ADF XML email of a lead for its email integration. A lead needs a contact type and a business type (ID or code); a survey needs a survey type and a phone',
		defaults: { name: 'Pilot Solution' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'pilotApi',
				required: true,
				// Build ADF Email sends nothing, so it needs no credential. Said with `hide`, not
				// `show: {operation: ['create']}`: n8n's editor takes a parameter named in a
				// credential's `show` for an authentication selector and then hides it, and with it
				// Resource and Operation (seen in n8n 2.41.1, test/e2e/editor.e2e.test.js).
				displayOptions: { hide: { operation: ['buildAdf'] } },
			},
		],
		properties: resourceProperties(resources, defaultResource),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
