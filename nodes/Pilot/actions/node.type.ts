import { defineResources, operationMap, type OperationMapOf } from '../../shared/operationMap';
import * as lead from './lead/Lead.resource';
import * as survey from './survey/Survey.resource';

/**
 * The node's resources and operations, declared once: the Resource dropdown, the fields and the
 * router's map are built from this list and from each resource's `operations`. Listed in the order
 * their fields are; the Resource dropdown sorts them by name.
 */
export const resources = defineResources({
	lead: { name: 'Lead', module: lead },
	survey: { name: 'Survey', module: survey },
});

/** The node's default resource. */
export const defaultResource = 'lead' satisfies keyof typeof resources;

/** resource -> operation -> module; a name not declared above is a TypeScript error. */
export type PilotOperationMap = OperationMapOf<typeof resources>;

export const operations: PilotOperationMap = operationMap(resources);
