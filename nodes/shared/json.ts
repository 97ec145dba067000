import { jsonParse } from 'n8n-workflow';
import type { IDataObject, INode } from 'n8n-workflow';
import { inputError } from './errors';
import { isBlank } from './validation';

/**
 * Reads a JSON-object parameter (the "Extra Fields (JSON)" option of every create and
 * update): a JSON text or an object; blank is {}. Anything else is an error naming the
 * field and the expected form, before any request.
 */
export function parseJsonObject(node: INode, field: string, value: unknown, itemIndex?: number): IDataObject {
	if (isBlank(value)) return {};
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = jsonParse(value);
		} catch {
			throw inputError(node, field, 'is not valid JSON. Expected a JSON object such as {"field": "value"}', itemIndex);
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw inputError(node, field, 'must be a JSON object such as {"field": "value"}', itemIndex);
	}
	return parsed as IDataObject;
}
