import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export const REDACTED = '[redacted]';

const xmlEscaped = (value: string) =>
	value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/**
 * Every form a secret can take in a message: as is, URL-encoded, form-encoded, JSON-escaped,
 * and XML/HTML-escaped (an error page or an XML answer quoting it).
 */
function variantsOf(secret: string): string[] {
	const bases = new Set<string>([secret]);
	try {
		// A URL secret (the Data Platform listener) also leaks through its path, query or host+path alone.
		const url = new URL(secret);
		if (url.pathname.length > 4) {
			bases.add(url.pathname);
			bases.add(`${url.host}${url.pathname}`);
			// The long random segment of a listener path is the secret part of it.
			for (const segment of url.pathname.split('/')) if (segment.length >= 16) bases.add(segment);
		}
		if (url.search.length > 4) {
			bases.add(url.search.slice(1));
			bases.add(`${url.pathname}${url.search}`);
		}
		for (const value of url.searchParams.values()) bases.add(value);
	} catch {
		// not a URL: nothing more to add
	}
	const variants = new Set<string>();
	for (const base of bases) {
		const encoded = encodeURIComponent(base);
		for (const form of [base, encoded, encoded.replace(/%20/g, '+'), new URLSearchParams({ v: base }).toString().slice(2), JSON.stringify(base).slice(1, -1)]) {
			variants.add(form);
			variants.add(xmlEscaped(form));
			variants.add(xmlEscaped(form).replace(/&apos;/g, '&#39;'));
			variants.add(JSON.stringify(form).slice(1, -1));
		}
	}
	return [...variants].filter((v) => v.length >= 4);
}

// The variants of the secrets last asked for, by their values: every call and every output
// item asks (a Return All makes 200 calls, a sync 3,000), the values rarely change (SML's
// token once per login). Bounded, so rotating tokens do not grow it.
const known = new Map<string, string[]>();
const KNOWN_MAX = 64;

/**
 * Collects the secret values of a credential (the fields the CRM's node declares secret) in
 * every form they can take, longest first. Callers share the array: do not change it.
 */
export function secretsOf(credentials: ICredentialDataDecryptedObject | undefined, fields: string[]): string[] {
	if (!credentials) return [];
	const values = fields.map((field) => credentials[field]).filter((value): value is string => typeof value === 'string' && value.length > 0);
	const key = values.join('\u0000');
	const cached = known.get(key);
	if (cached) return cached;
	// Longest first, so a secret containing another is replaced whole.
	const secrets = [...new Set(values.flatMap(variantsOf))].sort((a, b) => b.length - a.length);
	if (known.size >= KNOWN_MAX) known.delete(known.keys().next().value as string);
	known.set(key, secrets);
	return secrets;
}

export function redactText(text: string, secrets: string[]): string {
	let out = text;
	for (const secret of secrets) {
		if (out.includes(secret)) out = out.split(secret).join(REDACTED);
	}
	return out;
}

/**
 * Deep-redacts strings in a JSON-like value (used on error details and output items).
 * Copy on write: a value with no secret in it is returned as is (the same object),
 * so redacting 20,000 clean output items allocates nothing.
 */
export function redactValue<T>(value: T, secrets: string[]): T {
	if (!secrets.length) return value;
	const shortest = secrets[secrets.length - 1].length;
	return redactDeep(value, secrets, shortest);
}

function redactDeep<T>(value: T, secrets: string[], shortest: number): T {
	if (typeof value === 'string') return (value.length < shortest ? value : redactText(value, secrets)) as unknown as T;
	if (Array.isArray(value)) {
		let out: unknown[] | undefined;
		for (let i = 0; i < value.length; i++) {
			const clean = redactDeep(value[i], secrets, shortest);
			if (clean !== value[i]) (out ??= value.slice())[i] = clean;
		}
		return (out ?? value) as unknown as T;
	}
	if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
		let out: Record<string, unknown> | undefined;
		// for...in, not Object.keys: no array per object (20,000 output items, 2-3x faster).
		for (const key in value) {
			if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
			const original = (value as Record<string, unknown>)[key];
			const clean = redactDeep(original, secrets, shortest);
			if (clean === original) continue;
			out ??= { ...(value as Record<string, unknown>) };
			// defineProperty: a field named "__proto__" (a CRM's JSON may hold one) stays a field.
			Object.defineProperty(out, key, { value: clean, enumerable: true, writable: true, configurable: true });
		}
		return (out ?? value) as T;
	}
	return value;
}
