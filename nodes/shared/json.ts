import { jsonParse } from 'n8n-workflow';
import type { IDataObject, INode } from 'n8n-workflow';
import { inputError } from './errors';
import { isBlank } from './validation';

/**
 * Reads a JSON-object parameter (the "Extra Fields (JSON)" option of every create and
 * update): a JSON text or an object; blank is {}. Anything else is an error naming the
 * field and the expected form, before any request.
 */
export function parseJsonObject(
	node: INode,
	field: string,
	value: unknown,
	itemIndex?: number,
): IDataObject {
	if (isBlank(value)) return {};
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = jsonParse(value);
		} catch {
			throw inputError(
				node,
				field,
				'is not valid JSON. Expected a JSON object such as {"field": "value"}',
				itemIndex,
			);
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw inputError(node, field, 'must be a JSON object such as {"field": "value"}', itemIndex);
	}
	const special = protoKey(parsed);
	if (special) {
		// JavaScript reads "__proto__" as the object's prototype, not as a field: it would be dropped silently.
		throw inputError(
			node,
			field,
			`the key "${special}" is not allowed (it cannot be sent as a field)`,
			itemIndex,
		);
	}
	return parsed as IDataObject;
}

/** The path of a "__proto__" key at any depth, if there is one. */
function protoKey(value: unknown, path = ''): string | undefined {
	if (!value || typeof value !== 'object') return undefined;
	for (const key of Object.keys(value)) {
		const here = path ? `${path}.${key}` : key;
		if (key === '__proto__') return here;
		const inner = protoKey((value as Record<string, unknown>)[key], here);
		if (inner) return inner;
	}
	return undefined;
}
