import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';
import { redactText } from './redact';

/** A vendor said no: HTTP status and/or the vendor's own message. */
export function vendorError(
	node: INode,
	crm: string,
	message: string,
	options: { httpCode?: number; description?: string; itemIndex?: number; secrets?: string[] } = {},
): NodeApiError {
	const secrets = options.secrets ?? [];
	// "Acme rejected ..." needs no "Acme: " before it.
	const clean = redactText(message.startsWith(`${crm} `) ? message : `${crm}: ${message}`, secrets);
	const description = options.description ? redactText(options.description, secrets) : undefined;
	const response: JsonObject = { message: clean };
	if (options.httpCode) response.httpCode = String(options.httpCode);
	return new NodeApiError(node, response, {
		message: clean,
		description,
		httpCode: options.httpCode ? String(options.httpCode) : undefined,
		itemIndex: options.itemIndex,
	});
}

/** Bad input found before any request is sent: names the field and the expected form. */
export function inputError(
	node: INode,
	field: string,
	problem: string,
	itemIndex?: number,
): NodeOperationError {
	return new NodeOperationError(node, `${field}: ${problem}`, { itemIndex });
}

/** Re-creates any error as a clean n8n error with secrets removed and no raw cause attached. */
export function sanitizeError(
	node: INode,
	error: unknown,
	secrets: string[],
	itemIndex: number,
): NodeApiError | NodeOperationError {
	const e = error as { message?: unknown; description?: unknown; httpCode?: unknown };
	const message = redactText(String(e?.message ?? error ?? 'Unknown error'), secrets);
	const description =
		typeof e?.description === 'string' && e.description
			? redactText(e.description, secrets)
			: undefined;
	if (error instanceof NodeApiError) {
		const httpCode = typeof e.httpCode === 'string' ? e.httpCode : undefined;
		const response: JsonObject = { message };
		if (httpCode) response.httpCode = httpCode;
		return new NodeApiError(node, response, {
			message,
			description,
			httpCode: httpCode ?? undefined,
			itemIndex,
		});
	}
	return new NodeOperationError(node, message, { description, itemIndex });
}
