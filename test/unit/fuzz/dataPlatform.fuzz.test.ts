// Fuzz: CRM Data Platform lead:create and note:create. The listener takes JSON: every value is
// either refused with its field named, or sent as the documented rules say: text trimmed, blank
// optional fields (and rows) left out, a custom field's value sent as given, lists (Permit > Users)
// split on commas, semicolons or new lines (or read as a JSON list), Extra Fields (JSON) merged last.
import type { IDataObject } from 'n8n-workflow';
import { resetRateLimiters } from '../../../nodes/shared/rateLimiter';
import type { Simulator } from '../../helpers/sims';
import {
	LISTENER_PATH,
	SENDER,
	dataPlatformSimulator,
	node,
	posts,
	run,
} from '../dataPlatform/setup';
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
import { buildFields, errorNames, fieldsOf } from './fields';
import type { FieldInfo, Spec } from './fields';

let sim: Simulator;
beforeAll(async () => {
	sim = await dataPlatformSimulator().start(0);
});
afterAll(async () => sim.stop());

interface Sent {
	body: IDataObject;
	data: IDataObject;
}

function at(value: unknown, path: Array<string | number>): unknown {
	let current = value;
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

const trim = (v: unknown) => String(v).trim();
/** `pick` of the node: the non-blank keys, texts trimmed. */
const pick = (row: IDataObject | undefined, keys: string[]) => {
	const out: IDataObject = {};
	for (const k of keys)
		if (row && !isBlank(row[k])) out[k] = typeof row[k] === 'string' ? trim(row[k]) : row[k];
	return out;
};
const listOrAbsent = (entries: IDataObject[]): Expected =>
	entries.length ? { value: entries } : absent;

/** Permit > Users: a JSON list, or text split on , ; and new lines; each trimmed, blanks left out. */
function usersOf(value: unknown): string[] {
	const text = String(value ?? '').trim();
	if (text.startsWith('[')) {
		try {
			const parsed: unknown = JSON.parse(text);
			if (Array.isArray(parsed)) return parsed.map((v) => String(v).trim()).filter((v) => v !== '');
		} catch {
			// split as text
		}
	}
	return text
		.split(/[,;\n]/)
		.map((v) => v.trim())
		.filter((v) => v !== '');
}

const extraFields: Spec = {
	names: ['Extra Fields (JSON)', 'extraFieldsJson'],
	wire: (sent) => (sent as Sent).data,
	expect: (input): Expected => {
		const object = jsonObjectOf(input);
		if (!object) return refusedJson('not a JSON object');
		if (hasProtoKey(object)) return refusedJson('a "__proto__" key');
		return {
			check: (data) => {
				for (const [key, value] of Object.entries(object)) {
					const sent = at(data, [key]);
					if (!deepEqual(sent, JSON.parse(JSON.stringify(value) ?? 'null')))
						return `extra ${JSON.stringify(key)}: sent ${JSON.stringify(sent)}, expected ${JSON.stringify(value)}`;
				}
				return undefined;
			},
		};
	},
};

/** Extra Fields (JSON) is merged last: a key it sets replaces the node's field of that name. */
function withExtra(key: string, spec: Spec, sub?: string): Spec {
	return {
		...spec,
		expect: (v, parameters) => {
			const extra = jsonObjectOf(
				(parameters.additionalFields as IDataObject | undefined)?.extraFieldsJson,
			);
			if (extra && !hasProtoKey(extra) && Object.prototype.hasOwnProperty.call(extra, key)) {
				const value = sub === undefined ? extra[key] : at(extra[key], [sub]);
				return value === undefined
					? absent
					: { value: JSON.parse(JSON.stringify(value) ?? 'null') };
			}
			return spec.expect(v, parameters);
		},
	};
}

function specOf(info: FieldInfo): Spec | string {
	const spec = baseSpecOf(info);
	if (typeof spec === 'string' || info.kind === 'json' || info.path[0] === 'senderUser')
		return spec;
	const key =
		info.path[0] === 'permit'
			? 'permit'
			: ['addresses', 'emails', 'phones', 'im', 'websites', 'cusFields'].includes(
						String(info.path[1]),
				  )
				? String(info.path[1])
				: String(info.property.name);
	return withExtra(key, spec, key === 'permit' ? String(info.property.name) : undefined);
}

function baseSpecOf(info: FieldInfo): Spec | string {
	const path = info.path.map(String);
	const name = String(info.property.name);
	const names = errorNames(info);
	const data = (sent: unknown) => (sent as Sent).data;
	// The fixedCollection row the field is in (up to its index).
	const rowPath = info.path.slice(0, info.path.findIndex((p) => typeof p === 'number') + 1);
	const row = (parameters: IDataObject) => at(parameters, rowPath) as IDataObject | undefined;
	if (info.kind === 'json') return extraFields;
	if (path[0] === 'senderUser')
		return {
			names,
			wire: (sent) => (sent as Sent).body.senderUser,
			expect: (v) => ({ value: isBlank(v) ? SENDER : trim(v) }),
		};
	if (path[0] === 'permit') {
		const context = {
			permit:
				name === 'group'
					? { status: 3, group: 'Sales' }
					: { status: 4, users: 'owner@dataplatform.test' },
		};
		return {
			names: [...names, 'permit'],
			context,
			wire: (sent) => at(data(sent), ['permit', name]),
			expect: (v) => (name === 'group' ? { value: trim(v) } : { value: usersOf(v) }),
		};
	}
	if (info.kind === 'date') {
		return {
			names,
			wire: (sent) => at(data(sent), [name]),
			expect: (v) =>
				isBlank(v)
					? absent
					: { matches: /^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{4} \d{2}:\d{2}:\d{2} GMT[+-]\d{4}$/ },
		};
	}
	const list = path[1];
	if (
		path[0] === 'additionalFields' &&
		['addresses', 'emails', 'phones', 'im', 'websites', 'cusFields'].includes(list)
	) {
		const listNames = [...names, list];
		return {
			names: listNames,
			wire: (sent) => at(data(sent), [list]),
			expect: (_v, parameters) => {
				const r = row(parameters) ?? {};
				if (list === 'addresses') {
					const address = pick(r, ['street', 'city', 'state', 'zip']);
					const country = pick(r.country as IDataObject, ['code', 'name']);
					if (Object.keys(country).length) address.country = country;
					return listOrAbsent(
						Object.keys(address).length ? [{ ...pick(r, ['type']), ...address }] : [],
					);
				}
				if (list === 'cusFields') {
					// The name trimmed; the value as given (an empty one clears the field).
					if (isBlank(r.name))
						return isBlank(r.value) ? absent : refusedJson('a custom field value without a name');
					return {
						value: [
							{
								name: trim(r.name),
								value: r.value === undefined || r.value === null ? '' : r.value,
							},
						],
					};
				}
				if (isBlank(r.value)) return absent;
				if (list === 'websites') return { value: [{ value: trim(r.value) }] };
				return { value: [pick(r, list === 'im' ? ['protocol', 'value'] : ['type', 'value'])] };
			},
		};
	}
	// Every other text: trimmed, blank left out (required ones refused when blank).
	return {
		names,
		wire: (sent) => at(data(sent), [name]),
		expect: (v) => (isBlank(v) ? absent : { value: trim(v) }),
	};
}

function operation(
	resource: string,
	op: string,
	base: IDataObject,
	contexts: Record<string, IDataObject> = {},
): FuzzOp {
	const properties = propertiesOf(node, resource, op);
	const { fields, notFuzzed } = buildFields(fieldsOf(properties), (info) => {
		const spec = specOf(info);
		const context = contexts[String(info.path[info.path.length - 1])];
		return typeof spec === 'string' || !context
			? spec
			: { ...spec, context: { ...(spec.context ?? {}), ...context } };
	});
	return {
		name: `Data Platform ${resource}:${op}`,
		base,
		fields,
		notFuzzed,
		properties,
		reset: () => {
			sim.reset();
			resetRateLimiters();
			(sim.state.contacts as IDataObject[]).push({
				name: 'A',
				customerId: 'PID-1',
				contactId: '1',
				emails: [{ value: 'a@b.co' }],
				history: [],
			});
		},
		run: (parameters) => run(sim, parameters),
		requests: () => posts(sim),
		decode: (request) => {
			if (
				request.path !== LISTENER_PATH ||
				!/^application\/json/.test(String(request.headers['content-type']))
			)
				throw new Error('not a JSON POST to the listener');
			const body = decodeJson(request.rawBody) as IDataObject;
			const actions = body.data as IDataObject[];
			if (!Array.isArray(actions) || actions.length !== 1)
				throw new Error(`data is ${JSON.stringify(actions)}`);
			return { body, data: actions[0].data as IDataObject };
		},
	};
}

const requestOptions = { maxRetries: 0, timeout: 5 };
const rows = {
	addresses: { values: [{ type: 'Work' }] },
	emails: { values: [{ type: 'Work' }] },
	phones: { values: [{ type: 'Mobile' }] },
	im: { values: [{ protocol: 'Skype' }] },
	websites: { values: [{}] },
	cusFields: { values: [{ fieldType: 'text', name: 'Referred By', value: 'Cong' }] },
};

const leadCreate = operation('lead', 'create', {
	resource: 'lead',
	operation: 'create',
	name: 'Huy',
	additionalFields: { ...rows },
	permit: {},
	senderUser: '',
	requestOptions,
});

const noteCreate = operation(
	'note',
	'create',
	{
		resource: 'note',
		operation: 'create',
		body: 'Called back',
		model: 'contact',
		customerId: 'PID-1',
		passport: '',
		email: '',
		phone: '',
		additionalFields: {},
		permit: {},
		senderUser: '',
		requestOptions,
	},
	// The deal's fields apply to a note on a deal.
	{
		dealId: { model: 'deal', customerId: '', dealId: '3001', name: '' },
		name: { model: 'deal', customerId: '', dealId: '3001', name: '' },
	},
);

describeFuzz([leadCreate, noteCreate], 'JSON carrying the value');
