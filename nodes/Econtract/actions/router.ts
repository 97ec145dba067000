import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { routeItems } from '../../shared/router';
import { ECONTRACT_CREDENTIAL, ECONTRACT_SECRET_FIELDS } from '../transport';
import { operations } from './node.type';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeItems.call(this, {
		operations,
		credentialType: ECONTRACT_CREDENTIAL,
		secretFields: ECONTRACT_SECRET_FIELDS,
	});
}
