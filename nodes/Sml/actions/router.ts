import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { routeItems } from '../../shared/router';
import type { OperationMap } from '../../shared/types';
import { SML_CREDENTIAL, SML_SECRET_FIELDS } from '../transport';
import * as client from './client/Client.resource';
import * as concessionaire from './concessionaire/Concessionaire.resource';
import * as gasType from './gasType/GasType.resource';
import * as lead from './lead/Lead.resource';
import * as locality from './locality/Locality.resource';
import * as province from './province/Province.resource';
import * as session from './session/Session.resource';
import * as source from './source/Source.resource';
import * as task from './task/Task.resource';
import * as user from './user/User.resource';

export const operations: OperationMap = {
	session: { logout: session.logout },
	concessionaire: { getMany: concessionaire.getMany },
	lead: {
		getMany: lead.getMany,
		get: lead.get,
		create: lead.create,
		update: lead.update,
		assign: lead.assign,
		changeStatus: lead.changeStatus,
		finalize: lead.finalize,
		getHistory: lead.getHistory,
		click2call: lead.click2call,
	},
	source: { getMany: source.getMany },
	gasType: { getMany: gasType.getMany },
	client: { getMany: client.getMany },
	province: { getMany: province.getMany },
	locality: { getMany: locality.getMany },
	user: { getMany: user.getMany },
	task: { create: task.create, update: task.update, delete: task.delete },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeItems.call(this, {
		operations,
		credentialType: SML_CREDENTIAL,
		secretFields: SML_SECRET_FIELDS,
	});
}
