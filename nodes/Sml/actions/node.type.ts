import { defineResources, operationMap, type OperationMapOf } from '../../shared/operationMap';
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

/**
 * The node's resources and operations, declared once: the Resource dropdown, the fields and the
 * router's map are built from this list and from each resource's `operations`. Listed in the order
 * their fields are; the Resource dropdown sorts them by name.
 */
export const resources = defineResources({
	lead: { name: 'Lead', module: lead },
	task: { name: 'Task', module: task },
	session: { name: 'Session', module: session },
	concessionaire: { name: 'Concessionaire', module: concessionaire },
	source: { name: 'Source', module: source },
	gasType: { name: 'Gas Type', module: gasType },
	client: { name: 'Client', module: client },
	province: { name: 'Province', module: province },
	locality: { name: 'Locality', module: locality },
	user: { name: 'User', module: user },
});

/** The node's default resource. */
export const defaultResource = 'lead' satisfies keyof typeof resources;

/** resource -> operation -> module; a name not declared above is a TypeScript error. */
export type SmlOperationMap = OperationMapOf<typeof resources>;

export const operations: SmlOperationMap = operationMap(resources);
