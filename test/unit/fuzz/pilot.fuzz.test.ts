// Fuzz: Pilot lead:create and survey:create. Every string and JSON field gets hostile values;
// Pilot takes form fields, so a value is either refused with its field named, or sent
// exactly (blank optional fields are not sent; an unpaired surrogate travels as U+FFFD).
import type { IDataObject } from 'n8n-workflow';
import { PilotApi } from '../../../credentials/PilotApi.credentials';
import { Pilot } from '../../../nodes/Pilot/Pilot.node';
import { resetRateLimiters } from '../../../nodes/shared/rateLimiter';
import { runNode } from '../../helpers/context';
import { pilotCredential, pilotSimulator } from '../../helpers/sims';
import type { Simulator } from '../../helpers/sims';
import {
	absent,
	describeFuzz,
	fieldString,
	formPairs,
	hasProtoKey,
	isBlank,
	jsonObjectOf,
	propertiesOf,
	refusedJson,
	wellFormed,
} from './engine';
import type { Expected, FuzzOp } from './engine';
import { buildFields, fieldsOf } from './fields';
import type { Spec } from './fields';

let sim: Simulator;
beforeAll(async () => {
	sim = await pilotSimulator().start(0);
});
afterAll(async () => sim.stop());

const node = new Pilot();
type Pairs = Array<[string, string]>;
const valueOf = (pairs: Pairs, key: string) => {
	const found = pairs.filter(([k]) => k === key);
	if (found.length > 1) throw new Error(`"${key}" sent ${found.length} times`);
	return found[0]?.[1];
};

/** Extra Fields (JSON): a flat object; values sent as text; objects, lists and the node's own keys refused. */
function extraFields(base: IDataObject, nodeKeys: string[]): Spec {
	return {
		names: ['Extra Fields (JSON)', 'extraFieldsJson'],
		wire: (pairs) => pairs,
		expect: (input): Expected => {
			const object = jsonObjectOf(input);
			if (!object) return refusedJson('not a JSON object');
			if (hasProtoKey(object)) return refusedJson('a "__proto__" key');
			for (const [key, value] of Object.entries(object)) {
				if (['appkey', 'action'].includes(key)) return refusedJson(`sets "${key}"`);
				if (value !== null && typeof value === 'object')
					return refusedJson(`"${key}" is an object or list`);
			}
			return {
				check: (pairs) => {
					for (const [key, value] of Object.entries(object)) {
						// The node's own non-blank fields win over the same key in the JSON.
						if (nodeKeys.includes(key) && !isBlank(base[key])) continue;
						const sent = valueOf(pairs as Pairs, wellFormed(key));
						const expected = isBlank(value) ? undefined : wellFormed(fieldString(value));
						if (sent !== expected)
							return `extra field ${JSON.stringify(key)}: sent ${JSON.stringify(sent)}, expected ${JSON.stringify(expected)}`;
					}
					return undefined;
				},
			};
		},
	};
}

const text: (key: string) => Spec = (key) => ({
	wire: (pairs) => valueOf(pairs as Pairs, key),
	expect: (v) => (isBlank(v) ? absent : { value: wellFormed(String(v)) }),
});

function operation(
	resource: string,
	op: string,
	base: IDataObject,
	special: Record<string, Spec> = {},
): FuzzOp {
	const properties = propertiesOf(node, resource, op);
	const flat = { ...base, ...(base.additionalFields as IDataObject) };
	const nodeKeys = fieldsOf(properties).map((f) => String(f.path[f.path.length - 1]));
	const { fields, notFuzzed } = buildFields(fieldsOf(properties), (info) => {
		const name = String(info.property.name);
		if (special[name]) return special[name];
		if (info.kind === 'json') return extraFields(flat, nodeKeys);
		return text(name);
	});
	return {
		name: `Pilot ${resource}:${op}`,
		base,
		fields,
		notFuzzed,
		properties,
		reset: () => {
			sim.reset();
			resetRateLimiters();
		},
		run: (parameters) =>
			runNode(node, {
				parameters,
				credentials: { pilotApi: pilotCredential(sim.url).data },
				credentialTypes: { pilotApi: new PilotApi() },
			}),
		requests: () => sim.log.filter((r) => r.path.startsWith('/webhooks/')),
		decode: (request) => {
			if (!/^application\/x-www-form-urlencoded/.test(String(request.headers['content-type'])))
				throw new Error(`not a form: ${request.headers['content-type']}`);
			return formPairs(request.rawBody);
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
		pilot_contact_type_id: '1',
		pilot_business_type_id: '1',
		additionalFields: { pilot_firstname: 'Ana', pilot_email: 'ana@example.com' },
		requestOptions,
	},
	{
		// A date: refused, or sent as the doc's DD/MM/YY.
		pilot_birth_date: {
			wire: (pairs) => valueOf(pairs as Pairs, 'pilot_birth_date'),
			expect: (v) => (isBlank(v) ? absent : { matches: /^\d{2}\/\d{2}\/\d{2}$/ }),
		},
	},
);

const surveyCreate = operation(
	'survey',
	'create',
	{
		resource: 'survey',
		operation: 'create',
		surveytype: 'A',
		telefono_contacto: '1145678900',
		celular_contacto: '',
		additionalFields: {},
		requestOptions,
	},
	{
		// Blank: the time of the run, YYYYMMDDHHMMSS (doc "identificador_lote_carga").
		identificador_lote_carga: {
			wire: (pairs) => valueOf(pairs as Pairs, 'identificador_lote_carga'),
			expect: (v) => (isBlank(v) ? { matches: /^\d{14}$/ } : { value: wellFormed(String(v)) }),
		},
	},
);

describeFuzz([leadCreate, surveyCreate], 'sent exactly');

it.each([leadCreate, surveyCreate].map((o) => [o.name, o] as const))(
	'fuzz: %s fuzzes more than its required fields',
	(_name, op) => {
		expect(op.fields.length).toBeGreaterThan(3);
	},
);
