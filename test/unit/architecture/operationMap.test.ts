// Issue 17, point 3: every action node declares its resources and operations once
// (nodes/<Crm>/actions/node.type.ts, built with nodes/shared/operationMap.ts). This test ties what
// the editor shows to what the router runs: every value of the Resource dropdown has its entry in
// the operation map and every entry its dropdown value; for each resource, every value of its
// Operation dropdown has exactly one operation module and every module is reachable from a value.
// The node classes are instantiated, so the properties are the ones n8n reads.
import type { INodeProperties, INodeType } from 'n8n-workflow';
import { DataPlatform } from '../../../nodes/DataPlatform/DataPlatform.node';
import { operations as dataPlatformOperations } from '../../../nodes/DataPlatform/actions/node.type';
import { Econtract } from '../../../nodes/Econtract/Econtract.node';
import { operations as econtractOperations } from '../../../nodes/Econtract/actions/node.type';
import { Pilot } from '../../../nodes/Pilot/Pilot.node';
import { operations as pilotOperations } from '../../../nodes/Pilot/actions/node.type';
import { Publitrac } from '../../../nodes/Publitrac/Publitrac.node';
import { operations as publitracOperations } from '../../../nodes/Publitrac/actions/node.type';
import { Sml } from '../../../nodes/Sml/Sml.node';
import { operations as smlOperations } from '../../../nodes/Sml/actions/node.type';
import {
	requestOptionsField,
	sequentialRequestOptionsField,
} from '../../../nodes/shared/descriptions';
import { sharedFields } from '../../../nodes/shared/operationMap';

/** The router's view of a map: resource -> operation -> module. */
type AnyOperationMap = Record<string, Record<string, object>>;

function optionValues(property: INodeProperties): string[] {
	return (property.options ?? []).map((option) => String((option as { value?: unknown }).value));
}

function duplicates(values: string[]): string[] {
	return [...new Set(values.filter((value, i) => values.indexOf(value) !== i))];
}

/** Every disagreement between a node's dropdowns and its operation map, one sentence each. */
function checkOperationMap(properties: INodeProperties[], operations: AnyOperationMap): string[] {
	const problems: string[] = [];
	const resourceDropdowns = properties.filter((p) => p.name === 'resource' && p.type === 'options');
	if (resourceDropdowns.length !== 1) {
		return [`${resourceDropdowns.length} Resource dropdowns (expected 1)`];
	}
	const resources = optionValues(resourceDropdowns[0]);
	for (const value of duplicates(resources)) problems.push(`resource "${value}" listed twice`);
	for (const resource of resources) {
		if (!operations[resource]) problems.push(`resource "${resource}" has no entry in the map`);
	}
	for (const resource of Object.keys(operations)) {
		if (!resources.includes(resource)) {
			problems.push(`resource "${resource}" of the map is not in the Resource dropdown`);
		}
	}

	const seen = new Map<object, string>();
	for (const resource of new Set(resources)) {
		const dropdowns = properties.filter(
			(p) =>
				p.name === 'operation' &&
				p.type === 'options' &&
				(p.displayOptions?.show?.resource ?? []).includes(resource),
		);
		if (dropdowns.length !== 1) {
			problems.push(
				`resource "${resource}" has ${dropdowns.length} Operation dropdowns (expected 1)`,
			);
			continue;
		}
		const values = optionValues(dropdowns[0]);
		for (const value of duplicates(values)) {
			problems.push(`${resource}: operation "${value}" listed twice`);
		}
		if (!values.includes(String(dropdowns[0].default))) {
			problems.push(
				`${resource}: the Operation default "${String(dropdowns[0].default)}" is not a value`,
			);
		}
		const modules = operations[resource] ?? {};
		for (const value of new Set(values)) {
			const module = modules[value] as { execute?: unknown; prepare?: unknown } | undefined;
			if (!module) {
				problems.push(`${resource}: operation "${value}" has no module`);
			} else if (typeof module.execute !== 'function' && typeof module.prepare !== 'function') {
				problems.push(`${resource}: operation "${value}" has a module that runs nothing`);
			}
		}
		for (const [name, module] of Object.entries(modules)) {
			if (!values.includes(name)) {
				problems.push(`${resource}: module "${name}" is not reachable from the Operation dropdown`);
			}
			const other = seen.get(module);
			if (other) problems.push(`${resource}: module "${name}" is also ${other}`);
			else seen.set(module, `${resource}: "${name}"`);
		}
	}
	return problems;
}

const nodes: Array<[string, INodeType, AnyOperationMap]> = [
	['Pilot Solution', new Pilot(), pilotOperations],
	['PUBLITRAC', new Publitrac(), publitracOperations],
	['SML', new Sml(), smlOperations],
	['Econtract', new Econtract(), econtractOperations],
	['CRM Data Platform', new DataPlatform(), dataPlatformOperations],
];

describe('every Resource and Operation dropdown value has exactly one operation, and back', () => {
	it.each(nodes)('%s', (_name, node, operations) => {
		expect(checkOperationMap(node.description.properties, operations)).toEqual([]);
		expect(Object.keys(operations).length).toBeGreaterThan(0);
	});

	it('the Resource dropdown lists the resources sorted by name', () => {
		for (const [, node] of nodes) {
			const dropdown = node.description.properties.find((p) => p.name === 'resource');
			const names = (dropdown?.options ?? []).map((option) => option.name);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		}
	});

	it('a resource or operation that is not declared is a TypeScript error', () => {
		// test/tsconfig.json compiles this file: if these stopped being errors, tsc would fail.
		// @ts-expect-error "creat" is not an operation of the Pilot lead resource
		expect(pilotOperations.lead.creat).toBeUndefined();
		// @ts-expect-error "person" is not a resource of SML
		expect(smlOperations.person).toBeUndefined();
		expect(typeof smlOperations.task.delete.execute).toBe('function');
	});

	it('the check finds what it is for (each mismatch of a sample node is reported)', () => {
		const run = async () => ({});
		const create = { description: [], execute: run };
		const sample: INodeProperties[] = [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Lead', value: 'lead' },
					{ name: 'Note', value: 'note' },
					{ name: 'Task', value: 'task' },
					{ name: 'Task', value: 'task' },
				],
				default: 'lead',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['lead'] } },
				options: [
					{ name: 'Create', value: 'create', action: 'Create a lead' },
					{ name: 'Get', value: 'get', action: 'Get a lead' },
					{ name: 'Get', value: 'get', action: 'Get a lead' },
				],
				default: 'getMany',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['task', 'note'] } },
				options: [
					{ name: 'Archive', value: 'archive', action: 'Archive a task' },
					{ name: 'Create', value: 'create', action: 'Create a task' },
				],
				default: 'create',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['note'] } },
				options: [{ name: 'Create', value: 'create', action: 'Create a note' }],
				default: 'create',
			},
		];
		const map: AnyOperationMap = {
			lead: { create, update: { description: [], execute: run } },
			task: { create, archive: { description: [] }, idle: { description: [], execute: run } },
			deal: { upsert: { description: [], execute: run } },
		};
		expect(checkOperationMap(sample, map)).toEqual([
			'resource "task" listed twice',
			'resource "note" has no entry in the map',
			'resource "deal" of the map is not in the Resource dropdown',
			'lead: operation "get" listed twice',
			'lead: the Operation default "getMany" is not a value',
			'lead: operation "get" has no module',
			'lead: module "update" is not reachable from the Operation dropdown',
			'resource "note" has 2 Operation dropdowns (expected 1)',
			'task: operation "archive" has a module that runs nothing',
			'task: module "create" is also lead: "create"',
			'task: module "idle" is not reachable from the Operation dropdown',
		]);
	});
});

// Issue 17, point 2: an operation declares what it needs (`requestOptions`, `simplify`) and the
// node adds the shared fields after the operation's own; the router reads and applies them.
describe('each operation shows the shared fields it declares, after its own fields', () => {
	const visible = (properties: INodeProperties[], resource: string, operation: string) =>
		properties
			.filter((p) => p.name !== 'resource' && p.name !== 'operation')
			.filter((p) => {
				const show = p.displayOptions?.show ?? {};
				const hide = p.displayOptions?.hide ?? {};
				return (
					(!show.resource || show.resource.includes(resource)) &&
					(!show.operation || show.operation.includes(operation)) &&
					!hide.resource?.includes(resource) &&
					!hide.operation?.includes(operation)
				);
			});

	/** The declared fields an operation misses or shows out of place, one sentence each. */
	function checkSharedFields(properties: INodeProperties[], operations: AnyOperationMap): string[] {
		const problems: string[] = [];
		for (const [resource, modules] of Object.entries(operations)) {
			for (const [operation, module] of Object.entries(modules)) {
				const declared = module as { requestOptions?: unknown; simplify?: unknown };
				const expected = [
					...(declared.simplify ? ['simplify'] : []),
					...(declared.requestOptions ? ['requestOptions'] : []),
				];
				const shown = visible(properties, resource, operation);
				const names = shown.map((p) => p.name);
				const shared = names.filter((n) => n === 'simplify' || n === 'requestOptions');
				const tail = names.slice(names.length - expected.length);
				if (
					JSON.stringify(shared) !== JSON.stringify(expected) ||
					(expected.length > 0 && JSON.stringify(tail) !== JSON.stringify(expected))
				) {
					problems.push(
						`${resource}:${operation} shows [${names.join(', ')}], declares [${expected.join(', ')}]`,
					);
				}
				// Parallel Requests only where the router sends the items at the same time.
				const requestField = shown.find((p) => p.name === 'requestOptions');
				const parallel = (module as { parallel?: unknown }).parallel === true;
				const offered = (requestField?.options ?? []).some(
					(o) => (o as INodeProperties).name === 'parallelRequests',
				);
				if (requestField && offered !== parallel) {
					problems.push(
						`${resource}:${operation} ${offered ? 'shows' : 'hides'} Parallel Requests and sends its items ${parallel ? 'in parallel' : 'one after the other'}`,
					);
				}
			}
		}
		return problems;
	}

	it.each(nodes)('%s', (_name, node, operations) => {
		expect(checkSharedFields(node.description.properties, operations)).toEqual([]);
	});

	it('the check finds what it is for (a sample resource)', () => {
		const execute = async () => ({});
		const calls = { description: [], execute, requestOptions: true };
		const field = (name: string): INodeProperties => ({
			displayName: name,
			name,
			type: 'string',
			default: '',
			displayOptions: { show: { resource: ['lead'] } },
		});
		const module = {
			description: [field('email')],
			operations: {
				get: { ...calls, simplify: { map: () => ({}) } },
				update: calls,
				create: { ...calls, parallel: true },
				idle: { description: [], execute },
			},
		};
		const built = [...module.description, ...sharedFields('lead', module)];
		expect(checkSharedFields(built, { lead: module.operations })).toEqual([]);
		// Fields shown out of place or missing are reported.
		expect(
			checkSharedFields([...sharedFields('lead', module), field('email')], {
				lead: module.operations,
			}),
		).toEqual([
			'lead:get shows [simplify, requestOptions, email], declares [simplify, requestOptions]',
			'lead:update shows [requestOptions, email], declares [requestOptions]',
			'lead:create shows [requestOptions, email], declares [requestOptions]',
		]);
		// Parallel Requests offered where items go one after the other, or missing where they go
		// together, is reported.
		const swapped = sharedFields('lead', module).map((f) =>
			f.name === 'requestOptions'
				? {
						...f,
						options: f.displayOptions?.show?.operation?.includes('create')
							? sequentialRequestOptionsField.options
							: requestOptionsField.options,
					}
				: f,
		);
		expect(checkSharedFields([field('email'), ...swapped], { lead: module.operations })).toEqual([
			'lead:get shows Parallel Requests and sends its items one after the other',
			'lead:update shows Parallel Requests and sends its items one after the other',
			'lead:create hides Parallel Requests and sends its items in parallel',
		]);
		expect(checkSharedFields(module.description, { lead: module.operations })).toEqual([
			'lead:get shows [email], declares [simplify, requestOptions]',
			'lead:update shows [email], declares [requestOptions]',
			'lead:create shows [email], declares [requestOptions]',
		]);
	});
});
