// Every form a secret can take where a user or a log sees it, for the tests that search for
// secrets (test/unit/*, and test/e2e/secrets.e2e.test.js through its compiled twin, see there).
// Raw; URL-encoded as encodeURIComponent, as n8n's query strings (qs, RFC 3986: `*` as %2A,
// `!` as %21, `'()` as %27 %28 %29) and as forms (URLSearchParams, `+` for a space), with the
// hex digits in either case; XML/HTML-escaped with named, decimal and hex entities; JSON-escaped,
// with `\/` and with `\u00XX`; and each of those JSON-escaped once and twice more. For a URL
// secret (the Data Platform listener) also its path, host+path, long path segments, query and
// query values.

const xmlEscape = (v: string) =>
	v
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
export const jsonInner = (v: string) => JSON.stringify(v).slice(1, -1);
export const rfc3986 = (v: string) =>
	encodeURIComponent(v).replace(
		/[!'()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
	);
const lowerHex = (v: string) => v.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase());
const isPlain = (c: string) => /[A-Za-z0-9]/.test(c);
const decimalEntities = (v: string) =>
	[...v].map((c) => (isPlain(c) ? c : `&#${c.codePointAt(0)};`)).join('');
const hexEntities = (v: string) =>
	[...v]
		.map((c) => (isPlain(c) ? c : `&#x${c.codePointAt(0)!.toString(16).toUpperCase()};`))
		.join('');
const unicodeEscapes = (v: string) =>
	[...v]
		.map((c) => (isPlain(c) ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`))
		.join('');

/** The forms one value takes on the wire and in an echoed page (not JSON-escaped again). */
export function wireForms(value: string): string[] {
	const encoded = encodeURIComponent(value);
	return [
		value,
		encoded,
		encoded.replace(/%20/g, '+'),
		lowerHex(encoded),
		rfc3986(value),
		lowerHex(rfc3986(value)),
		new URLSearchParams({ x: value }).toString().slice(2),
		lowerHex(new URLSearchParams({ x: value }).toString().slice(2)),
		xmlEscape(value),
		xmlEscape(value).replace(/&apos;/g, '&#39;'),
		decimalEntities(value),
		hexEntities(value),
		hexEntities(value).replace(/&#x([0-9A-F]+);/g, (_e, h: string) => `&#x${h.toLowerCase()};`),
		xmlEscape(rfc3986(value)),
		jsonInner(value),
		jsonInner(value).replace(/\//g, '\\/'),
		unicodeEscapes(value),
	];
}

/** The values to hide for a secret: itself and, for a URL, its parts that leak on their own. */
export function basesOf(secret: string): string[] {
	const bases = new Set([secret]);
	try {
		const url = new URL(secret);
		bases.add(url.pathname);
		bases.add(`${url.host}${url.pathname}`);
		for (const part of url.pathname.split('/')) if (part.length >= 12) bases.add(part);
		if (url.search.length > 1) bases.add(url.search.slice(1));
		for (const value of url.searchParams.values()) bases.add(value);
	} catch {
		// not a URL
	}
	return [...bases];
}

/** Every form of a secret, for a search of what a user or a log sees. */
export function formsOf(secret: string): string[] {
	const out = new Set<string>();
	for (const base of basesOf(secret)) {
		for (const form of wireForms(base)) {
			out.add(form);
			out.add(jsonInner(form));
			out.add(jsonInner(jsonInner(form)));
		}
	}
	// Short fragments (a "/" path) would match anything.
	return [...out].filter((f) => f.length >= 8);
}

/** The forms of the secrets that occur in `seen` (empty: none leaked). */
export function leakedForms(seen: string, secrets: string[]): string[] {
	return secrets.flatMap((s) => formsOf(s).filter((f) => seen.includes(f)));
}
