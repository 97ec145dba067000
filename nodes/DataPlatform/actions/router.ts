import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { routeItems } from '../../shared/router';
import { DATA_PLATFORM_CREDENTIAL, DATA_PLATFORM_SECRET_FIELDS } from '../transport';
import { operations } from './node.type';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeItems.call(this, {
		operations,
		credentialType: DATA_PLATFORM_CREDENTIAL,
		secretFields: DATA_PLATFORM_SECRET_FIELDS,
	});
}
