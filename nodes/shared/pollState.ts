import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { DEFAULT_TIMEOUT_MS } from './transport';
import type { RetryPolicy } from './transport';

/**
 * The one poll state of the polling triggers: what was already
 * emitted, kept in the node's workflow static data (`getWorkflowStaticData('node')`), which
 * n8n 2.41 treats as the poll's cursor (stored between polls, committed once the emitted
 * items were handed off when its durable cursors are on). Nothing is kept anywhere else.
 *
 * Every record a trigger reads has an `id` and a `position`: a text that sorts in time
 * ("yyyy-mm-dd hh:mm:ss": a creation or update time; a
 * "T" separator, fractions of a second and a zone are left out, see timePosition) or a number
 * that grows (a sequential id). `id@position` names one thing to emit once: with
 * the position an update time ("new or updated" modes), a later update is a new thing.
 *
 * A record is *handled* (never emitted again) when
 *  - its position is below the watermark, or equal to it while `overflow` is set, or
 *  - `id@position` is in `seen`.
 * `seen` holds the records at or above the watermark that were emitted or taken as the
 * baseline, at most `maxSeen` of them (MAX_SEEN = 2,000 unless the trigger says otherwise).
 *
 * The watermark lags behind the newest record on purpose: it rises only when `seen` is
 * full, to the position of the newest record dropped from it (then `overflow` says that
 * position is handled too). So a record that shows up late is still emitted once, as long
 * as fewer than `maxSeen` newer records were taken after it:
 *  - one created in the same second as the last one emitted (positions with second
 *    resolution: the classic loss of a `time > watermark` filter),
 *  - one a read skipped because the list shifted between two pages (a record left the
 *    view or changed status while the pages were read),
 *  - one committed after records with a higher id or time were already visible,
 *  - one on a page a poll did not read (a page failed, or the poll budget ran out).
 * The bound: a record that stays invisible while more than `maxSeen` newer records are
 * taken can be missed; more than `maxSeen` records sharing the watermark's exact position
 * are all taken as handled.
 *
 * First poll (no state, or the watched thing changed: `config` differs): the records read
 * are the baseline, emitted only with the trigger's "emit existing once" option. The
 * watermark is set to the newest baseline position, and the baseline records at exactly
 * that position go into `seen` (a record created later in that same second is new). When the
 * baseline read was cut short (poll budget) and existing records are to be emitted, there is
 * no watermark yet (`null`): the records not read yet are emitted by the next polls.
 *
 * Far-future records (time positions): a record dated more than FUTURE_TOLERANCE_MS (one day)
 * after now (a lead created "9999-12-31") is new like any other and emitted once, but its
 * position never becomes the watermark: it would make every later record look old, for ever.
 * It is remembered in `ahead` (`id@position`, at most MAX_AHEAD) until now reaches its time, and
 * a warning names it (its id only) when it first shows. Beyond MAX_AHEAD of them, the others are
 * not emitted (a warning each poll says how many): remembering none would emit them every poll.
 *
 * A stored state is checked when loaded (types, a real date not in the future or a whole
 * number, lists of `id@position` of bounded length, the trigger's own `check`). An unusable one
 * is logged and replaced by a new baseline that emits nothing (even with "emit existing"):
 * read as it was, it would emit everything again, or nothing ever.
 */
export const MAX_SEEN = 2000;
/** Far-future records remembered at most (`ahead`, time positions only). */
export const MAX_AHEAD = 500;
/**
 * How far after now a time position may lie and still move the watermark: one day. The CRMs
 * give their times without a zone ("yyyy-mm-dd hh:mm:ss", no zone named; the European ones
 * are UTC+1, UTC+2 in summer), so they are read as
 * wall-clock times and compared with now in UTC; a wall clock in any zone is at most 14 h ahead
 * of UTC, which leaves 10 h for a CRM (or n8n) clock set wrong.
 */
export const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;
// A stored list longer than this many times its bound was not saved by this code.
const STORED_LIST_FACTOR = 4;
// Far-future records named one by one in a poll's warning; the others are counted.
const NAMED_IN_WARNING = 10;

/** What is stored in the node's static data. */
export interface StoredPollState {
	/** What is watched (e.g. view name and event); a change starts a new baseline. */
	config?: string;
	/** Positions below it are handled; `null`: no floor yet. */
	watermark?: string | number | null;
	/** True: the watermark's own position is handled too. */
	overflow?: boolean;
	/** `id@position` of handled records at or above the watermark. */
	seen?: string[];
	/** `id@position` of handled records dated more than FUTURE_TOLERANCE_MS after now (time positions); only saved when there are some. */
	ahead?: string[];
}

export interface PollRecord<T> {
	id: string | number;
	position: string | number;
	item: T;
}

type Position = string | number;

export interface PollStateOptions {
	/** Identifies what is watched; a different value starts a new baseline. */
	config: string;
	/** The trigger's "emit existing once" option: the first poll emits what it reads. */
	emitExisting?: boolean;
	/** Positions are numbers (compared as numbers); otherwise times "yyyy-mm-dd hh:mm:ss". */
	numeric?: boolean;
	/** Bound of `seen`; MAX_SEEN by default. */
	maxSeen?: number;
	/**
	 * Reads a state saved by an older version of the trigger (no `config`); returns it in
	 * this shape, or undefined when the static data holds nothing to take over.
	 */
	legacy?: (stored: IDataObject) => Omit<StoredPollState, 'config'> | undefined;
	/**
	 * The trigger's own check of a stored state (the static data as stored, its watermark once
	 * checked): why it cannot be right, or undefined.
	 */
	check?: (stored: IDataObject, watermark: Position | null) => string | undefined;
	/** Names in the warnings: the trigger ("Acme Trigger"), a record ("lead"), the field giving its position ("createdDate"). */
	labels?: { trigger: string; record: string; field: string };
}

/** How one read ended. */
export interface ReadResult {
	/** False when pages were left unread (poll budget). */
	complete: boolean;
}

interface Logger {
	warn(message: string): void;
}

const READ_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/;
const STORED_TIME = /^\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}:\d{2})?$/;

/**
 * A time position: "yyyy-mm-dd hh:mm:ss" of a text that starts with a date (a time missing is
 * 00:00:00; fractions of a second and a zone after it are left out), '' when it starts with none.
 */
export function timePosition(value: unknown): string {
	if (typeof value !== 'string') return '';
	const m = READ_TIME.exec(value.trim());
	if (!m) return '';
	const [, year, month, day, hour = '00', minute = '00', second = '00'] = m;
	return `${year}-${month}-${day} ${hour}:${minute}:${second}`;
}

/** A time position as ms, its wall clock read as UTC; NaN when it is no real date and time. */
function timeMs(position: string): number {
	const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(position);
	if (!m) return NaN;
	const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
	const ms = Date.UTC(year, month - 1, day, hour, minute, second);
	const date = new Date(ms);
	const real =
		date.getUTCFullYear() === year &&
		date.getUTCMonth() === month - 1 &&
		date.getUTCDate() === day &&
		hour < 24 &&
		minute < 60 &&
		second < 60;
	return real ? ms : NaN;
}

/** A value's kind in words, for a warning (a text is not quoted: it could hold anything). */
function kindOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'number') return `the number ${value}`;
	if (typeof value === 'string') return value === '' ? 'an empty text' : 'a text of another form';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Why a stored position (watermark, or the position part of an entry) is unusable, or undefined. */
function positionProblem(
	value: unknown,
	numeric: boolean,
	now: number,
	what: string,
	allowFuture = false,
): string | undefined {
	if (numeric) {
		return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
			? undefined
			: `${what} is ${kindOf(value)}, not a whole number of 0 or more`;
	}
	if (typeof value !== 'string' || !STORED_TIME.test(value))
		return `${what} is ${kindOf(value)}, not a date and time "yyyy-mm-dd hh:mm:ss"`;
	const ms = timeMs(timePosition(value));
	if (!Number.isFinite(ms)) return `${what} ${value} is not a real date and time`;
	if (!allowFuture && ms > now + FUTURE_TOLERANCE_MS)
		return `${what} ${value} is more than a day in the future`;
	return undefined;
}

/** Why a list of `id@position` entries is unusable, or undefined. Bare ids (older states) only where `bare`. */
function entriesProblem(
	value: unknown,
	name: string,
	bound: number,
	numeric: boolean,
	now: number,
	bare: boolean,
): string | undefined {
	if (value === undefined) return undefined;
	if (!Array.isArray(value)) return `${name} is ${kindOf(value)}, not a list`;
	if (value.length > bound * STORED_LIST_FACTOR)
		return `${name} holds ${value.length} entries, more than this trigger ever keeps`;
	for (const entry of value) {
		if (typeof entry === 'number' && bare && Number.isFinite(entry)) continue;
		if (typeof entry !== 'string') return `${name} holds ${kindOf(entry)}`;
		const at = entry.lastIndexOf('@');
		if (at < 0 && bare) continue;
		if (at < 1) return `${name} holds an entry without "id@position"`;
		const position = entry.slice(at + 1);
		// '' is the position of a record without a date, taken into a baseline.
		if (!numeric && position === '') continue;
		const problem = positionProblem(
			numeric ? Number(position) : position,
			numeric,
			now,
			`the position of an entry of ${name}`,
			true,
		);
		if (problem) return problem;
	}
	return undefined;
}

/** Why a stored state of what is watched now cannot be used, or undefined. */
function storedProblem(
	stored: StoredPollState,
	options: PollStateOptions,
	maxSeen: number,
	now: number,
): string | undefined {
	const numeric = options.numeric === true;
	if (stored.watermark === undefined) return 'it has no watermark';
	if (stored.overflow !== undefined && typeof stored.overflow !== 'boolean')
		return `overflow is ${kindOf(stored.overflow)}, not true or false`;
	// '' (no date) becomes the watermark only when `seen` overflowed at records without a date.
	const noDate = !numeric && stored.watermark === '' && stored.overflow === true;
	if (stored.watermark !== null && !noDate) {
		const problem = positionProblem(stored.watermark, numeric, now, 'the watermark');
		if (problem) return problem;
	}
	return (
		entriesProblem(stored.seen, 'seen', maxSeen, numeric, now, true) ??
		(numeric
			? stored.ahead === undefined
				? undefined
				: 'ahead is kept for times only'
			: entriesProblem(stored.ahead, 'ahead', MAX_AHEAD, false, now, false))
	);
}

/** A poll's state: load it, let it pick what is new in a read, save it. */
export class PollState {
	readonly firstPoll: boolean;
	private watermark: Position | null | undefined;
	private overflow: boolean;
	private seen: Map<string, Position>;
	/** Far-future records handled (time positions): `id@position` -> position. */
	private ahead: Map<string, Position>;
	private readonly maxSeen: number;

	private constructor(
		private readonly data: IDataObject,
		private readonly options: PollStateOptions,
		stored: StoredPollState,
		private readonly logger: Logger | undefined,
		/** The stored state was unusable: this first poll emits nothing, whatever "emit existing" says. */
		private readonly rebaseline: boolean,
	) {
		this.maxSeen = Math.max(1, options.maxSeen ?? MAX_SEEN);
		this.firstPoll =
			rebaseline || stored.config !== options.config || stored.watermark === undefined;
		this.watermark = this.firstPoll
			? undefined
			: stored.watermark === null
				? null
				: this.toPosition(stored.watermark);
		this.overflow = !this.firstPoll && stored.overflow === true;
		this.seen = new Map();
		this.ahead = new Map();
		if (this.firstPoll) return;
		const now = Date.now();
		for (const text of (stored.ahead ?? []).map(String))
			this.ahead.set(text, this.toPosition(text.slice(text.lastIndexOf('@') + 1)));
		for (const entry of Array.isArray(stored.seen) ? stored.seen : []) {
			const text = String(entry);
			const at = text.lastIndexOf('@');
			// An entry without a position (older states kept bare ids): at the watermark.
			const position = at < 0 ? this.watermark : this.toPosition(text.slice(at + 1));
			if (position === null || position === undefined) continue;
			const key = `${at < 0 ? text : text.slice(0, at)}@${position}`;
			// A far-future record an older version kept here: remembered with the others.
			if (this.isAhead(position, now) && this.ahead.size < MAX_AHEAD) this.ahead.set(key, position);
			else this.seen.set(key, position);
		}
	}

	/**
	 * Loads the state from the node's static data (n8n's poll cursor). A stored state of what
	 * is watched now is checked first: when unusable, a warning says why and a new baseline is
	 * taken (nothing emitted).
	 */
	static load(context: IPollFunctions, options: PollStateOptions): PollState {
		const data = context.getWorkflowStaticData('node');
		let stored = data as StoredPollState;
		if (data.config === undefined && options.legacy) {
			const migrated = options.legacy(data);
			if (migrated) stored = { ...migrated, config: options.config };
		}
		const maxSeen = Math.max(1, options.maxSeen ?? MAX_SEEN);
		let problem: string | undefined;
		if (stored.config === options.config) {
			problem = storedProblem(stored, options, maxSeen, Date.now());
			if (!problem && options.check) problem = options.check(data, stored.watermark ?? null);
		}
		const logger = (context as { logger?: Logger }).logger;
		if (problem) {
			const trigger = options.labels?.trigger ?? context.getNode().name;
			logger?.warn(
				`${trigger}: the saved poll state cannot be used (${problem}); a new baseline is taken: what the CRM holds now is not emitted, what comes after it is`,
			);
		}
		return new PollState(data, options, problem ? {} : stored, logger, problem !== undefined);
	}

	private toPosition(value: unknown): Position {
		if (this.options.numeric) return Number(value);
		return timePosition(typeof value === 'number' ? String(value) : value);
	}

	private compare(a: Position, b: Position): number {
		if (typeof a === 'number' && typeof b === 'number') return a - b;
		return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
	}

	/** A time position more than FUTURE_TOLERANCE_MS after now. */
	private isAhead(position: Position, now: number): boolean {
		return (
			typeof position === 'string' &&
			!this.options.numeric &&
			timeMs(position) > now + FUTURE_TOLERANCE_MS
		);
	}

	private handled(entry: string, position: Position): boolean {
		if (this.seen.has(entry)) return true;
		if (this.watermark === null || this.watermark === undefined) return false;
		const order = this.compare(position, this.watermark);
		return order < 0 || (order === 0 && this.overflow);
	}

	/**
	 * Takes one read: returns the records to emit (not handled yet, each once, oldest first)
	 * and records them as handled. On the first poll, the read is the baseline.
	 */
	take<T>(records: Array<PollRecord<T>>, read: ReadResult): T[] {
		const now = Date.now();
		// Far-future records that now has reached: handled like the others from here on.
		for (const [entry, position] of this.ahead) {
			if (this.isAhead(position, now)) continue;
			this.ahead.delete(entry);
			this.seen.set(entry, position);
		}
		const unique = new Map<string, PollRecord<T>>();
		for (const record of records) {
			const position = this.toPosition(record.position);
			if (typeof position === 'number' && !Number.isFinite(position)) continue;
			const entry = `${String(record.id)}@${position}`;
			if (!unique.has(entry)) unique.set(entry, { ...record, position });
		}
		const all = [...unique.entries()].filter(([, record]) => !this.isAhead(record.position, now));
		const ahead = [...unique.entries()].filter(([, record]) => this.isAhead(record.position, now));
		let fresh: Array<[string, PollRecord<T>]>;
		const emitBaseline = this.options.emitExisting === true && !this.rebaseline;
		if (this.firstPoll) {
			fresh = emitBaseline ? all : [];
			// Records without a date ('') are no floor.
			const newest = all.reduce<Position | null>(
				(max, [, r]) =>
					r.position === '' || (max !== null && this.compare(r.position, max) <= 0)
						? max
						: r.position,
				null,
			);
			// Existing records still to be emitted on pages the baseline did not reach: no floor yet.
			this.watermark = !read.complete && emitBaseline ? null : newest;
			this.overflow = false;
			// All of it handled; bound() keeps only what the watermark does not cover.
			this.seen = new Map(all.map(([entry, record]) => [entry, record.position]));
		} else {
			fresh = all.filter(([entry, record]) => !this.handled(entry, record.position));
			for (const [entry, record] of fresh) this.seen.set(entry, record.position);
		}
		const newAhead = this.takeAhead(ahead);
		if (!this.firstPoll || emitBaseline) fresh.push(...newAhead);
		this.bound();
		return fresh
			.sort(([, a], [, b]) => this.compare(a.position, b.position))
			.map(([, record]) => record.item);
	}

	/**
	 * Far-future records: each new one is remembered in `ahead` (never in the watermark) and
	 * named in a warning; returns the new ones. Beyond MAX_AHEAD, the others are left out.
	 */
	private takeAhead<T>(ahead: Array<[string, PollRecord<T>]>): Array<[string, PollRecord<T>]> {
		const added: Array<[string, PollRecord<T>]> = [];
		let left = 0;
		for (const [entry, record] of ahead) {
			if (this.ahead.has(entry)) continue;
			if (this.ahead.size >= MAX_AHEAD) {
				left++;
				continue;
			}
			this.ahead.set(entry, record.position);
			added.push([entry, record]);
		}
		const labels = this.options.labels ?? { trigger: 'Trigger', record: 'record', field: 'date' };
		if (added.length) {
			const named = added
				.slice(0, NAMED_IN_WARNING)
				.map(([, record]) => `${String(record.id)} (${String(record.position)})`);
			const more =
				added.length > NAMED_IN_WARNING ? ` and ${added.length - NAMED_IN_WARNING} more` : '';
			this.logger?.warn(
				`${labels.trigger}: ${labels.field} more than a day in the future on ${labels.record} ID ${named.join(', ')}${more}: ` +
					`${this.firstPoll ? 'taken into the baseline' : 'emitted once'}, remembered by ID, and not used as the point later polls start from`,
			);
		}
		if (left) {
			this.logger?.warn(
				`${labels.trigger}: ${left} more ${labels.record}s with a ${labels.field} more than a day in the future are not emitted: the trigger remembers at most ${MAX_AHEAD} of them`,
			);
		}
		return added;
	}

	/** Keeps `seen` within its bound by raising the watermark over the oldest entries. */
	private bound(): void {
		const { watermark } = this;
		if (watermark !== null && watermark !== undefined) {
			for (const [entry, position] of this.seen) {
				const order = this.compare(position, watermark);
				if (order < 0 || (order === 0 && this.overflow)) this.seen.delete(entry);
			}
		}
		if (this.seen.size <= this.maxSeen) return;
		const newestFirst = [...this.seen.entries()].sort(([, a], [, b]) => this.compare(b, a));
		const cut = newestFirst[this.maxSeen][1];
		this.watermark = cut;
		this.overflow = true;
		this.seen = new Map(newestFirst.filter(([, position]) => this.compare(position, cut) > 0));
	}

	/** Writes the state into the node's static data (in place: n8n keeps that object), with the trigger's own extra fields. */
	save(extra: IDataObject = {}): void {
		for (const key of Object.keys(this.data)) delete this.data[key];
		const newestFirst = (map: Map<string, Position>) =>
			[...map.entries()].sort(([, a], [, b]) => this.compare(b, a)).map(([entry]) => entry);
		Object.assign(this.data, {
			config: this.options.config,
			watermark: this.watermark ?? null,
			overflow: this.overflow,
			seen: newestFirst(this.seen),
			...(this.ahead.size ? { ahead: newestFirst(this.ahead) } : {}),
			...extra,
		});
	}
}

/** n8n 2.41's poll time budget, where the running n8n gives one (1.x does not, nor 2.x without durable cursors). */
export interface PollBudget {
	/** The budget n8n gave, in ms; undefined without one. */
	budgetMs?: number;
	/** Time after which no further page is started (Date.now() scale); undefined without a budget. */
	deadline?: number;
	/** Whether another page may still be fetched. */
	canContinue(): boolean;
	/**
	 * Timeout and retries of a poll's calls: within a budget, one try that ends before the
	 * budget does (the next poll is the retry); without one, the transport's defaults.
	 */
	requestOptions(): { timeoutMs?: number; retry?: Partial<RetryPolicy> };
	/**
	 * Within a budget: when a call answered 429 or 503 with a Retry-After may be sent again
	 * (its wait ends by `sendBy`, when no new page would start any more) and by when it must
	 * end (the budget's end); undefined without a budget. See crmRequest's `retryWindow`.
	 */
	retryWindow?: { sendBy: number; endBy: number };
}

// Share of the budget spent fetching: the rest is for the last page in flight and for
// handing the items off. n8n's own margin is already taken off the budget it gives.
const FETCH_SHARE = 0.8;
/** Below this budget a poll makes no call (it could not finish); no call gets less time. */
export const MIN_POLL_BUDGET_MS = 1000;

/**
 * Reads `this.getPollBudgetMs?.()` at the start of a poll. The first page of a read is always
 * fetched (a spent budget still makes progress, as n8n's Gmail trigger does); further pages
 * only while `canContinue()`. A read cut short emits what it fetched and keeps its state where
 * it stopped: the next poll goes on from there.
 */
export function pollBudget(context: IPollFunctions): PollBudget {
	const getBudget = (context as IPollFunctions & { getPollBudgetMs?: () => number })
		.getPollBudgetMs;
	const budget = typeof getBudget === 'function' ? getBudget.call(context) : undefined;
	if (typeof budget !== 'number' || !Number.isFinite(budget) || budget < 0) {
		return { canContinue: () => true, requestOptions: () => ({}) };
	}
	const started = Date.now();
	const deadline = started + budget * FETCH_SHARE;
	// A call's timeout ends within the budget (but gives it at least MIN_POLL_BUDGET_MS).
	const timeoutMs = () =>
		Math.max(MIN_POLL_BUDGET_MS, Math.min(DEFAULT_TIMEOUT_MS, started + budget - Date.now()));
	return {
		budgetMs: budget,
		deadline,
		canContinue: () => Date.now() < deadline,
		requestOptions: () => ({ timeoutMs: timeoutMs(), retry: { maxRetries: 0 } }),
		retryWindow: { sendBy: deadline, endBy: started + budget },
	};
}
