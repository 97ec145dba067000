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
