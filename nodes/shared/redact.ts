import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export const REDACTED = '[redacted]';

/*
 * Two rules, because errors and output items are not the same thing.
 *
 * Errors and log lines (redactText): nothing of a secret may show, in any form. The text is
 * decoded before it is searched (percent-encoding of either case, `+` for a space, JSON and JS
 * escapes such as `\/` and `\u0026`, HTML/XML entities such as `&amp;`, `&#42;` and `&#x2A;`,
 * up to three layers deep, e.g. a JSON error quoting an XML page quoting a URL) and every
 * occurrence is replaced in the original text. So the form the transport really sent (n8n
 * encodes query strings RFC 3986-style: `*` as `%2A`, `!` as `%21`) needs no list of
 * encodings. Every secret is redacted there, however short: a secret of 4 characters or more
 * wherever it occurs, a shorter one where it stands alone (not inside a run of letters and
 * digits, so a 2-character password does not eat every "12" of "HTTP 412"). Over-redacting an
 * error costs nothing; showing part of a secret is a leak.
 *
 * Output items (redactValue): the CRM's data reaches the user as the CRM sent it. Output
 * redaction exists for one case, a CRM echoing a credential back in an answer (an error text
 * inside a 200 answer, a `token` field, a message "created with <key>"). So it replaces only:
 *   - a strong secret (12 characters or more, not only digits) wherever it occurs in a string,
 *     as is or URL-, form-, XML- or JSON-encoded: such a value is no one's phone, postal code
 *     or id, and a credential inside a message is an echo;
 *   - any secret, however short, that is the whole value of a field named like a credential
 *     (password, token, apikey, appkey, secret, auth..., listener...).
 * Nothing else: a password `1234` leaves a phone `0612345678`, a postal code `1234` and an id
 * `1234` unchanged; a listener URL's query value (`?account=1001`) is not a secret of its own
 * in the output (the secret is the URL, whose random path is what protects it), so an id
 * `1001` stays; in errors it is still hidden.
 */

/** Secrets of fewer characters are hidden in errors only where they stand alone. */
const SHORT_SECRET = 4;
/** Secrets of at least this many characters (and not only digits) are hidden inside output strings. */
const STRONG_SECRET = 12;

const xmlEscaped = (value: string) =>
	value
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
/** What n8n's query strings look like (qs, RFC 3986): encodeURIComponent plus `!'()*`. */
const rfc3986 = (value: string) =>
	encodeURIComponent(value).replace(
		/[!'()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
	);
const jsonInner = (value: string) => JSON.stringify(value).slice(1, -1);

/**
 * The values to hide for one secret: the secret itself and, for a URL secret (the Data
 * Platform listener), the parts of it that leak on their own: path, host+path, its long random
 * path segment, query and query values. Encodings are not listed: redactText decodes.
 */
function basesOf(secret: string): string[] {
	const bases = new Set<string>([secret]);
	try {
		const url = new URL(secret);
		const parts: string[] = [];
		if (url.pathname.length > 4) {
			parts.push(url.pathname, `${url.host}${url.pathname}`);
			for (const segment of url.pathname.split('/')) if (segment.length >= 16) parts.push(segment);
		}
		if (url.search.length > 4) parts.push(url.search.slice(1), `${url.pathname}${url.search}`);
		for (const value of url.searchParams.values()) parts.push(value);
		// A part shorter than 4 characters (a "/" path, `?v=2`) is no secret of its own.
		for (const part of parts) if (part.length >= SHORT_SECRET) bases.add(part);
	} catch {
		// not a URL: nothing more to add
	}
	return [...bases];
}

// The secrets last asked for, by their values: every call and every output item asks (a Return
// All makes 200 calls, a sync 3,000), the values rarely change (a login token once per login).
// Bounded, so rotating tokens do not grow it.
const known = new Map<string, string[]>();
const KNOWN_MAX = 64;

/**
 * The secret values of a credential (the fields the CRM's node declares secret) and, for a
 * URL, its secret parts; longest first. Callers share the array: do not change it.
 */
export function secretsOf(
	credentials: ICredentialDataDecryptedObject | undefined,
	fields: string[],
): string[] {
	if (!credentials) return [];
	const values = fields
		.map((field) => credentials[field])
		.filter((value): value is string => typeof value === 'string' && value.length > 0);
	const key = values.join('\u0000');
	const cached = known.get(key);
	if (cached) return cached;
	// Longest first, so a secret containing another is replaced whole.
	const secrets = [...new Set(values.flatMap(basesOf))].sort((a, b) => b.length - a.length);
	if (known.size >= KNOWN_MAX) known.delete(known.keys().next().value as string);
	known.set(key, secrets);
	return secrets;
}

// ---- errors and logs: decode, then search ------------------------------------------------------

/** A text decoded one layer, each of its UTF-16 units knowing the range of the text it came from. */
interface Layer {
	text: string;
	start: Int32Array;
	end: Int32Array;
}

const ACCENTS: Record<string, string> = {
	acute: '\u0301',
	grave: '\u0300',
	circ: '\u0302',
	tilde: '\u0303',
	uml: '\u0308',
	ring: '\u030a',
	cedil: '\u0327',
};
const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: '\u00a0',
	szlig: 'ß',
	aelig: 'æ',
	AElig: 'Æ',
	oslash: 'ø',
	Oslash: 'Ø',
	eth: 'ð',
	thorn: 'þ',
	euro: '€',
	laquo: '«',
	raquo: '»',
};
// &eacute; &Uuml; &ccedil; ...: every Latin letter with the accents HTML names.
for (const letter of 'aeiouycnAEIOUYCN') {
	for (const [name, mark] of Object.entries(ACCENTS)) {
		const composed = `${letter}${mark}`.normalize('NFC');
		if (composed.length === 1) ENTITIES[`${letter}${name}`] = composed;
	}
}
const CASELESS_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const JSON_ESCAPES: Record<string, string> = {
	'/': '/',
	'"': '"',
	"'": "'",
	'\\': '\\',
	n: '\n',
	r: '\r',
	t: '\t',
	b: '\b',
	f: '\f',
};

const hexAt = (s: string, i: number, n: number) =>
	i + n <= s.length && /^[0-9a-fA-F]+$/.test(s.slice(i, i + n))
		? parseInt(s.slice(i, i + n), 16)
		: -1;

/** Decodes one layer: %XX (UTF-8, either case), \-escapes, &entities;. Undecodable text is kept. */
function decodeLayer(s: string): Layer | undefined {
	if (!/[%\\&]/.test(s)) return undefined;
	const out: string[] = [];
	const start: number[] = [];
	const end: number[] = [];
	const push = (chars: string, from: number, to: number) => {
		for (let k = 0; k < chars.length; k++) {
			out.push(chars[k]);
			start.push(from);
			end.push(to);
		}
	};
	let changed = false;
	let i = 0;
	while (i < s.length) {
		const c = s[i];
		if (c === '%' && hexAt(s, i + 1, 2) >= 0) {
			// A run of %XX: bytes of UTF-8, each character mapped to its own bytes.
			const bytes: number[] = [];
			let j = i;
			while (j < s.length && s[j] === '%' && hexAt(s, j + 1, 2) >= 0) {
				bytes.push(hexAt(s, j + 1, 2));
				j += 3;
			}
			let b = 0;
			while (b < bytes.length) {
				const lead = bytes[b];
				const size =
					lead < 0x80
						? 1
						: lead >= 0xf0 && lead < 0xf8
							? 4
							: lead >= 0xe0
								? 3
								: lead >= 0xc0
									? 2
									: 0;
				const chunk = size ? bytes.slice(b, b + size) : [];
				let decoded: string | undefined;
				if (size && chunk.length === size && chunk.slice(1).every((x) => x >= 0x80 && x < 0xc0)) {
					decoded = Buffer.from(chunk).toString('utf8');
					if (decoded.includes('\ufffd')) decoded = undefined;
				}
				const from = i + b * 3;
				if (decoded === undefined) {
					// Not UTF-8: the %XX stays as it was.
					push(s.slice(from, from + 3), from, from + 3);
					b++;
				} else {
					push(decoded, from, from + size * 3);
					changed = true;
					b += size;
				}
			}
			i = j;
			continue;
		}
		if (c === '\\' && i + 1 < s.length) {
			const next = s[i + 1];
			if (next in JSON_ESCAPES) {
				push(JSON_ESCAPES[next], i, i + 2);
				changed = true;
				i += 2;
				continue;
			}
			const unit = next === 'u' ? hexAt(s, i + 2, 4) : next === 'x' ? hexAt(s, i + 2, 2) : -1;
			if (unit >= 0) {
				const size = next === 'u' ? 6 : 4;
				push(String.fromCharCode(unit), i, i + size);
				changed = true;
				i += size;
				continue;
			}
		}
		if (c === '&') {
			const m = /^&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,8});/.exec(s.slice(i, i + 12));
			if (m) {
				const name = m[1];
				let decoded: string | undefined;
				if (name[0] === '#') {
					const code =
						name[1] === 'x' || name[1] === 'X'
							? parseInt(name.slice(2), 16)
							: parseInt(name.slice(1), 10);
					if (code > 0 && code <= 0x10ffff) decoded = String.fromCodePoint(code);
				} else {
					decoded =
						ENTITIES[name] ??
						(CASELESS_ENTITIES.has(name.toLowerCase()) ? ENTITIES[name.toLowerCase()] : undefined);
				}
				if (decoded !== undefined) {
					push(decoded, i, i + m[0].length);
					changed = true;
					i += m[0].length;
					continue;
				}
			}
		}
		push(c, i, i + 1);
		i++;
	}
	if (!changed) return undefined;
	return { text: out.join(''), start: Int32Array.from(start), end: Int32Array.from(end) };
}

/** The text as is, then decoded again and again (at most 3 more layers), all mapped to the text. */
function layersOf(text: string): Layer[] {
	const identity = (n: number) => Int32Array.from({ length: n }, (_, k) => k);
	const layers: Layer[] = [
		{ text, start: identity(text.length), end: identity(text.length).map((k) => k + 1) },
	];
	for (let depth = 0; depth < 3; depth++) {
		const previous = layers[layers.length - 1];
		const next = decodeLayer(previous.text);
		if (!next) break;
		// Compose the maps: a unit of this layer covers units of the previous one, which cover the text.
		const start = next.start.map((s) => previous.start[s]);
		const end = next.end.map((e) => previous.end[e - 1]);
		layers.push({ text: next.text, start, end });
	}
	return layers;
}

// A space and a `+` are the same to the search: form encoding writes a space as `+`.
const canonical = (s: string) => (s.includes(' ') ? s.replace(/ /g, '+') : s);
const WORD = /[\p{L}\p{N}]/u;

/** The [start, end) ranges of the text where a secret shows, in any layer. */
function leaks(text: string, secrets: string[]): Array<[number, number]> {
	const found: Array<[number, number]> = [];
	const wanted = secrets.filter((s) => s.length > 0).map(canonical);
	if (!wanted.length) return found;
	for (const layer of layersOf(text)) {
		const view = canonical(layer.text);
		for (const secret of wanted) {
			for (let at = view.indexOf(secret); at >= 0; at = view.indexOf(secret, at + 1)) {
				const after = at + secret.length;
				if (
					secret.length < SHORT_SECRET &&
					((at > 0 && WORD.test(view[at - 1])) || (after < view.length && WORD.test(view[after])))
				)
					continue;
				found.push([layer.start[at], layer.end[after - 1]]);
			}
		}
	}
	return found;
}

function replaceRanges(text: string, ranges: Array<[number, number]>): string {
	if (!ranges.length) return text;
	ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
	let out = '';
	let cursor = 0;
	let open: [number, number] | undefined;
	const flush = () => {
		if (!open) return;
		out += text.slice(cursor, open[0]) + REDACTED;
		cursor = open[1];
	};
	for (const range of ranges) {
		if (open && range[0] <= open[1]) open[1] = Math.max(open[1], range[1]);
		else {
			flush();
			open = [range[0], range[1]];
		}
	}
	flush();
	return out + text.slice(cursor);
}

// ---- shortened texts: redacted first, then shortened -----------------------------------------

// shortText (transport.ts) does not know the secrets. It hands over the page's text between these
// marks with the length to keep; redactText, which every error text goes through, redacts the whole
// text first and shortens it after, so a secret cut at the edge is never half shown.
const CUT_OPEN = '\ue000';
const CUT_LENGTH_END = '\ue001';
const CUT_CLOSE = '\ue002';
const CUT_MARKS = /[\ue000-\ue002]/g;
/** How much of a page is kept to be redacted and shortened: far more than any error shows. */
const PAGE_MAX = 65_536;

/** Text of an HTML or plain page: scripts, styles and tags removed, whitespace collapsed. */
function pageText(text: string): string {
	return text
		.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/gi, ' ')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

/**
 * A page's text to be shortened to `max` characters once it is redacted (see redactText).
 * Empty when the page has no text.
 */
export function markForShortening(text: string, max: number): string {
	const clean = text.replace(CUT_MARKS, '');
	if (!pageText(clean.slice(0, PAGE_MAX))) return '';
	// The raw page (bounded): tags are removed only after redaction, so a secret written with
	// `<` in it is not cut apart by the tag stripping either.
	return `${CUT_OPEN}${max}${CUT_LENGTH_END}${clean.slice(0, PAGE_MAX)}${CUT_CLOSE}`;
}

function shortenMarked(text: string): string {
	if (!text.includes(CUT_OPEN)) return text;
	return text
		.replace(/\ue000(\d+)\ue001([^\ue000-\ue002]*)\ue002/g, (_all, max: string, page: string) => {
			const limit = Number(max);
			const plain = pageText(page);
			if (plain.length <= limit) return plain;
			let cut = limit;
			// Never half a "[redacted]".
			const open = plain.lastIndexOf('[', cut - 1);
			if (open >= 0 && open > cut - REDACTED.length && plain.startsWith(REDACTED, open))
				cut = open + REDACTED.length;
			return `${plain.slice(0, cut)}...`;
		})
		.replace(CUT_MARKS, '');
}

/** An error or log text with every secret hidden (see the rule at the top of this file). */
export function redactText(text: string, secrets: string[]): string {
	const redacted = secrets.length ? replaceRanges(text, leaks(text, secrets)) : text;
	return shortenMarked(redacted);
}

// ---- output items: whole secrets only ----------------------------------------------------------

interface OutputRule {
	/** Strong secrets in the forms a CRM's answer can quote them, longest first. */
	strong: string[];
	shortestStrong: number;
	/** Every secret and form: hidden when it is the whole value of a credential-named field. */
	whole: Set<string>;
}

const rules = new WeakMap<string[], OutputRule>();
const SECRET_KEY = /pass(word|wd)?|pwd|secret|token|api_?key|app_?key|auth|credential|listener/i;
const secretKeys = new Map<string, boolean>();

function isSecretKey(key: string): boolean {
	let known = secretKeys.get(key);
	if (known === undefined) {
		known = SECRET_KEY.test(key);
		if (secretKeys.size < 10_000) secretKeys.set(key, known);
	}
	return known;
}

function formsOf(secret: string): string[] {
	const encoded = encodeURIComponent(secret);
	return [
		secret,
		encoded,
		encoded.replace(/%20/g, '+'),
		rfc3986(secret),
		new URLSearchParams({ v: secret }).toString().slice(2),
		xmlEscaped(secret),
		jsonInner(secret),
	];
}

function outputRule(secrets: string[]): OutputRule {
	let rule = rules.get(secrets);
	if (rule) return rule;
	const strongBases = secrets.filter((s) => s.length >= STRONG_SECRET && /\D/.test(s));
	const strong = [...new Set(strongBases.flatMap(formsOf))].sort((a, b) => b.length - a.length);
	rule = {
		strong,
		shortestStrong: strong.length ? strong[strong.length - 1].length : Infinity,
		whole: new Set(secrets.flatMap(formsOf)),
	};
	rules.set(secrets, rule);
	return rule;
}

/**
 * An output value (an item's JSON) with echoed credentials hidden (see the rule at the top of
 * this file); everything else as the CRM sent it. Copy on write: a value with no secret in it is
 * returned as is (the same object), so redacting 20,000 clean output items allocates nothing.
 */
export function redactValue<T>(value: T, secrets: string[]): T {
	if (!secrets.length) return value;
	return redactDeep(value, outputRule(secrets), undefined);
}

function redactString(value: string, rule: OutputRule, key: string | undefined): string {
	if (value.length >= rule.shortestStrong) {
		let out = value;
		for (const secret of rule.strong)
			if (out.includes(secret)) out = out.split(secret).join(REDACTED);
		if (out !== value) return out;
	}
	if (key !== undefined && rule.whole.has(value) && isSecretKey(key)) return REDACTED;
	return value;
}

function redactDeep<T>(value: T, rule: OutputRule, key: string | undefined): T {
	if (typeof value === 'string') return redactString(value, rule, key) as unknown as T;
	if (Array.isArray(value)) {
		let out: unknown[] | undefined;
		for (let i = 0; i < value.length; i++) {
			const clean = redactDeep(value[i], rule, key);
			if (clean !== value[i]) (out ??= value.slice())[i] = clean;
		}
		return (out ?? value) as unknown as T;
	}
	if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
		let out: Record<string, unknown> | undefined;
		// for...in, not Object.keys: no array per object (20,000 output items, 2-3x faster).
		for (const field in value) {
			if (!Object.prototype.hasOwnProperty.call(value, field)) continue;
			const original = (value as Record<string, unknown>)[field];
			const clean = redactDeep(original, rule, field);
			if (clean === original) continue;
			out ??= { ...(value as Record<string, unknown>) };
			// defineProperty: a field named "__proto__" (a CRM's JSON may hold one) stays a field.
			Object.defineProperty(out, field, {
				value: clean,
				enumerable: true,
				writable: true,
				configurable: true,
			});
		}
		return (out ?? value) as T;
	}
	return value;
}
