import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { routeItems } from '../../shared/router';
import { PILOT_CREDENTIAL, PILOT_SECRET_FIELDS } from '../transport';
import { operations } from './node.type';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeItems.call(this, {
		operations,
		credentialType: PILOT_CREDENTIAL,
		secretFields: PILOT_SECRET_FIELDS,
	});
}
