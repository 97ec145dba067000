// The fuzz engine the five <crm>.fuzz.test.ts share: a seeded generator of hostile values
// (mulberry32, no dependency), and one loop that feeds them into a node's string and JSON
// fields and judges each case: either the node refused before sending, with an error that
// names the field, or the request the simulator received is well-formed and carries every
// value exactly as the documented normalisation says. Never a crash, never malformed XML/JSON.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeProperties, INodeType } from 'n8n-workflow';
import type { RunResult } from '../../helpers/context';
import type { LoggedRequest } from '../../helpers/sims';
import { env } from '../../helpers/runtime';

/** Cases per operation: ~200 in CI, FUZZ_CASES=5000 for the full run. */
export const CASES = Math.max(1, Number(env('FUZZ_CASES') ?? 200) || 200);
export const SEED = Number(env('FUZZ_SEED') ?? 0x5eed2024) >>> 0;

// ---- seeded randomness -------------------------------------------------------------------

export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export class Rng {
	private readonly next: () => number;
	constructor(seed: number) {
		this.next = mulberry32(seed);
	}
	float(): number {
		return this.next();
	}
	int(n: number): number {
		return Math.floor(this.next() * n);
	}
	chance(p: number): boolean {
		return this.next() < p;
	}
	pick<T>(list: readonly T[]): T {
		return list[this.int(list.length)];
	}
}

// ---- hostile values ------------------------------------------------------------------------

const CONTROL = [
	...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)),
	'\u007f',
	'\u0080',
	'\u0085',
	'\u009f',
];
const XML_META = [
	'&',
	'<',
	'>',
	'"',
	"'",
	']]>',
	'<![CDATA[',
	'&amp;',
	'&lt;',
	'&#0;',
	'&#13;',
	'&#x1F600;',
	'<!--',
	'-->',
	'<?xml version="1.0"?>',
	'</lead>',
	'<lead>',
	'<email>x@y.z</email>',
	'&nbsp;',
	']]]]><![CDATA[>',
];
const JSON_META = [
	'"',
	'\\',
	'\\u0000',
	'\u0000',
	'{',
	'}',
	'[',
	']',
	'","',
	'\\"',
	'\\n',
	'/*',
	'*/',
	'null',
	'{"a":1}',
	'\\ud800',
	'",\n"x":"',
];
const UNICODE = [
	'😀',
	'👩‍👩‍👧‍👦',
	'🇧🇪',
	'\u202e',
	'\u202d',
	'שלום',
	'مرحبا',
	'e\u0301',
	'Z\u0337\u0322\u034e',
	'\ud800',
	'\udc00',
	'\udbff\udfff',
	'\ufeff',
	'\u00a0',
	'\u2028',
	'\u2029',
	'\ufffe',
	'\uffff',
	'\u200b',
	'\u3000',
	'ß',
	'İ',
	'ﬁ',
	'𝔘𝔫𝔦',
	'中文',
	'Ａ',
];
const NUMBERS = [
	'0',
	'-1',
	'1e309',
	'-0',
	'0x1F',
	'NaN',
	'Infinity',
	'007',
	'1.0',
	' 42 ',
	'9007199254740993',
	'1,5',
	'½',
	'٣',
];
const WHITESPACE = ['  ', '\t', '\n', ' \r\n ', '\u3000', '\u00a0', ' '];
const WORDS = [
	'Ana',
	'García',
	"O'Brien",
	'Robert"); DROP TABLE leads;--',
	'${7*7}',
	'{{$json.x}}',
	'%s%n',
	'../../etc/passwd',
	'a+b=c&d',
	'%20%00',
	'null',
	'undefined',
	'true',
	'<script>alert(1)</script>',
];

function piece(rng: Rng): string {
	switch (rng.int(6)) {
		case 0:
			return rng.pick(CONTROL);
		case 1:
			return rng.pick(XML_META);
		case 2:
			return rng.pick(JSON_META);
		case 3:
			return rng.pick(UNICODE);
		case 4:
			return rng.pick(NUMBERS);
		default:
			return rng.pick(WORDS);
	}
}

/** A long (10k) text mixing every category. */
function longText(rng: Rng): string {
	const parts: string[] = [];
	let length = 0;
	while (length < 10_000) {
		const p = rng.chance(0.7) ? 'lorem ipsum ' : piece(rng);
		parts.push(p);
		length += p.length;
	}
	return parts.join('').slice(0, 10_000 + rng.int(3));
}

/** A text an email validator may accept, with hostile characters where emails allow them. */
function emailLike(rng: Rng): string {
	const local = ['a', 'x.y', "o'brien", 'a+b', 'ü', '😀', 'a&b', 'x{y}', 'a%20b', '-'];
	return `${rng.pick(local)}${rng.pick(['', rng.pick(UNICODE).replace(/[\s@<>()[\]\\,;:"]/g, ''), '.z'])}@${rng.pick(['example.com', 'exämple.org', 'a.co'])}`;
}

export function hostileString(rng: Rng): string {
	switch (rng.int(11)) {
		case 0:
			return longText(rng);
		case 1:
			return Array.from({ length: 1 + rng.int(6) }, () => rng.pick(CONTROL)).join(
				rng.pick(['', 'x']),
			);
		case 2:
			return Array.from({ length: 1 + rng.int(5) }, () => rng.pick(XML_META)).join('');
		case 3:
			return Array.from({ length: 1 + rng.int(5) }, () => rng.pick(JSON_META)).join('');
		case 4:
			return Array.from({ length: 1 + rng.int(5) }, () => rng.pick(UNICODE)).join('');
		case 5:
			return rng.pick(NUMBERS);
		case 6:
			return rng.pick(WHITESPACE);
		case 7:
			return '';
		case 8:
			return emailLike(rng);
		case 9:
			return `${rng.pick(WHITESPACE)}${piece(rng)}${rng.pick(WHITESPACE)}`;
		default:
			return Array.from({ length: 2 + rng.int(5) }, () => piece(rng)).join('');
	}
}

function hostileKey(rng: Rng): string {
	switch (rng.int(8)) {
		case 0:
			return rng.pick(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']);
		case 1:
			return hostileString(rng).slice(0, 40);
		case 2:
			return rng.pick([
				'a[b]',
				'a[]',
				'x.y',
				'',
				' ',
				'a b',
				'0',
				'-1',
				'appkey',
				'action',
				'crm_api_key',
				'email',
			]);
		default:
			return `${rng.pick(['extra', 'custom', 'x', 'Field', '_f'])}${rng.int(100)}`;
	}
}

function garbage(rng: Rng, depth: number): unknown {
	const kind = rng.int(depth > 3 ? 5 : 8);
	switch (kind) {
		case 0:
			return hostileString(rng);
		case 1:
			return rng.pick([0, -1, 1.5, 2 ** 31, -(2 ** 53) + 1, 1e-7, 42]);
		case 2:
			return rng.chance(0.5);
		case 3:
			return null;
		case 4:
			return rng.pick(NUMBERS);
		case 5:
			return Array.from({ length: rng.int(4) }, () => garbage(rng, depth + 1));
		default: {
			const out: Record<string, unknown> = {};
			for (let i = rng.int(5); i > 0; i--)
				Object.defineProperty(out, hostileKey(rng), {
					value: garbage(rng, depth + 1),
					enumerable: true,
					configurable: true,
					writable: true,
				});
			return out;
		}
	}
}

const INVALID_JSON = [
	'{',
	'{"a":}',
	"{'a':1}",
	'{"a":1,}',
	'{"a":1} x',
	'{"a":"\u0000"}',
	'{"a":"\n"}',
	'NaN',
	'{a:1}',
	'{"a":01}',
	'[1,2',
	'{"a":"\\x"}',
	'\u0000',
	'{"a":1}}',
	'/* c */ {}',
	'{"a":"b"',
	'}',
];
const NOT_OBJECTS = ['null', '[]', '[{"a":1}]', '"text"', '42', 'true', '""'];

/** A raw JSON parameter: a JSON text (valid or not, object or not) or an object (what an expression gives). */
export function hostileJson(rng: Rng): unknown {
	switch (rng.int(6)) {
		case 0:
			return rng.pick(INVALID_JSON);
		case 1:
			return rng.pick(NOT_OBJECTS);
		case 2:
			return rng.pick(['', '  ', '{}', '\n']);
		case 3: {
			// An object given directly (an expression), not as text.
			const value = garbage(rng, 0);
			return value && typeof value === 'object' && !Array.isArray(value) ? value : { only: value };
		}
		default: {
			const out: Record<string, unknown> = {};
			for (let i = 1 + rng.int(5); i > 0; i--)
				Object.defineProperty(out, hostileKey(rng), {
					value: garbage(rng, 1),
					enumerable: true,
					configurable: true,
					writable: true,
				});
			return JSON.stringify(out, null, rng.chance(0.5) ? 2 : undefined);
		}
	}
}

// ---- the documented normalisations ------------------------------------------------------------

/** n8n's "blank": nothing, or only white space (String.prototype.trim's). Blank optional fields are not sent. */
export const isBlank = (v: unknown) =>
	v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** UTF-8 (form bodies, query strings, XML): an unpaired surrogate is no character and is sent as U+FFFD. */
export const wellFormed = (v: string) =>
	v.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/**
 * XML (PUBLITRAC): characters XML 1.0 forbids (C0 controls but tab, LF, CR; U+FFFE, U+FFFF) are
 * dropped; an unpaired surrogate becomes U+FFFD (UTF-8); line ends CR LF and CR read as LF (XML 1.0 §2.11).
 */
// Built from escapes: n8n's lint refuses control characters in a regex literal (no-control-regex).
const u = (code: number) => `\\u${code.toString(16).padStart(4, '0')}`;
const NOT_XML_CHARS = new RegExp(
	`[${u(0x00)}-${u(0x08)}${u(0x0b)}${u(0x0c)}${u(0x0e)}-${u(0x1f)}\\ufffe\\uffff]`,
	'g',
);
export const xmlText = (v: string) =>
	wellFormed(v).replace(NOT_XML_CHARS, '').replace(/\r\n?/g, '\n');

/** What toFieldString sends for a JSON value in a text field. */
export const fieldString = (v: unknown) =>
	typeof v === 'boolean'
		? v
			? '1'
			: '0'
		: v === null || v === undefined
			? ''
			: typeof v === 'object'
				? JSON.stringify(v)
				: String(v);

// ---- wire decoding (independent of the simulators' own parsing) --------------------------------

const XML_CHARS = /^[\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u;

/** Parses an XML text strictly: XMLValidator, every character allowed by XML 1.0, then the tree (no trimming). */
export function decodeXml(text: string): Record<string, unknown> {
	const valid = XMLValidator.validate(text);
	if (valid !== true) throw new Error(`malformed XML: ${JSON.stringify(valid)}`);
	if (!XML_CHARS.test(text)) throw new Error('malformed XML: a character XML 1.0 does not allow');
	// Names are prefixed while parsing: fast-xml-parser refuses elements named constructor or prototype, valid XML names.
	const parser = new XMLParser({
		ignoreAttributes: false,
		parseTagValue: false,
		trimValues: false,
		processEntities: true,
		htmlEntities: false,
		ignoreDeclaration: true,
		cdataPropName: false,
		transformTagName: (name: string) => `el:${name}`,
	});
	return tidy(parser.parse(text.replace(/\r\n?/g, '\n'))) as Record<string, unknown>;
}

/** Restores element names; drops the indentation between child elements (white space only, next to elements). */
function tidy(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(tidy);
	if (!value || typeof value !== 'object') return value;
	const entries = Object.entries(value as Record<string, unknown>);
	const hasElements = entries.some(([k]) => k.startsWith('el:'));
	const out: Record<string, unknown> = {};
	for (const [key, inner] of entries) {
		if (key === '#text' && hasElements && typeof inner === 'string' && /^\s*$/.test(inner))
			continue;
		Object.defineProperty(out, key.startsWith('el:') ? key.slice(3) : key, {
			value: tidy(inner),
			enumerable: true,
			writable: true,
			configurable: true,
		});
	}
	return out;
}

/** The pairs of a form body or query string, decoded (PHP-style brackets left as they are). */
export function formPairs(text: string): Array<[string, string]> {
	return [...new URLSearchParams(text)];
}

export function decodeJson(text: string): unknown {
	let failure: unknown;
	try {
		return JSON.parse(text);
	} catch (e) {
		failure = e;
	}
	throw new Error(`malformed JSON: ${String(failure)}`);
}

// ---- fields and the loop ------------------------------------------------------------------------

export type Expected =
	| { absent: true }
	| { value: unknown }
	| { matches: RegExp }
	| { check: (actual: unknown) => string | undefined };
export const absent: Expected = { absent: true };

export interface FuzzField {
	/** Parameter path; numbers index fixedCollection rows. */
	path: Array<string | number>;
	/** An error about this field must contain one of these (display name, internal name). */
	names: string[];
	kind: 'text' | 'json' | 'date';
	/** Parameters this field needs around it (a permit status, a model). */
	context?: IDataObject;
	/** The value as the CRM received it (decoded), undefined when not sent. */
	wire(request: unknown): unknown;
	/** What the CRM must receive for this input (given all the case's parameters, for fields that depend on each other). */
	expect(input: unknown, parameters: IDataObject): Expected;
}

export interface FuzzOp {
	name: string;
	/** Valid parameters (the fuzzed field replaces one of them). */
	base: IDataObject;
	fields: FuzzField[];
	/** Fields of the description deliberately not fuzzed, with why. */
	notFuzzed?: Record<string, string>;
	/** The node's description properties of this operation (coverage check). */
	properties: INodeProperties[];
	run(parameters: IDataObject): Promise<RunResult>;
	/** The requests of this operation the simulator logged. */
	requests(): LoggedRequest[];
	/** Decodes one request (throws when it is not well-formed). */
	decode(request: LoggedRequest): unknown;
	reset(): void;
}

function clone<T>(v: T): T {
	return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function setPath(target: IDataObject, path: Array<string | number>, value: unknown): void {
	let current: Record<string | number, unknown> = target as Record<string | number, unknown>;
	for (let i = 0; i < path.length - 1; i++) {
		const key = path[i];
		if (current[key] === undefined || current[key] === null || typeof current[key] !== 'object')
			current[key] = typeof path[i + 1] === 'number' ? [] : {};
		current = current[key] as Record<string | number, unknown>;
	}
	current[path[path.length - 1]] = value;
}

function merge(target: IDataObject, extra: IDataObject | undefined): IDataObject {
	if (!extra) return target;
	for (const [k, v] of Object.entries(extra)) {
		if (
			v &&
			typeof v === 'object' &&
			!Array.isArray(v) &&
			target[k] &&
			typeof target[k] === 'object' &&
			!Array.isArray(target[k])
		)
			merge(target[k] as IDataObject, v as IDataObject);
		else target[k] = v as IDataObject[string];
	}
	return target;
}

export function deepEqual(a: unknown, b: unknown): boolean {
	if (Object.is(a, b)) return true;
	if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	const ka = Object.keys(a as object);
	const kb = Object.keys(b as object);
	return (
		ka.length === kb.length &&
		ka.every(
			(k) =>
				Object.prototype.hasOwnProperty.call(b, k) &&
				deepEqual((a as IDataObject)[k], (b as IDataObject)[k]),
		)
	);
}

const show = (v: unknown) => {
	const text = typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
	return text.length > 160 ? `${text.slice(0, 160)}...(${text.length})` : text;
};

/** Where two long texts (or texts inside objects) first differ. */
function firstDifference(a: unknown, b: unknown): string {
	const ta = typeof a === 'string' ? a : (JSON.stringify(a) ?? '');
	const tb = typeof b === 'string' ? b : (JSON.stringify(b) ?? '');
	let i = 0;
	while (i < ta.length && i < tb.length && ta[i] === tb[i]) i++;
	return ` (first difference at ${i}: sent ${JSON.stringify(ta.slice(Math.max(0, i - 10), i + 10))}, expected ${JSON.stringify(tb.slice(Math.max(0, i - 10), i + 10))})`;
}

function judge(expected: Expected, actual: unknown): string | undefined {
	if ('absent' in expected)
		return actual === undefined ? undefined : `sent ${show(actual)}, expected nothing (blank)`;
	if ('value' in expected)
		return deepEqual(actual, expected.value)
			? undefined
			: `sent ${show(actual)}, expected ${show(expected.value)}${firstDifference(actual, expected.value)}`;
	if ('matches' in expected)
		return typeof actual === 'string' && expected.matches.test(actual)
			? undefined
			: `sent ${show(actual)}, expected ${String(expected.matches)}`;
	return expected.check(actual);
}

/** The coverage check: every string, json and dateTime field of the description has a fuzz field or a reason. */
export function uncovered(op: FuzzOp): string[] {
	const all: string[] = [];
	const walk = (props: INodeProperties[], prefix: string[]) => {
		for (const p of props) {
			const path = [...prefix, p.name];
			if (p.type === 'collection') walk((p.options ?? []) as INodeProperties[], path);
			else if (p.type === 'fixedCollection')
				for (const o of (p.options ?? []) as Array<{ name: string; values: INodeProperties[] }>)
					walk(o.values, [...path, o.name]);
			else if (['string', 'json', 'dateTime'].includes(p.type)) all.push(path.join('.'));
		}
	};
	walk(op.properties, []);
	const covered = new Set(
		op.fields.map((f) => f.path.filter((s) => typeof s === 'string').join('.')),
	);
	return [...new Set(all)].filter(
		(path) => !covered.has(path) && !(op.notFuzzed && path in op.notFuzzed),
	);
}

/** Properties of one resource/operation of a node. */
export function propertiesOf(
	node: INodeType,
	resource: string,
	operation: string,
): INodeProperties[] {
	return node.description.properties.filter(
		(p) =>
			p.displayOptions?.show?.resource?.includes(resource) &&
			p.displayOptions?.show?.operation?.includes(operation),
	);
}

export interface FuzzReport {
	cases: number;
	refused: number;
	sent: number;
	problems: string[];
}

/** Runs CASES cases against one operation; returns what happened and every problem found. */
export async function fuzz(op: FuzzOp, seed = SEED): Promise<FuzzReport> {
	const rng = new Rng(
		seed ^ [...op.name].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619), 2166136261),
	);
	const report: FuzzReport = { cases: 0, refused: 0, sent: 0, problems: [] };
	for (let n = 0; n < CASES; n++) {
		// Mostly one field at a time; sometimes several at once.
		// Several fields at once only when they need the same surroundings (context).
		const first = rng.pick(op.fields);
		const chosen = rng.chance(0.8)
			? [first]
			: [
					first,
					...op.fields.filter(
						(f) => f !== first && deepEqual(f.context, first.context) && rng.chance(0.3),
					),
				];
		const parameters = merge(clone(op.base), clone(first.context));
		const inputs = new Map<FuzzField, unknown>();
		for (const field of chosen) {
			const value = field.kind === 'json' ? hostileJson(rng) : hostileString(rng);
			inputs.set(field, value);
			setPath(parameters, field.path, value);
		}
		op.reset();
		report.cases++;
		const label = `case ${n} (${chosen.map((f) => `${f.path.join('.')}=${show(inputs.get(f))}`).join(', ')})`;
		let result: RunResult;
		try {
			result = await op.run(parameters);
		} catch (e) {
			report.problems.push(`${label}: the run itself threw ${String(e)}`);
			continue;
		}
		const error = result.error;
		if (error && !(error instanceof NodeApiError || error instanceof NodeOperationError)) {
			report.problems.push(`${label}: crash, ${error.constructor.name}: ${error.message}`);
			continue;
		}
		const requests = op.requests();
		if (!requests.length) {
			report.refused++;
			if (!error) {
				report.problems.push(`${label}: nothing sent and no error`);
				continue;
			}
			const message = `${error.message} ${(error as { description?: string }).description ?? ''}`;
			if (!chosen.some((f) => f.names.some((name) => message.includes(name)))) {
				report.problems.push(
					`${label}: refused without naming the field (${chosen.map((f) => f.names.join('/')).join(', ')}): ${show(error.message)}`,
				);
			}
			continue;
		}
		report.sent++;
		if (requests.length !== 1)
			report.problems.push(`${label}: ${requests.length} requests sent, expected 1`);
		let decoded: unknown;
		try {
			decoded = op.decode(requests[0]);
		} catch (e) {
			report.problems.push(`${label}: ${String(e)}`);
			continue;
		}
		for (const field of chosen) {
			let problem: string | undefined;
			try {
				problem = judge(field.expect(inputs.get(field), parameters), field.wire(decoded));
			} catch (e) {
				problem = `check failed: ${String(e)}`;
			}
			if (problem) report.problems.push(`${label}: ${field.path.join('.')}: ${problem}`);
		}
	}
	return report;
}

// ---- helpers for the JSON ("Extra Fields") parameters ------------------------------------------

/** The object a raw JSON parameter holds, or undefined when it is no JSON object (then it must be refused). */
export function jsonObjectOf(input: unknown): IDataObject | undefined {
	if (isBlank(input)) return {};
	let value = input;
	if (typeof input === 'string') {
		try {
			value = JSON.parse(input);
		} catch {
			return undefined;
		}
	}
	return value && typeof value === 'object' && !Array.isArray(value)
		? (value as IDataObject)
		: undefined;
}

/** A "__proto__" key at any depth: refused (JavaScript would read it as a prototype and drop it). */
export function hasProtoKey(value: unknown): boolean {
	if (!value || typeof value !== 'object') return false;
	return Object.keys(value).some(
		(k) => k === '__proto__' || hasProtoKey((value as IDataObject)[k]),
	);
}

/** Cases of an Extra Fields (JSON) input that must be refused: not an object, or nested where only flat values go. */
export const refusedJson = (why: string): Expected => ({
	check: () => `sent although the JSON had to be refused (${why})`,
});

/**
 * The two tests every fuzzed operation gets: its fields cover every string, JSON and date field
 * of the node's description, and CASES hostile cases end refused naming the field, or sent
 * carrying the value (`carries`: "JSON carrying the value", ...), with both outcomes seen.
 */
export function describeFuzz(ops: FuzzOp[], carries: string): void {
	describe.each(ops.map((o) => [o.name, o] as const))('fuzz: %s', (_name, op) => {
		it('covers every string, JSON and date field of the operation', () => {
			expect(uncovered(op)).toEqual([]);
		});

		it(`${CASES} hostile cases: refused naming the field, or ${carries}`, async () => {
			const report = await fuzz(op);
			// eslint-disable-next-line no-console
			console.log(
				`${op.name}: ${report.cases} fuzz cases (${report.sent} sent, ${report.refused} refused), ${op.fields.length} fields`,
			);
			expect(report.problems).toEqual([]);
			expect(report.cases).toBe(CASES);
			// Not vacuous: both outcomes happen.
			expect(report.sent).toBeGreaterThan(0);
			expect(report.refused).toBeGreaterThan(0);
		}, 600_000);
	});
}
