import type { IDataObject } from 'n8n-workflow';

/** Pages a Return All reads at most: beyond it the list is taken for one that never ends. */
export const MAX_PAGES_DEFAULT = 100_000;

let pageCap = MAX_PAGES_DEFAULT;

/** For tests: a smaller cap for lists read without their own `maxPages`. Without an argument, back to MAX_PAGES_DEFAULT. */
export function setPageCap(pages?: number): void {
	pageCap = pages ?? MAX_PAGES_DEFAULT;
}

/**
 * A list still had a next page after the cap: its reading stopped there. Not a success:
 * the records read are not the whole list. The CRM's transport words it with its own name.
 */
export class PageCapError extends Error {
	constructor(
		readonly pages: number,
		readonly items: number,
		/** The total the CRM announced, when it gave one. */
		readonly announced?: number,
	) {
		super('');
		this.message = this.text('the CRM');
	}

	/** The error in words, `announcer` naming who announced the total ("Acme (count)"). */
	text(announcer: string): string {
		const n = (value: number) => value.toLocaleString('en-US');
		const said =
			this.announced === undefined
				? `${announcer} announced no total`
				: `${announcer} announced ${n(this.announced)} in total`;
		return `Return All stopped after ${n(this.pages)} pages, the most this node reads, and the list had not ended: ${n(this.items)} items read, ${said}. Nothing was output, as the items would not be the whole list.`;
	}
}

function capReached(cap: PageCapError, onCap?: (cap: PageCapError) => Error): Error {
	return onCap ? onCap(cap) : cap;
}

/** One page of a list: its items, and the query of the next page (none on the last page). */
export interface PageResult<T> {
	items: T[];
	next?: IDataObject;
	/** The total the API announces (DRF `count`), when it gives one. */
	total?: number;
}

export interface PagingOptions {
	/** Return All: follow the pages to the end. */
	returnAll: boolean;
	/** Without Return All: stop as soon as this many items are collected. */
	limit: number;
	/** Query of the first page (filters, page size). */
	firstQuery: IDataObject;
	/** Called before each further page: false stops (e.g. a poll's time budget). */
	shouldContinue?: () => boolean;
	/** Safety net against an API that never says "last page". */
	maxPages?: number;
	/** The error thrown when the cap is reached (the CRM's words); a PageCapError if not given. */
	onCap?: (cap: PageCapError) => Error;
}

/**
 * The one "follow the pages" loop of the package: asks `fetchPage` for the first
 * page, then for each `next` it reports, until the last page or the limit.
 * Each CRM says how a page reads (DRF `next`, page/offset) in `fetchPage`.
 */
export async function followPages<T>(
	fetchPage: (query: IDataObject) => Promise<PageResult<T>>,
	options: PagingOptions,
): Promise<T[]> {
	const out: T[] = [];
	const limit = Math.max(0, Math.floor(options.limit));
	if (!options.returnAll && limit === 0) return out;
	const maxPages = options.maxPages ?? pageCap;
	const seen = new Set<string>();
	let query: IDataObject | undefined = options.firstQuery;
	let total: number | undefined;
	let pages = 0;
	for (; query && pages < maxPages; pages++) {
		if (pages > 0 && options.shouldContinue && !options.shouldContinue()) break;
		const key = JSON.stringify(query);
		// A next page equal to one already read would loop for ever.
		if (seen.has(key)) break;
		seen.add(key);
		const page: PageResult<T> = await fetchPage(query);
		for (const item of page.items) out.push(item);
		if (page.total !== undefined) total = page.total;
		if (!options.returnAll && out.length >= limit) return out.slice(0, limit);
		if (!page.items.length) break;
		query = page.next;
	}
	// Still a next page after the cap: the list did not end.
	if (query && pages >= maxPages && !seen.has(JSON.stringify(query)))
		throw capReached(new PageCapError(pages, out.length, total), options.onCap);
	return options.returnAll ? out : out.slice(0, limit);
}

/**
 * Reads a Django REST Framework page (`count`, `next`, `previous`, `results`): the
 * next page is the query of the `next` URL (so the API's own filters and page
 * numbering are kept), sent again to the caller's base URL. A bare array is one page.
 */
export function drfPage(body: unknown): PageResult<IDataObject> {
	if (Array.isArray(body)) return { items: body as IDataObject[] };
	const page = (body ?? {}) as IDataObject;
	const items = Array.isArray(page.results) ? (page.results as IDataObject[]) : [];
	const total = typeof page.count === 'number' ? page.count : undefined;
	if (typeof page.next !== 'string' || page.next === '') return { items, total };
	const next: IDataObject = {};
	try {
		for (const [key, value] of new URL(page.next, 'http://relative.invalid').searchParams)
			next[key] = value;
	} catch {
		return { items, total };
	}
	return { items, next, total };
}

/** One numbered page: its records, and the total the API announces when it gives one. */
export interface NumberedPage<T> {
	items: T[];
	total?: number;
}

export interface NumberedPagingOptions<T> {
	/** Undefined = every record. */
	limit?: number;
	/** The API's page size: a shorter page without a total is the last one. */
	pageSize: number;
	/** Pages read at the same time once page 1 gave the total (the rate limiter still paces them). */
	concurrency: number;
	/** Stop starting new pages after this time (a trigger's poll budget). */
	deadline?: number;
	/** Records are de-duplicated by this key (undefined: never a duplicate). */
	keyOf: (record: T) => string | undefined;
	maxPages?: number;
	/** The error thrown when the cap is reached (the CRM's words); a PageCapError if not given. */
	onCap?: (cap: PageCapError) => Error;
}

export interface NumberedPagingResult<T> {
	records: T[];
	/** False when the deadline stopped the reading before the end. */
	complete: boolean;
	pages: number;
}

/**
 * Whether a numbered page read alone (a picker's page) has a next page, by the rule
 * readNumberedPages ends a list with: an empty page is the end; with a total, the end is when
 * the records up to this page reach it; without one, a page shorter than the page size is the last.
 */
export function hasNextNumberedPage(
	page: number,
	found: NumberedPage<unknown>,
	pageSize: number,
): boolean {
	const { items, total } = found;
	if (items.length === 0) return false;
	return total !== undefined && Number.isFinite(total)
		? (page - 1) * pageSize + items.length < total
		: items.length >= pageSize;
}

/**
 * Reads `page` 1, 2, ... (a `paging` block: page, items, offset, total) until `total`
 * records are read, a page brings nothing new, or the limit is reached. Once page 1 gave
 * the total, the remaining pages are fetched `concurrency` at a time and kept in page
 * order, so a rate-limited API is read at its limit while pages are parsed. Records are
 * de-duplicated by key, so a list changing while read gives no duplicates.
 */
export async function readNumberedPages<T>(
	fetchPage: (page: number) => Promise<NumberedPage<T>>,
	options: NumberedPagingOptions<T>,
): Promise<NumberedPagingResult<T>> {
	const maxPages = options.maxPages ?? pageCap;
	const records: T[] = [];
	let announced: number | undefined;
	const seen = new Set<string>();
	let pages = 0;
	const outOfTime = () => options.deadline !== undefined && Date.now() > options.deadline;
	/** Adds a page's new records; false when it brought nothing new (the end). */
	const add = (found: T[]): boolean => {
		let added = 0;
		for (const record of found) {
			const key = options.keyOf(record);
			if (key !== undefined) {
				if (seen.has(key)) continue;
				seen.add(key);
			}
			records.push(record);
			added++;
		}
		return added > 0;
	};
	const full = () => options.limit !== undefined && records.length >= options.limit;
	const result = (complete: boolean) => ({
		records: options.limit !== undefined ? records.slice(0, options.limit) : records,
		complete,
		pages,
	});

	const first = await fetchPage(1);
	pages++;
	if (!add(first.items) || full()) return result(true);
	const size = first.items.length;
	const total = first.total !== undefined && Number.isFinite(first.total) ? first.total : undefined;
	announced = total;
	let next = 2;
	if (total !== undefined) {
		const wanted = options.limit !== undefined ? Math.min(options.limit, total) : total;
		const last = Math.min(maxPages, Math.ceil(wanted / size));
		// Pages are added in page order as soon as the ones before them are in: the de-duplication
		// runs while later pages are still on their way, not after the last one.
		const found: (T[] | undefined)[] = [];
		let inOrder = 1;
		let ended = false;
		const addReady = () => {
			while (!ended && found[inOrder + 1]) {
				inOrder++;
				if (!add(found[inOrder] as T[]) || full()) ended = true;
				found[inOrder] = undefined;
			}
		};
		let cursor = 2;
		let stopped = false;
		const worker = async () => {
			while (cursor <= last && !ended) {
				if (outOfTime()) {
					stopped = true;
					return;
				}
				const page = cursor++;
				found[page] = (await fetchPage(page)).items;
				pages++;
				addReady();
			}
		};
		await Promise.all(
			Array.from({ length: Math.min(options.concurrency, Math.max(0, last - 1)) }, worker),
		);
		// A page that brought nothing new, or the limit: the end (later pages are not needed).
		if (ended) return result(true);
		// A page missing (the deadline stopped the reading): incomplete.
		if (inOrder < last) return result(false);
		if (stopped) return result(false);
		if (records.length >= total) return result(true);
		next = last + 1;
	} else if (size < options.pageSize) {
		// No total (getCampaigns' example): a short page is the last one.
		return result(true);
	}
	// No total, or the list grew while read: one page after the other until nothing new comes.
	for (let page = next; page <= maxPages; page++) {
		if (outOfTime()) return result(false);
		const { items, total: now } = await fetchPage(page);
		pages++;
		if (now !== undefined && Number.isFinite(now)) announced = now;
		if (!add(items) || full()) return result(true);
		if (
			now !== undefined && Number.isFinite(now)
				? records.length >= now
				: items.length < options.pageSize
		)
			return result(true);
	}
	// Every page up to the cap brought new records and the list had not ended (or the announced total is beyond the cap).
	throw capReached(new PageCapError(pages, records.length, announced), options.onCap);
}
