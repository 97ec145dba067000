import type { INode } from 'n8n-workflow';
import { inputError } from './errors';

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;

export function isBlank(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

/** Whether the text has the form name@domain.tld. */
export function isEmail(value: string): boolean {
	return EMAIL.test(value);
}

export function assertEmail(node: INode, field: string, value: unknown, itemIndex?: number): void {
	if (isBlank(value)) return;
	if (typeof value !== 'string' || !EMAIL.test(value)) {
		throw inputError(
			node,
			field,
			`"${String(value)}" is not a valid email address. Expected the form name@domain.com`,
			itemIndex,
		);
	}
}

export function assertInteger(
	node: INode,
	field: string,
	value: unknown,
	itemIndex?: number,
): void {
	if (isBlank(value)) return;
	if (!/^-?\d+$/.test(String(value))) {
		throw inputError(
			node,
			field,
			`"${String(value)}" is not a whole number. Expected digits only, e.g. 1`,
			itemIndex,
		);
	}
}

/** Doc rules of the form "at least one of these fields is required". */
export function assertOneOf(
	node: INode,
	fields: Record<string, unknown>,
	rule: string,
	itemIndex?: number,
): void {
	if (Object.values(fields).every(isBlank)) {
		const names = Object.keys(fields).join(' or ');
		throw inputError(node, names, `at least one is required (${rule})`, itemIndex);
	}
}

/** A value as the string a form or XML field carries: booleans as 1/0, numbers as digits. */
export function toFieldString(value: unknown): string {
	if (typeof value === 'boolean') return value ? '1' : '0';
	if (value === null || value === undefined) return '';
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

/** Drops empty values, so optional fields left blank are not sent. */
export function compact<T extends Record<string, unknown>>(fields: T): Partial<T> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(fields)) if (!isBlank(value)) out[key] = value;
	return out as Partial<T>;
}

export interface IdRule {
	/** Blank is an error (else blank reads as undefined: not sent). */
	required?: boolean;
	/** 0 is accepted (a sub-object ID where 0 means "none"); else IDs are positive. */
	allowZero?: boolean;
	/** The example in the error, e.g. "1234". */
	example?: string;
}

/**
 * The one reader of record IDs (of the CRMs whose IDs are whole numbers): a whole number given
 * as digits (spaces around them do not count), a number (workflows saved when IDs were number
 * fields), or a resource locator's value. Returns the number to send; anything else (1.5, 1e3,
 * -2, 12a) is refused before any request. `field` is the field as the editor shows it, e.g. "Lead (id_lead)".
 */
export function readId(
	node: INode,
	field: string,
	value: unknown,
	itemIndex?: number,
	rule: IdRule = {},
): number | undefined {
	// A resource locator read without extractValue: its value is the ID.
	if (value !== null && typeof value === 'object' && '__rl' in value)
		value = (value as { value?: unknown }).value;
	if (typeof value === 'string') value = value.trim();
	const expected = `Expected a ${rule.allowZero ? '' : 'positive '}whole number, e.g. ${rule.example ?? '1234'}`;
	if (isBlank(value)) {
		if (rule.required) throw inputError(node, field, `is required. ${expected}`, itemIndex);
		return undefined;
	}
	const text = typeof value === 'number' || typeof value === 'string' ? String(value) : '';
	const id = /^\d+$/.test(text) ? Number(text) : NaN;
	if (!Number.isSafeInteger(id) || (id === 0 && !rule.allowZero)) {
		const shown = typeof value === 'object' ? JSON.stringify(value) : String(value);
		throw inputError(node, field, `"${shown}" is not a valid ID. ${expected}`, itemIndex);
	}
	return id;
}
