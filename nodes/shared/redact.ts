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

/** Deep-redacts strings in a JSON-like value (used on error details and output items). */
export function redactValue<T>(value: T, secrets: string[]): T {
	if (!secrets.length) return value;
	if (typeof value === 'string') return redactText(value, secrets) as unknown as T;
	if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets)) as unknown as T;
	if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = redactValue(v, secrets);
		return out as T;
	}
	return value;
}
