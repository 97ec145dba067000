// Fuzz: Econtract client:create and order:create. Econtract takes PHP form fields: every value is
// either refused with its field named, or sent as the documented rules say: the node's text
// fields trimmed (blank optional ones not sent; a blank Box or phone sent empty, as the doc's examples),
// Extra Fields (JSON) sent as given, last, lists and objects with PHP brackets, booleans as 1/0,
// null left out; an unpaired surrogate travels as U+FFFD (UTF-8).
import type { IDataObject } from 'n8n-workflow';
import { EcontractApi } from '../../../credentials/EcontractApi.credentials';
import { resetRateLimiters } from '../../../nodes/shared/rateLimiter';
import { runNode } from '../../helpers/context';
import type { Simulator } from '../../helpers/sims';
import {
	CRM_API_ID,
	CRM_API_KEY,
	GAS,
	ORDER_FIELDS,
	address,
	client,
	econtractSimulator,
	node,
} from '../econtract/setup';
import {
	absent,
	describeFuzz,
	formPairs,
	hasProtoKey,
	isBlank,
	jsonObjectOf,
	propertiesOf,
	refusedJson,
	wellFormed,
} from './engine';
import type { Expected, FuzzOp } from './engine';
import { buildFields, errorNames, fieldsOf } from './fields';
import type { FieldInfo, Spec } from './fields';

let sim: Simulator;
beforeAll(async () => {
	sim = await econtractSimulator().start(0);
});
afterAll(async () => sim.stop());

type Pairs = Array<[string, string]>;
const valuesOf = (pairs: Pairs, key: string) => pairs.filter(([k]) => k === key).map(([, v]) => v);
const one = (pairs: Pairs, key: string) => {
	const values = valuesOf(pairs, key);
	if (values.length > 1) throw new Error(`"${key}" sent ${values.length} times`);
	return values[0];
};

/** PHP's form encoding, as the vendor client writes it (an independent copy of the rule). */
function phpPairs(key: string, value: unknown): Pairs {
	if (value === null || value === undefined) return [];
	if (Array.isArray(value)) return value.flatMap((v) => phpPairs(`${key}[]`, v));
	if (typeof value === 'object')
		return Object.entries(value as IDataObject).flatMap(([k, v]) => phpPairs(`${key}[${k}]`, v));
	return [
		[wellFormed(key), wellFormed(typeof value === 'boolean' ? (value ? '1' : '0') : String(value))],
	];
}

const extraFields: Spec = {
	names: ['Extra Fields (JSON)', 'extraFieldsJson'],
	wire: (pairs) => pairs,
	expect: (input): Expected => {
		const object = jsonObjectOf(input);
		if (!object) return refusedJson('not a JSON object');
		if (hasProtoKey(object)) return refusedJson('a "__proto__" key');
		if (Object.keys(object).some((k) => ['crm_api_id', 'crm_api_key'].includes(k)))
			return refusedJson('a credential field');
		return {
			check: (pairs) => {
				const expected = Object.entries(object).flatMap(([k, v]) => phpPairs(k, v));
				for (const key of new Set(expected.map(([k]) => k))) {
					const sent = valuesOf(pairs as Pairs, key);
					const wanted = expected.filter(([k]) => k === key).map(([, v]) => v);
					if (JSON.stringify(sent) !== JSON.stringify(wanted))
						return `extra ${JSON.stringify(key)}: sent ${JSON.stringify(sent)}, expected ${JSON.stringify(wanted)}`;
				}
				return undefined;
			},
		};
	},
};

const trimmed = (v: unknown): Expected =>
	isBlank(v) ? absent : { value: wellFormed(String(v).trim()) };

/** order:create's top-level client and supply address fields (their groups' required fields). */
const ORDER_TOP_GROUPS: Record<string, string> = Object.fromEntries([
	...[...Object.keys(client)].map((name) => [name, 'client']),
	...Object.keys(address).map((name) => [name, 'address']),
]);

/** The wire key of a parameter: groups of order:create get their prefix. */
function wireKey(info: FieldInfo, resource: string): string {
	const [first] = info.path;
	const name = String(info.property.name);
	if (first === 'client' || first === 'address' || first === 'invoice_address')
		return `${first}_${name}`;
	if (resource === 'order' && info.path.length === 1 && ORDER_TOP_GROUPS[name])
		return `${ORDER_TOP_GROUPS[name]}_${name}`;
	return name;
}

function operation(
	resource: string,
	op: string,
	base: IDataObject,
	contexts: Record<string, IDataObject> = {},
): FuzzOp {
	const properties = propertiesOf(node, resource, op);
	const { fields, notFuzzed } = buildFields(fieldsOf(properties), (info) => {
		if (info.kind === 'json') return extraFields;
		const key = wireKey(info, resource);
		const context = contexts[String(info.path[0])];
		const names = errorNames(info);
		if (info.kind === 'date')
			return {
				names,
				context,
				wire: (pairs) => one(pairs as Pairs, key),
				expect: (v) => (isBlank(v) ? absent : { matches: /^\d{4}-\d{2}-\d{2}$/ }),
			};
		// Box, and the phone not given (both are marked required): the doc's examples send them empty.
		if (['box', 'cellphone', 'landline'].includes(String(info.property.name)))
			return {
				names,
				context,
				wire: (pairs) => one(pairs as Pairs, key),
				expect: (v) => (isBlank(v) ? { value: '' } : trimmed(v)),
			};
		return {
			names,
			context,
			wire: (pairs) => one(pairs as Pairs, key),
			// Extra Fields (JSON) is sent last: a key it sets replaces this field.
			expect: (v, parameters) => {
				const extra = jsonObjectOf(
					(parameters.additionalFields as IDataObject | undefined)?.extraFieldsJson,
				);
				if (extra && !hasProtoKey(extra) && Object.prototype.hasOwnProperty.call(extra, key)) {
					const pairs = phpPairs(key, extra[key]).filter(([k]) => k === key);
					return pairs.length ? { value: pairs[0][1] } : absent;
				}
				return trimmed(v);
			},
		};
	});
	return {
		name: `Econtract ${resource}:${op}`,
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
				credentials: {
					econtractApi: { baseUrl: sim.url, crmApiId: CRM_API_ID, crmApiKey: CRM_API_KEY },
				},
				credentialTypes: { econtractApi: new EcontractApi() },
			}),
		requests: () =>
			sim.log.filter(
				(r) =>
					r.method === 'POST' && r.path === `/api/${resource === 'client' ? 'clients' : 'orders'}`,
			),
		decode: (request) => {
			if (!/^application\/x-www-form-urlencoded/.test(String(request.headers['content-type'])))
				throw new Error(`not a form: ${request.headers['content-type']}`);
			const pairs = formPairs(request.rawBody);
			if (one(pairs, 'crm_api_key') !== CRM_API_KEY)
				throw new Error('the credential is not in the form');
			return pairs;
		},
	};
}

const requestOptions = { maxRetries: 0, timeout: 5 };

const clientCreate = operation('client', 'create', {
	resource: 'client',
	operation: 'create',
	...client,
	additionalFields: { company: 'Doe & Zonen' },
	requestOptions,
});

// Order: a gas order; the electricity-only and dual-fuel contract fields are fuzzed in an order of their own type.
const DUALFUEL = {
	product_type: 'dualfuel_pack',
	elec_ean: '541448820056789012',
	elec_mru_type: 2,
	elec_mru_nr: '123456',
	elec_connection_type: 1,
	elec_has_budget_meter: true,
	elec_has_solar_panels: false,
	elec_situation: 3,
	elec_donor: '7',
	elec_donor_client_nr: '998877',
	gas_ean: '541448820099999999',
	gas_mru_nr: '654321',
	gas_situation: 3,
	gas_donor: '8',
	gas_donor_client_nr: '112233',
};
const orderCreate = operation(
	'order',
	'create',
	{
		resource: 'order',
		operation: 'create',
		product_type: 'gas',
		...ORDER_FIELDS,
		...GAS,
		...client,
		...address,
		invoice_address: { ...address, street: 'Invoice Street' },
		additionalFields: { remarks: 'Call after 5' },
		requestOptions,
	},
	Object.fromEntries(
		Object.keys(DUALFUEL)
			.filter((k) => k.startsWith('elec_') || k.startsWith('gas_'))
			.map((k) => [k, DUALFUEL]),
	),
);

describeFuzz([clientCreate, orderCreate], 'a form carrying the value');
