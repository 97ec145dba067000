import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export const REDACTED = '[redacted]';

/** Every form a secret can take in a message: as is, URL-encoded, form-encoded, JSON-escaped. */
function variantsOf(secret: string): string[] {
	const variants = new Set<string>([secret]);
	variants.add(encodeURIComponent(secret));
	variants.add(encodeURIComponent(secret).replace(/%20/g, '+'));
	variants.add(JSON.stringify(secret).slice(1, -1));
	try {
		// A URL secret (the Data Platform listener) also leaks through its path, query or host+path alone.
		const url = new URL(secret);
		if (url.pathname.length > 4) {
			variants.add(url.pathname);
			variants.add(`${url.host}${url.pathname}`);
		}
		if (url.search.length > 4) {
			variants.add(url.search.slice(1));
			variants.add(`${url.pathname}${url.search}`);
		}
		for (const value of url.searchParams.values()) {
			variants.add(value);
			variants.add(encodeURIComponent(value));
		}
	} catch {
		// not a URL: nothing more to add
	}
	return [...variants].filter((v) => v.length >= 4);
}

/** Collects the secret values of a credential (the fields the CRM's node declares secret). */
export function secretsOf(credentials: ICredentialDataDecryptedObject | undefined, fields: string[]): string[] {
	if (!credentials) return [];
	const out: string[] = [];
	for (const field of fields) {
		const value = credentials[field];
		if (typeof value === 'string' && value.length > 0) out.push(...variantsOf(value));
	}
	// Longest first, so a secret containing another is replaced whole.
	return [...new Set(out)].sort((a, b) => b.length - a.length);
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
		for (const key in value as Record<string, unknown>) {
			const original = (value as Record<string, unknown>)[key];
			const clean = redactDeep(original, secrets, shortest);
			if (clean !== original) (out ??= { ...(value as Record<string, unknown>) })[key] = clean;
		}
		return (out ?? value) as T;
	}
	return value;
}
