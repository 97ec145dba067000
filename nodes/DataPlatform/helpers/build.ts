import { parseJsonObject } from '../../shared/json';
import { DateTime } from 'luxon';
import { jsonParse } from 'n8n-workflow';
import type { IDataObject, INode } from 'n8n-workflow';
import { toVendorDate } from '../../shared/dates';
import { inputError } from '../../shared/errors';
import { assertEmail, isBlank } from '../../shared/validation';

// Turns the node's parameters into the doc's JSON shapes. Pure: no I/O.

export interface BuildContext {
	node: INode;
	itemIndex: number;
	timezone: string;
}

type Entries = { values?: IDataObject[] } | undefined;

const entries = (value: unknown): IDataObject[] => {
	const list = (value as Entries)?.values;
	return Array.isArray(list) ? list : [];
};

/** Copies the non-blank keys of `source` (in order), as `compact` does, keeping numbers 0. */
export function pick(source: IDataObject, keys: string[]): IDataObject {
	const out: IDataObject = {};
	for (const key of keys)
		if (!isBlank(source[key]))
			out[key] = typeof source[key] === 'string' ? (source[key] as string).trim() : source[key];
	return out;
}

/** A list given as a JSON array, an array, or text separated by commas (or `|`, `;`). */
export function splitList(value: unknown, separators = /[,;|\n]/): string[] {
	if (Array.isArray(value)) return value.map((v) => String(v).trim()).filter((v) => v !== '');
	if (isBlank(value)) return [];
	const textValue = String(value).trim();
	if (textValue.startsWith('[')) {
		try {
			const parsed = jsonParse<unknown>(textValue);
			if (Array.isArray(parsed)) return splitList(parsed, separators);
		} catch {
			// not JSON: split as text below
		}
	}
	return textValue
		.split(separators)
		.map((v) => v.trim())
		.filter((v) => v !== '');
}

/** `emails` / `phones`: [{type?, value}]; emails must look like emails (doc: "format according to email format"). */
export function readTypedList(
	ctx: BuildContext,
	field: 'emails' | 'phones',
	value: unknown,
	label: string = field,
): IDataObject[] | undefined {
	const out: IDataObject[] = [];
	for (const entry of entries(value)) {
		if (isBlank(entry.value)) continue;
		const item = pick(entry, ['type', 'value']);
		if (field === 'emails') assertEmail(ctx.node, label, item.value, ctx.itemIndex);
		out.push(item);
	}
	return out.length ? out : undefined;
}

export function readAddresses(value: unknown): IDataObject[] | undefined {
	const out: IDataObject[] = [];
	for (const entry of entries(value)) {
		const address = pick(entry, ['street', 'city', 'state', 'zip']);
		const country = pick((entry.country ?? {}) as IDataObject, ['code', 'name']);
		if (Object.keys(country).length) address.country = country;
		if (!Object.keys(address).length) continue;
		out.push({ ...pick(entry, ['type']), ...address });
	}
	return out.length ? out : undefined;
}

export function readValues(value: unknown): IDataObject[] | undefined {
	const out = entries(value)
		.filter((e) => !isBlank(e.value))
		.map((e) => ({ value: String(e.value).trim() }));
	return out.length ? out : undefined;
}

export function readIm(value: unknown): IDataObject[] | undefined {
	const out = entries(value)
		.filter((e) => !isBlank(e.value))
		.map((e) => pick(e, ['protocol', 'value']));
	return out.length ? out : undefined;
}

/** An ISO text keeps its own offset (2019-07-08T00:00:00+07:00 stays +07:00); other forms go to toVendorDate as they are. */
function keepOffset(value: unknown): unknown {
	if (typeof value !== 'string' || !/T.*(Z|[+-]\d{2}(:?\d{2})?)$/i.test(value.trim())) return value;
	const iso = DateTime.fromISO(value.trim(), { setZone: true });
	return iso.isValid ? iso : value;
}

/** Doc "cusFields": checkbox values joined with `|`, dates as YYYY-MM-DDTHH:mm:ssZ. */
export function readCusFields(ctx: BuildContext, value: unknown): IDataObject[] | undefined {
	const out: IDataObject[] = [];
	for (const entry of entries(value)) {
		if (isBlank(entry.name)) {
			if (isBlank(entry.value)) continue;
			throw inputError(
				ctx.node,
				'Custom Fields (cusFields)',
				'every custom field needs a Name',
				ctx.itemIndex,
			);
		}
		const name = String(entry.name).trim();
		let fieldValue: unknown = entry.value;
		// Doc: checkbox values "are separated by ... "|"" (e.g. "Dog|Cat"): a comma belongs to its option.
		if (entry.fieldType === 'checkbox') fieldValue = splitList(entry.value, /\|/).join('|');
		else if (entry.fieldType === 'date' && !isBlank(entry.value)) {
			fieldValue = toVendorDate(ctx.node, keepOffset(entry.value), {
				field: `Custom Fields (cusFields) "${name}"`,
				format: "yyyy-MM-dd'T'HH:mm:ssZZ",
				zone: ctx.timezone,
				itemIndex: ctx.itemIndex,
			});
		}
		out.push({ name, value: fieldValue === undefined || fieldValue === null ? '' : fieldValue });
	}
	return out.length ? out : undefined;
}

/** Doc "permit": status 1-4; group only with 3, users only with 4. */
export function readPermit(ctx: BuildContext, value: unknown): IDataObject | undefined {
	const permit = (value ?? {}) as IDataObject;
	if (isBlank(permit.status)) return undefined;
	const status = Number(permit.status);
	if (![1, 2, 3, 4].includes(status)) {
		throw inputError(
			ctx.node,
			'Permit > Status (permit.status)',
			`"${String(permit.status)}" is not a sharing status. Expected 1, 2, 3 or 4`,
			ctx.itemIndex,
		);
	}
	const out: IDataObject = { status };
	if (status === 3) {
		if (isBlank(permit.group))
			throw inputError(
				ctx.node,
				'Permit > Group (permit.group)',
				'is required when the status is 3 (me and group)',
				ctx.itemIndex,
			);
		out.group = String(permit.group).trim();
	}
	if (status === 4) {
		const users = splitList(permit.users, /[,;\n]/);
		if (!users.length)
			throw inputError(
				ctx.node,
				'Permit > Users (permit.users)',
				'at least one user email is required when the status is 4 (me and users)',
				ctx.itemIndex,
			);
		for (const user of users)
			assertEmail(ctx.node, 'Permit > Users (permit.users)', user, ctx.itemIndex);
		out.users = users;
	}
	return out;
}

/** How JavaScript's Date.toString() writes a date, as the doc's samples write dates of birth. */
const JS_DATE_TEXT = "EEE MMM dd yyyy HH:mm:ss 'GMT'ZZZ";

/**
 * A date of birth written as the doc's samples write it, "Fri Jan 01 1993 00:00:00 GMT+0700 (ICT)"
 * (the zone name in brackets optional), read in its own offset so the day does not move; other
 * forms go on as they are.
 */
function fromJsDateText(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const text = value.trim().replace(/\s*\([^()]*\)$/, '');
	const parsed = DateTime.fromFormat(text, JS_DATE_TEXT, { setZone: true, locale: 'en-US' });
	return parsed.isValid ? parsed : value;
}

/** An n8n date sent as the doc's samples write dates of birth ("Fri Jan 01 1993 00:00:00 GMT+0700"). */
export function readDateOfBirth(
	ctx: BuildContext,
	value: unknown,
	label = 'Date of Birth (dateOfBirth)',
): string | undefined {
	if (isBlank(value)) return undefined;
	const iso = toVendorDate(ctx.node, keepOffset(fromJsDateText(value)), {
		field: label,
		format: "yyyy-MM-dd'T'HH:mm:ss.SSSZZ",
		zone: ctx.timezone,
		itemIndex: ctx.itemIndex,
	});
	// English day and month names whatever the server's locale, as JavaScript's Date.toString() writes them.
	return DateTime.fromISO(iso, { setZone: true }).setLocale('en-US').toFormat(JS_DATE_TEXT);
}

/** An n8n date as the millisecond timestamp the doc's add-deal `closeDate` takes. */
export function readTimestamp(
	ctx: BuildContext,
	value: unknown,
	label: string,
): number | undefined {
	if (isBlank(value)) return undefined;
	return Number(
		toVendorDate(ctx.node, value, {
			field: label,
			format: 'x',
			zone: ctx.timezone,
			itemIndex: ctx.itemIndex,
		}),
	);
}

export function readNumberOption(
	ctx: BuildContext,
	label: string,
	value: unknown,
	allowed: number[],
): number | undefined {
	if (isBlank(value)) return undefined;
	const n = Number(value);
	if (!allowed.includes(n)) {
		throw inputError(
			ctx.node,
			label,
			`"${String(value)}" is not allowed. Expected one of ${allowed.join(', ')}`,
			ctx.itemIndex,
		);
	}
	return n;
}

/** Extra fields given as a JSON object; merged over the built data. */
export function readExtraFields(ctx: BuildContext, raw: unknown): IDataObject {
	return parseJsonObject(ctx.node, 'Extra Fields (JSON)', raw, ctx.itemIndex);
}

/**
 * The person fields of doc 2.2.1 (contact, account, lead, deal customer):
 * scalars as given, lists in the doc's shapes, blanks left out.
 */
export function readPerson(ctx: BuildContext, fields: IDataObject): IDataObject {
	const out: IDataObject = pick(fields, [
		'name',
		'lastname',
		'title',
		'passport',
		'bgInfo',
		'tag',
		'contactId',
		'customerId',
		'contactType',
		'companyLead',
	]);
	const type = readNumberOption(ctx, 'Type (type)', fields.type, [0, 1]);
	if (type !== undefined) out.type = type;
	const gender = readNumberOption(ctx, 'Gender (gender)', fields.gender, [0, 1, 2]);
	if (gender !== undefined) out.gender = gender;
	const dateOfBirth = readDateOfBirth(ctx, fields.dateOfBirth);
	if (dateOfBirth) out.dateOfBirth = dateOfBirth;
	const lists: IDataObject = {
		emails: readTypedList(ctx, 'emails', fields.emails, 'Emails (emails)'),
		phones: readTypedList(ctx, 'phones', fields.phones, 'Phones (phones)'),
		addresses: readAddresses(fields.addresses),
		websites: readValues(fields.websites),
		im: readIm(fields.im),
		cusFields: readCusFields(ctx, fields.cusFields),
	};
	for (const [key, list] of Object.entries(lists)) if (list !== undefined) out[key] = list;
	return out;
}

/** `companyContact` (doc 2.2.1, 2.2.4): only when filled ("remove it if empty"). */
export function readCompanyContact(ctx: BuildContext, value: unknown): IDataObject | undefined {
	const company = (value ?? {}) as IDataObject;
	const out: IDataObject = pick(company, ['customerId', 'name']);
	const lists: IDataObject = {
		emails: readTypedList(
			ctx,
			'emails',
			company.emails,
			'Company Contact > Emails (companyContact.emails)',
		),
		phones: readTypedList(
			ctx,
			'phones',
			company.phones,
			'Company Contact > Phones (companyContact.phones)',
		),
		websites: readValues(company.websites),
		addresses: readAddresses(company.addresses),
		im: readIm(company.im),
	};
	for (const [key, list] of Object.entries(lists)) if (list !== undefined) out[key] = list;
	return Object.keys(out).length ? out : undefined;
}

/** Doc "one of" rules: at least one of the fields is present in the built data. */
export function assertOneOfBuilt(
	ctx: BuildContext,
	data: IDataObject,
	fields: string[],
	rule: string,
): void {
	const present = fields.some((f) => {
		const v = data[f];
		return Array.isArray(v) ? v.length > 0 : !isBlank(v);
	});
	if (!present)
		throw inputError(
			ctx.node,
			fields.join(' or '),
			`at least one is required (${rule})`,
			ctx.itemIndex,
		);
}

export function requireText(ctx: BuildContext, label: string, value: unknown): string {
	if (isBlank(value))
		throw inputError(ctx.node, label, 'is required and may not be empty', ctx.itemIndex);
	return String(value).trim();
}
