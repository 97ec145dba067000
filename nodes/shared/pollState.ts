import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { DEFAULT_TIMEOUT_MS } from './transport';
import type { RetryPolicy } from './transport';

/**
 * The one poll state of the polling triggers (PUBLITRAC, SML, Econtract): what was already
 * emitted, kept in the node's workflow static data (`getWorkflowStaticData('node')`), which
 * n8n 2.41 treats as the poll's cursor (stored between polls, committed once the emitted
 * items were handed off when its durable cursors are on). Nothing is kept anywhere else.
 *
 * Every record a trigger reads has an `id` and a `position`: a text that sorts in time
 * ("yyyy-mm-dd hh:mm:ss": PUBLITRAC's createdDate / lastUpdated, Econtract's created_at)
 * or a number that grows (SML's lead id). `id@position` names one thing to emit once: with
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
 */
export const MAX_SEEN = 2000;

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
}

export interface PollRecord<T> {
	id: string | number;
	position: string | number;
	item: T;
}

export interface PollStateOptions {
	/** Identifies what is watched; a different value starts a new baseline. */
	config: string;
	/** The trigger's "emit existing once" option: the first poll emits what it reads. */
	emitExisting?: boolean;
	/** Positions are numbers (compared as numbers), not sortable texts. */
	numeric?: boolean;
	/** Bound of `seen`; MAX_SEEN by default. */
	maxSeen?: number;
	/**
	 * Reads a state saved by an older version of the trigger (no `config`); returns it in
	 * this shape, or undefined when the static data holds nothing to take over.
	 */
	legacy?: (stored: IDataObject) => Omit<StoredPollState, 'config'> | undefined;
}

/** How one read ended. */
export interface ReadResult {
	/** False when pages were left unread (poll budget). */
	complete: boolean;
}

type Position = string | number;

/** A poll's state: load it, let it pick what is new in a read, save it. */
export class PollState {
	readonly firstPoll: boolean;
	private watermark: Position | null | undefined;
	private overflow: boolean;
	private seen: Map<string, Position>;
	private readonly maxSeen: number;

	private constructor(
		private readonly data: IDataObject,
		private readonly options: PollStateOptions,
		stored: StoredPollState,
	) {
		this.maxSeen = Math.max(1, options.maxSeen ?? MAX_SEEN);
		this.firstPoll = stored.config !== options.config || stored.watermark === undefined;
		this.watermark = this.firstPoll ? undefined : stored.watermark === null ? null : this.toPosition(stored.watermark);
		this.overflow = !this.firstPoll && stored.overflow === true;
		this.seen = new Map();
		if (!this.firstPoll) {
			for (const entry of Array.isArray(stored.seen) ? stored.seen : []) {
				const text = String(entry);
				const at = text.lastIndexOf('@');
				// An entry without a position (older states kept bare ids): at the watermark.
				const position = at < 0 ? this.watermark : this.toPosition(text.slice(at + 1));
				if (position === null || position === undefined) continue;
				this.seen.set(at < 0 ? `${text}@${position}` : text, position);
			}
		}
	}

	/** Loads the state from the node's static data (n8n's poll cursor). */
	static load(context: IPollFunctions, options: PollStateOptions): PollState {
		const data = context.getWorkflowStaticData('node');
		let stored = data as StoredPollState;
		if (data.config === undefined && options.legacy) {
			const migrated = options.legacy(data);
			if (migrated) stored = { ...migrated, config: options.config };
		}
		return new PollState(data, options, stored);
	}

	private toPosition(value: unknown): Position {
		if (this.options.numeric) return Number(value);
		return String(value);
	}

	private compare(a: Position, b: Position): number {
		if (typeof a === 'number' && typeof b === 'number') return a - b;
		return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
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
		const unique = new Map<string, PollRecord<T>>();
		for (const record of records) {
			const position = this.toPosition(record.position);
			if (typeof position === 'number' && !Number.isFinite(position)) continue;
			const entry = `${String(record.id)}@${position}`;
			if (!unique.has(entry)) unique.set(entry, { ...record, position });
		}
		const all = [...unique.entries()];
		let fresh: Array<[string, PollRecord<T>]>;
		if (this.firstPoll) {
			fresh = this.options.emitExisting ? all : [];
			const newest = all.reduce<Position | null>((max, [, r]) => (max === null || this.compare(r.position, max) > 0 ? r.position : max), null);
			// Existing records still to be emitted on pages the baseline did not reach: no floor yet.
			this.watermark = !read.complete && this.options.emitExisting ? null : newest;
			this.overflow = false;
			// All of it handled; bound() keeps only what the watermark does not cover.
			this.seen = new Map(all.map(([entry, record]) => [entry, record.position]));
		} else {
			fresh = all.filter(([entry, record]) => !this.handled(entry, record.position));
			for (const [entry, record] of fresh) this.seen.set(entry, record.position);
		}
		this.bound();
		return fresh.sort(([, a], [, b]) => this.compare(a.position, b.position)).map(([, record]) => record.item);
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
		const newestFirst = [...this.seen.entries()].sort(([, a], [, b]) => this.compare(b, a)).map(([entry]) => entry);
		Object.assign(this.data, {
			config: this.options.config,
			watermark: this.watermark ?? null,
			overflow: this.overflow,
			seen: newestFirst,
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
	const getBudget = (context as IPollFunctions & { getPollBudgetMs?: () => number }).getPollBudgetMs;
	const budget = typeof getBudget === 'function' ? getBudget.call(context) : undefined;
	if (typeof budget !== 'number' || !Number.isFinite(budget) || budget < 0) {
		return { canContinue: () => true, requestOptions: () => ({}) };
	}
	const started = Date.now();
	const deadline = started + budget * FETCH_SHARE;
	// A call's timeout ends within the budget (but gives it at least MIN_POLL_BUDGET_MS).
	const timeoutMs = () => Math.max(MIN_POLL_BUDGET_MS, Math.min(DEFAULT_TIMEOUT_MS, started + budget - Date.now()));
	return {
		budgetMs: budget,
		deadline,
		canContinue: () => Date.now() < deadline,
		requestOptions: () => ({ timeoutMs: timeoutMs(), retry: { maxRetries: 0 } }),
	};
}
