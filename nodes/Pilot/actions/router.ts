import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { routeItems } from '../../shared/router';
import type { OperationMap } from '../../shared/types';
import { PILOT_CREDENTIAL, PILOT_SECRET_FIELDS } from '../transport';
import * as lead from './lead/Lead.resource';
import * as survey from './survey/Survey.resource';

export const operations: OperationMap = {
	lead: { create: lead.create, buildAdf: lead.buildAdf },
	survey: { create: survey.create },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeItems.call(this, {
		operations,
		credentialType: PILOT_CREDENTIAL,
		secretFields: PILOT_SECRET_FIELDS,
	});
}
