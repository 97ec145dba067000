import type { IDataObject } from 'n8n-workflow';

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
}

/**
 * The one "follow the pages" loop of the package: asks `fetchPage` for the first
 * page, then for each `next` it reports, until the last page or the limit.
 * Each CRM says how a page reads (DRF `next`, PUBLITRAC page/offset) in `fetchPage`.
 */
export async function followPages<T>(
	fetchPage: (query: IDataObject) => Promise<PageResult<T>>,
	options: PagingOptions,
): Promise<T[]> {
	const out: T[] = [];
	const limit = Math.max(0, Math.floor(options.limit));
	if (!options.returnAll && limit === 0) return out;
	const maxPages = options.maxPages ?? 100_000;
	const seen = new Set<string>();
	let query: IDataObject | undefined = options.firstQuery;
	for (let pages = 0; query && pages < maxPages; pages++) {
		if (pages > 0 && options.shouldContinue && !options.shouldContinue()) break;
		const key = JSON.stringify(query);
		// A next page equal to one already read would loop for ever.
		if (seen.has(key)) break;
		seen.add(key);
		const page: PageResult<T> = await fetchPage(query);
		out.push(...page.items);
		if (!options.returnAll && out.length >= limit) return out.slice(0, limit);
		if (!page.items.length) break;
		query = page.next;
	}
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
		for (const [key, value] of new URL(page.next, 'http://relative.invalid').searchParams) next[key] = value;
	} catch {
		return { items, total };
	}
	return { items, next, total };
}
