import type { INodeProperties } from 'n8n-workflow';
import { requestOptionsField, sequentialRequestOptionsField } from './descriptions';
import { simplifyField } from './leadShape';
import type { Operation } from './types';

/**
 * The resource and operation lists of an action node, declared once (issue 17, point 3; modelled on
 * n8n's Airtable v2 `node.type.ts`). Each `<Resource>.resource.ts` exports its fields (its
 * Operation dropdown first) and `operations`, its modules by internal operation name; the node's
 * `actions/node.type.ts` lists its resources with `defineResources`; the node's properties
 * (Resource dropdown and every resource's fields) and the router's map are both built from that
 * one list, so they cannot disagree. `test/unit/architecture/operationMap.test.ts` checks the
 * rest: every Operation dropdown value has its module and every module has its dropdown value.
 */

/** A resource's operations by internal name (the values of its Operation dropdown). */
export type ResourceOperations = Record<string, Operation>;

/** What a `<Resource>.resource.ts` exports. */
export interface ResourceModule {
	/** The resource's fields: its Operation dropdown, then each operation's fields. */
	description: INodeProperties[];
	operations: ResourceOperations;
}

/** One resource of a node: its name in the Resource dropdown and its module. */
export interface ResourceEntry {
	name: string;
	module: ResourceModule;
}

/** A node's resources by internal name, in the order their fields are listed. */
export type ResourceList = Record<string, ResourceEntry>;

/**
 * resource -> operation -> module, typed from the list: a resource or operation that is not
 * declared (`map.lead.creat`) is a TypeScript error.
 */
export type OperationMapOf<L extends ResourceList> = {
	[R in keyof L]: L[R]['module']['operations'];
};

/** Internal resource names of a list. */
export type ResourceName<L extends ResourceList> = Extract<keyof L, string>;

/** Internal operation names of one resource of a list. */
export type OperationName<L extends ResourceList, R extends ResourceName<L>> = Extract<
	keyof L[R]['module']['operations'],
	string
>;

/** Declares a node's resources; returns the list as given, with its keys typed. */
export function defineResources<L extends ResourceList>(list: L): L {
	return list;
}

/** The router's map, built from the list. */
export function operationMap<L extends ResourceList>(list: L): OperationMapOf<L> {
	const map: Partial<OperationMapOf<L>> = {};
	for (const resource of Object.keys(list) as Array<keyof L>) {
		map[resource] = list[resource].module.operations;
	}
	return map as OperationMapOf<L>;
}

/**
 * The shared fields a resource's operations declare (`simplify`, `requestOptions`), each shown
 * for the operations that declared it, after their own fields: Simplify, then Request Options
 * (with Parallel Requests for the operations the router runs in parallel).
 */
export function sharedFields(resource: string, module: ResourceModule): INodeProperties[] {
	const shown = new Map<INodeProperties, string[]>();
	const add = (field: INodeProperties, operation: string) => {
		const list = shown.get(field);
		if (list) list.push(operation);
		else shown.set(field, [operation]);
	};
	for (const [operation, declared] of Object.entries(module.operations)) {
		if (declared.simplify) add(simplifyField, operation);
	}
	for (const [operation, declared] of Object.entries(module.operations)) {
		const field = declared.requestOptions;
		// Parallel Requests only where the router sends items at the same time.
		const shared =
			'parallel' in declared && declared.parallel === true
				? requestOptionsField
				: sequentialRequestOptionsField;
		if (field) add(field === true ? shared : field, operation);
	}
	return [...shown].map(([field, operation]) => ({
		...field,
		displayOptions: { show: { resource: [resource], operation } },
	}));
}

/**
 * The node's properties, built from the list: the Resource dropdown (its options sorted by name,
 * as n8n lists them) and then every resource's fields, in the list's order, each resource's own
 * fields followed by the shared fields its operations declare.
 */
export function resourceProperties<L extends ResourceList>(
	list: L,
	defaultResource: ResourceName<L>,
): INodeProperties[] {
	const options = Object.entries(list)
		.map(([value, entry]) => ({ name: entry.name, value }))
		.sort((a, b) => a.name.localeCompare(b.name));
	return [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options,
			default: defaultResource,
		},
		...Object.entries(list).flatMap(([resource, entry]) => [
			...entry.module.description,
			...sharedFields(resource, entry.module),
		]),
	];
}
