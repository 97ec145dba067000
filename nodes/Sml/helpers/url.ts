/**
 * The API root of an SML domain (doc: https://{nombre_dominio}/api/...): https is
 * assumed unless the credential gives a scheme; trailing slashes are dropped.
 */
export function smlBaseUrl(domain: unknown): string {
	const text = String(domain ?? '').trim().replace(/\/+$/, '');
	if (!text) return '';
	return /^https?:\/\//i.test(text) ? text : `https://${text}`;
}

/** SML's own text of a DRF error body: `detail`, `non_field_errors`, or field -> messages. */
export function drfErrorText(body: unknown): string {
	if (typeof body === 'string') return body;
	if (Array.isArray(body)) return body.map(drfErrorText).filter(Boolean).join('; ');
	if (!body || typeof body !== 'object') return '';
	const parts: string[] = [];
	for (const [field, value] of Object.entries(body as Record<string, unknown>)) {
		const text = drfErrorText(value);
		if (!text) continue;
		parts.push(field === 'detail' || field === 'non_field_errors' ? text : `${field}: ${text}`);
	}
	return parts.join('; ');
}
