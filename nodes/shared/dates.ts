import { DateTime } from 'luxon';
import type { INode } from 'n8n-workflow';
import { inputError } from './errors';

/**
 * Reads a date the way n8n users give one (a Date/DateTime picker value, an ISO
 * string, a luxon DateTime, a JS Date, epoch milliseconds, or a string already
 * in the vendor's format) and writes it in the vendor's format.
 */
export function toVendorDate(
	node: INode,
	value: unknown,
	options: {
		field: string;
		format: string;
		vendorFormats?: string[];
		zone?: string;
		itemIndex?: number;
	},
): string {
	const zone = options.zone ?? 'UTC';
	let date: DateTime | undefined;
	if (DateTime.isDateTime(value)) date = value;
	else if (value instanceof Date) date = DateTime.fromJSDate(value, { zone });
	else if (typeof value === 'number' && Number.isFinite(value))
		date = DateTime.fromMillis(value, { zone });
	else if (typeof value === 'string' && value.trim() !== '') {
		const text = value.trim();
		for (const format of [options.format, ...(options.vendorFormats ?? [])]) {
			const parsed = DateTime.fromFormat(text, format, { zone });
			if (parsed.isValid) {
				date = parsed;
				break;
			}
		}
		if (!date) {
			const iso = DateTime.fromISO(text, { zone, setZone: true });
			if (iso.isValid) date = iso;
		}
		if (!date && /^\d{10,13}$/.test(text))
			date = DateTime.fromMillis(Number(text.length === 10 ? `${text}000` : text), { zone });
	}
	if (!date || !date.isValid) {
		throw inputError(
			node,
			options.field,
			`"${String(value)}" is not a date. Expected an n8n date, an ISO date such as 2024-05-31, or ${options.format.toUpperCase()}`,
			options.itemIndex,
		);
	}
	return date.toFormat(options.format);
}

/** Now, in the vendor's format (e.g. a batch id YYYYMMDDHHMMSS). */
export function nowInFormat(format: string, zone = 'UTC'): string {
	return DateTime.now().setZone(zone).toFormat(format);
}
