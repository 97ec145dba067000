// Fuzz: PUBLITRAC lead:sync (with custom fields and Extra Fields (JSON)) and history:addFormFill.
// The values travel in an XML document inside a form field: the XML must be well-formed
// (XMLValidator, and only characters XML 1.0 allows), and every value must read back as
// given, but for the documented XML rules (engine.ts xmlText): forbidden control characters
// dropped, unpaired surrogates as U+FFFD, CR LF and CR read as LF. Email and form names are trimmed.
import type { IDataObject } from 'n8n-workflow';
import { PublitracApi } from '../../../credentials/PublitracApi.credentials';
import { Publitrac } from '../../../nodes/Publitrac/Publitrac.node';
import { resetRateLimiters } from '../../../nodes/shared/rateLimiter';
import { runNode } from '../../helpers/context';
import type { LoggedRequest } from '../../helpers/sims';
import { CREDS, credentialsFor, publitracSimulator } from '../publitrac/setup';
import type { PublitracSim } from '../publitrac/setup';
import {
	absent,
	decodeXml,
	describeFuzz,
	fieldString,
	formPairs,
	hasProtoKey,
	isBlank,
	jsonObjectOf,
	propertiesOf,
	refusedJson,
	wellFormed,
	xmlText,
} from './engine';
import type { Expected, FuzzOp } from './engine';
import { buildFields, fieldsOf } from './fields';
import type { Spec } from './fields';

let sim: PublitracSim;
beforeAll(async () => {
	sim = publitracSimulator();
	await sim.start(0);
});
afterAll(async () => sim.stop());

const node = new Publitrac();
const XML_NAME = /^[A-Za-z_][A-Za-z0-9._-]*$/;
const INTEGER_FIELDS = ['score', 'nbrEmployees', 'revenue'];
const FLAG_FIELDS = [
	'doNotCall',
	'unsubscribed',
	'isCustomer',
	'isAnonymous',
	'emailInvalid',
	'suspended',
	'blacklisted',
];

interface Sent {
	request: LoggedRequest;
	/** The <request> element of the XML query. */
	xml: IDataObject;
}

/** The text of an element as an XML reader gets it; a repeated element is an error. */
function textOf(element: unknown, key: string): string | undefined {
	if (!element || typeof element !== 'object') return undefined;
	const value = Object.prototype.hasOwnProperty.call(element, key)
		? (element as IDataObject)[key]
		: undefined;
	if (Array.isArray(value)) throw new Error(`<${key}> sent ${value.length} times`);
	if (value !== undefined && typeof value !== 'string')
		throw new Error(`<${key}> is not text: ${JSON.stringify(value)}`);
	return value;
}

function decode(request: LoggedRequest): Sent {
	if (request.method !== 'POST') throw new Error(`sent with ${request.method}`);
	const query = formPairs(request.rawBody).filter(([k]) => k === 'query');
	if (query.length !== 1) throw new Error(`${query.length} query fields in the form`);
	const doc = decodeXml(query[0][1]);
	if (!doc.request || typeof doc.request !== 'object') throw new Error('no <request> element');
	return { request, xml: doc.request as IDataObject };
}

const leadOf = (sent: unknown) => {
	const lead = (sent as Sent).xml.lead;
	if (Array.isArray(lead) || !lead || typeof lead !== 'object')
		throw new Error(`<lead> is ${JSON.stringify(lead)}`);
	return lead as IDataObject;
};

const operationOf = (
	name: string,
	base: IDataObject,
	path: string,
	specOf: Parameters<typeof buildFields>[1],
): FuzzOp => {
	const [resource, operation] = name.split(':');
	const properties = propertiesOf(node, resource, operation);
	const { fields, notFuzzed } = buildFields(fieldsOf(properties), specOf);
	return {
		name: `PUBLITRAC ${name}`,
		base,
		fields,
		notFuzzed,
		properties,
		reset: () => {
			sim.reset();
			resetRateLimiters();
			sim.seedLeads(1)[0].email = 'a@acme.com';
		},
		run: (parameters) =>
			runNode(node, {
				parameters,
				credentials: credentialsFor(sim),
				credentialTypes: { publitracApi: new PublitracApi() },
			}),
		requests: () => sim.log.filter((r) => r.path === path && r.query.method !== undefined),
		decode,
	};
};

const requestOptions = { maxRetries: 0, timeout: 5 };

// ---- lead:sync ------------------------------------------------------------------------------

const syncBase: IDataObject = {
	resource: 'lead',
	operation: 'sync',
	email: 'a@acme.com',
	additionalFields: { firstName: 'Ana', company: 'ACME' },
	customFields: { field: [{ name: 'carColor', value: 'red' }] },
	customUnicityKeys: '',
	requestOptions,
};

/** Extra Fields (JSON): more lead elements; names must be XML names; values text, numbers or booleans, checked as the node's own fields. */
const extraFields: Spec = {
	names: ['Extra Fields (JSON)', 'extraFields'],
	wire: (sent) => leadOf(sent),
	expect: (input): Expected => {
		const object = jsonObjectOf(input);
		if (!object) return refusedJson('not a JSON object');
		if (hasProtoKey(object)) return refusedJson('a "__proto__" key');
		for (const [key, value] of Object.entries(object)) {
			if (key === 'email') return refusedJson('sets the email');
			if (isBlank(value)) continue;
			if (!XML_NAME.test(key) || /^xml/i.test(key)) return refusedJson(`"${key}" is no XML name`);
			if (value !== null && typeof value === 'object')
				return refusedJson(`"${key}" is an object or list`);
			if (INTEGER_FIELDS.includes(key) && !/^-?\d+$/.test(String(value)))
				return refusedJson(`"${key}" is no whole number`);
			if (
				FLAG_FIELDS.includes(key) &&
				![true, false, 'true', 'false', 0, 1, '0', '1'].includes(value as never)
			)
				return refusedJson(`"${key}" is no flag`);
		}
		return {
			check: (lead) => {
				for (const [key, value] of Object.entries(object)) {
					const sent = textOf(lead, key);
					let expected: string | undefined = isBlank(value)
						? undefined
						: xmlText(fieldString(value));
					if (FLAG_FIELDS.includes(key) && expected !== undefined)
						expected = [true, 'true', 1, '1'].includes(value as never) ? '1' : '0';
					if (key === 'dateOfBirth' && expected !== undefined) {
						if (!/^\d{4}-\d{2}-\d{2}$/.test(String(sent)))
							return `dateOfBirth sent ${JSON.stringify(sent)}`;
						continue;
					}
					// A blank extra value leaves the Additional Fields' own value in place.
					if (
						expected === undefined &&
						(syncBase.additionalFields as IDataObject)[key] !== undefined
					)
						continue;
					if (sent !== expected)
						return `extra field ${JSON.stringify(key)}: sent ${JSON.stringify(sent)}, expected ${JSON.stringify(expected)}`;
				}
				return undefined;
			},
		};
	},
};

const syncOp = operationOf('lead:sync', syncBase, '/api', (info) => {
	const name = String(info.property.name);
	const path = info.path.join('.');
	if (path === 'email')
		return {
			wire: (sent) => textOf(leadOf(sent), 'email'),
			expect: (v) => ({ value: xmlText(String(v).trim()) }),
		};
	if (info.kind === 'json') return extraFields;
	if (name === 'dateOfBirth')
		return {
			wire: (sent) => textOf(leadOf(sent), 'dateOfBirth'),
			expect: (v) => (isBlank(v) ? absent : { matches: /^\d{4}-\d{2}-\d{2}$/ }),
		};
	if (path === 'customFields.field.0.name' || path === 'customFields.field.0.value') {
		return {
			names: ['Custom Fields', 'customFields'],
			wire: (sent) => leadOf(sent).customFields,
			// A name is trimmed and must be an XML name; a value without a name is refused; a blank value is not sent.
			expect: (_v, parameters) => {
				const row = ((parameters.customFields as IDataObject).field as IDataObject[])[0];
				if (isBlank(row.name))
					return isBlank(row.value) ? absent : refusedJson('a value without a name');
				return isBlank(row.value)
					? absent
					: { value: { [String(row.name).trim()]: xmlText(String(row.value)) } };
			},
		};
	}
	if (path === 'customUnicityKeys') {
		return {
			wire: (sent) => textOf((sent as Sent).xml, 'customUnicityKeys'),
			expect: (v) => {
				const keys = String(v)
					.split(',')
					.map((k) => k.trim())
					.filter(Boolean);
				return keys.length ? { value: keys.join(',') } : absent;
			},
		};
	}
	if (info.path[0] === 'additionalFields') {
		return {
			wire: (sent) => textOf(leadOf(sent), name),
			expect: (v) => (isBlank(v) ? absent : { value: xmlText(String(v)) }),
		};
	}
	return `no rule for ${path}`;
});

// ---- history:addFormFill --------------------------------------------------------------------

const formBase: IDataObject = {
	resource: 'history',
	operation: 'addFormFill',
	email: 'a@acme.com',
	formName: 'Infolettre',
	additionalFields: { information: 'Registration Form' },
	requestOptions,
};
const entryOf = (sent: unknown) => {
	const entry = (sent as Sent).xml.fillformleadhistory;
	if (!entry || typeof entry !== 'object' || Array.isArray(entry))
		throw new Error(`<fillformleadhistory> is ${JSON.stringify(entry)}`);
	return entry as IDataObject;
};

const formOp = operationOf('history:addFormFill', formBase, '/api', (info) => {
	const name = String(info.property.name);
	// The email goes in the query string (doc "Add fill out form history"), trimmed.
	if (name === 'email')
		return {
			wire: (sent) => (sent as Sent).request.query.email,
			expect: (v) => ({ value: wellFormed(String(v).trim()) }),
		};
	if (name === 'formName')
		return {
			wire: (sent) => textOf(entryOf(sent), 'formName'),
			expect: (v) => ({ value: xmlText(String(v).trim()) }),
		};
	// values travels as CDATA: the same rules.
	return {
		wire: (sent) => textOf(entryOf(sent), name),
		expect: (v) => (isBlank(v) ? absent : { value: xmlText(String(v)) }),
	};
});

describeFuzz([syncOp, formOp], 'well-formed XML carrying the value');

describe('the simulator reads what the node sent', () => {
	it('stores a hostile value as the wire carried it (the simulator trims, as its parser is set to)', async () => {
		sim.reset();
		const value = ' <Ana> & "Bob" ]]> \u0001 😀 \r\n';
		const { error } = await runNode(node, {
			parameters: { ...syncBase, additionalFields: { firstName: value } },
			credentials: credentialsFor(sim),
			credentialTypes: { publitracApi: new PublitracApi() },
		});
		expect(error).toBeUndefined();
		const stored = (sim.state.leads as IDataObject[]).find((l) => l.email === 'a@acme.com')!;
		expect(stored.firstName).toBe(xmlText(value).trim());
		expect(CREDS.apiKey).toBeTruthy();
	});
});
