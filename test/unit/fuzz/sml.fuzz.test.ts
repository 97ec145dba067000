// Fuzz: SML lead:create and task:create. SML takes JSON: every value is either refused with
// its field named, or sent exactly as given (JSON escapes everything; blank optional fields
// are not sent; a task's Notes text is one note per line, each line trimmed, blank lines left out).
import type { IDataObject } from 'n8n-workflow';
import { resetRateLimiters } from '../../../nodes/shared/rateLimiter';
import { Sml } from '../../../nodes/Sml/Sml.node';
import { runNode } from '../../helpers/context';
import type { LoggedRequest } from '../../helpers/sims';
import { SML_USERNAME, credentialTypes, credentialsFor, smlSimulator } from '../sml/setup';
import type { SmlSim } from '../sml/setup';
import {
	absent,
	decodeJson,
	deepEqual,
	describeFuzz,
	hasProtoKey,
	isBlank,
	jsonObjectOf,
	propertiesOf,
	refusedJson,
} from './engine';
import type { Expected, FuzzOp } from './engine';
import { buildFields, fieldsOf } from './fields';
import type { FieldInfo, Spec } from './fields';
import SECRETS from '../../fixtures/secrets.json';

let sim: SmlSim;
beforeAll(async () => {
	sim = smlSimulator({ leads: 1 });
	await sim.start(0);
});
afterAll(async () => sim.stop());

const node = new Sml();
const TOKEN = SECRETS.smlFuzzToken;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The value at a path of the JSON body (own properties only), undefined when absent. */
function at(body: unknown, path: Array<string | number>): unknown {
	let current = body;
	for (const key of path) {
		if (
			!current ||
			typeof current !== 'object' ||
			!Object.prototype.hasOwnProperty.call(current, key)
		)
			return undefined;
		current = (current as IDataObject)[key as string];
	}
	return current;
}

/** Extra Fields (JSON): merged into the body, objects key by key; each leaf lands as given. */
function extraFields(): Spec {
	return {
		names: ['Extra Fields (JSON)', 'extraFieldsJson'],
		wire: (body) => body,
		expect: (input): Expected => {
			const object = jsonObjectOf(input);
			if (!object) return refusedJson('not a JSON object');
			if (hasProtoKey(object)) return refusedJson('a "__proto__" key');
			return {
				check: (body) => {
					const walk = (value: IDataObject, path: string[]): string | undefined => {
						for (const [key, inner] of Object.entries(value)) {
							const here = [...path, key];
							const sent = at(body, here);
							if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
								if (!sent || typeof sent !== 'object' || Array.isArray(sent))
									return `${here.join('.')}: sent ${JSON.stringify(sent)}, expected an object`;
								const problem = walk(inner as IDataObject, here);
								if (problem) return problem;
							} else if (!deepEqual(sent, JSON.parse(JSON.stringify(inner)))) {
								return `${here.join('.')}: sent ${JSON.stringify(sent)}, expected ${JSON.stringify(inner)}`;
							}
						}
						return undefined;
					};
					return walk(object, []);
				},
			};
		},
	};
}

/** Where a parameter lands in the body: the path without the collection wrappers. */
function bodyPath(
	info: FieldInfo,
	wrappers: Record<string, Array<string | number>>,
): Array<string | number> {
	const path = [...info.path];
	for (const [prefix, replacement] of Object.entries(wrappers)) {
		const parts = prefix.split('.');
		if (parts.every((p, i) => String(path[i]) === p))
			return [...replacement, ...path.slice(parts.length)];
	}
	return path;
}

function operation(
	resource: string,
	op: string,
	base: IDataObject,
	url: string,
	wrappers: Record<string, Array<string | number>>,
): FuzzOp {
	const properties = propertiesOf(node, resource, op);
	const { fields, notFuzzed } = buildFields(fieldsOf(properties), (info) => {
		if (info.kind === 'json') return extraFields();
		const path = bodyPath(info, wrappers);
		const name = String(info.property.name);
		if (info.kind === 'date')
			return {
				wire: (body) => at(body, path),
				expect: (v) => (isBlank(v) ? absent : { matches: ISO }),
			};
		// Lead ID (a text field, empty by default): a positive whole number, sent as a number (readId).
		if (name === 'lead' && info.path.length === 1) {
			return {
				wire: (body) => at(body, path),
				expect: (v) => {
					const text = String(v ?? '').trim();
					return /^-?\d+$/.test(text) && Number(text) > 0
						? { value: Number(text) }
						: { check: () => `sent although "${String(v)}" is no SML ID` };
				},
			};
		}
		// A task's Notes as text: one note per line (readTask).
		if (name === 'note' && info.property.type === 'string') {
			return {
				wire: (body) => at(body, path),
				expect: (v) => {
					const notes = String(v)
						.split('\n')
						.map((s) => s.trim())
						.filter(Boolean)
						.map((content) => ({ content }));
					return notes.length ? { value: notes } : absent;
				},
			};
		}
		// A note or tag row: a blank one is not sent (the list with it).
		if (name === 'content') {
			const list = path.slice(0, -2);
			// A task's Notes inside Lead: Create's Tasks: the same list, one level down (task.note, not task.note.values).
			if (list[list.length - 1] === 'values') list.pop();
			return {
				wire: (body) => at(body, list),
				expect: (v) => (isBlank(v) ? absent : { value: [{ content: v }] }),
			};
		}
		// An appraisal with nothing but blanks is not sent at all.
		if (path.includes('appraisal')) {
			const appraisal = path.slice(0, path.indexOf('appraisal') + 1);
			const parameter = info.path.slice(0, info.path.indexOf('appraisal') + 1);
			return {
				wire: (body) => at(body, appraisal),
				expect: (_v, parameters) => {
					const given = Object.entries((at(parameters, parameter) ?? {}) as IDataObject).filter(
						([, value]) => !isBlank(value),
					);
					return given.length ? { value: Object.fromEntries(given) } : absent;
				},
			};
		}
		return { wire: (body) => at(body, path), expect: (v) => (isBlank(v) ? absent : { value: v }) };
	});
	return {
		name: `SML ${resource}:${op}`,
		base,
		fields,
		notFuzzed,
		properties,
		reset: () => {
			sim.reset();
			resetRateLimiters();
			(sim.state.tokens as IDataObject[]).push({ token: TOKEN, username: SML_USERNAME });
		},
		run: (parameters) =>
			runNode(node, {
				parameters,
				credentials: { smlApi: credentialsFor(sim, { token: TOKEN }) },
				credentialTypes,
			}),
		requests: () => sim.log.filter((r) => r.path === url),
		decode: (request: LoggedRequest) => {
			if (!/^application\/json/.test(String(request.headers['content-type'])))
				throw new Error(`not JSON: ${request.headers['content-type']}`);
			return decodeJson(request.rawBody);
		},
	};
}

const requestOptions = { maxRetries: 0, timeout: 5 };

const leadCreate = operation(
	'lead',
	'create',
	{
		resource: 'lead',
		operation: 'create',
		source: 1,
		brand_model: 'Seat Ibiza',
		vehicle: {},
		additionalFields: {
			// Client: the name is required once any client field is set.
			client: { name: 'Ana', phone: '600000001' },
			note: { values: [{}] },
			tags: { values: [{}] },
			task: { values: [{ type: 'date', description: 'Visit', appraisal: {} }] },
		},
		requestOptions,
	},
	'/api/lead/',
	{
		'additionalFields.client': ['client'],
		'additionalFields.note.values': ['note'],
		'additionalFields.tags.values': ['tags'],
		'additionalFields.task.values': ['request', 'task'],
		vehicle: ['vehicle'],
		brand_model: ['vehicle', 'brand_model'],
	},
);

const taskCreate = operation(
	'task',
	'create',
	{
		resource: 'task',
		operation: 'create',
		lead: 984,
		additionalFields: { type: 'budget', note: { values: [{}] }, appraisal: {} },
		requestOptions,
	},
	'/api/lead_task_create/',
	{ 'additionalFields.note.values': ['note'], additionalFields: [] },
);

describeFuzz([leadCreate, taskCreate], 'JSON carrying the value exactly');
