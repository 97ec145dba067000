/**
 * The API root of an SML domain (doc: https://{nombre_dominio}/api/...): https is
 * assumed unless the credential gives a scheme; trailing slashes are dropped.
 */
export function smlBaseUrl(domain: unknown): string {
	const text = String(domain ?? '')
		.trim()
		.replace(/\/+$/, '');
	if (!text) return '';
	return /^https?:\/\//i.test(text) ? text : `https://${text}`;
}
