// Nothing lost, nothing twice: each polling trigger (PUBLITRAC, SML, Econtract) against its
// simulator over real HTTP, through many polls (40 by default) with records created at random
// moments (seeded PRNG) and the things that make a poll-based trigger lose or repeat records:
//  - during: records created while a poll is reading (a simulator hook on page 2, or on the call),
//  - fail: page 2 of a multi-page read fails (HTTP 500); the poll throws, the next one must catch up,
//  - budget: n8n 2.41's poll budget runs out after page 1 (getPollBudgetMs),
//  - restart: n8n restarts between polls (static data through JSON, a new node instance),
//  - shift: a record leaves the watched list while the pages are read, so the list shifts under
//    the read and a record is skipped by it,
//  - late: a record becomes visible only after newer ones were emitted (a slow commit, a lead
//    joining a view later),
//  - same second: second-resolution created/updated times, records created in the same second as
//    the newest record of the previous poll.
// Checks: every record created after the baseline emitted exactly once across all polls (as sets,
// and no duplicates); in the "new or updated" modes each change once and every change the trigger
// could see; in the "new" modes an update never emits again.
// Seed: NOTHING_LOST_SEED (default below); polls: NOTHING_LOST_POLLS.
/* eslint-disable @typescript-eslint/no-require-imports */
import { sleep } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, INodeType, IPollFunctions } from 'n8n-workflow';
import { EcontractApi } from '../../../credentials/EcontractApi.credentials';
import { PublitracApi } from '../../../credentials/PublitracApi.credentials';
import { SmlApi } from '../../../credentials/SmlApi.credentials';
import { EcontractTrigger } from '../../../nodes/Econtract/EcontractTrigger.node';
import { MAX_SEEN, PublitracTrigger } from '../../../nodes/Publitrac/PublitracTrigger.node';
import { SmlTrigger } from '../../../nodes/Sml/SmlTrigger.node';
import { resetRateLimiters } from '../../../nodes/shared/rateLimiter';
import { createTriggerContext } from '../../helpers/context';
import { econtractCredential, publitracCredential, smlCredential } from '../../helpers/sims';
import type { LoggedRequest, SimRecord, Simulator } from '../../helpers/sims';
import { env, writeStdout } from '../../helpers/runtime';

const SEED = Number(env('NOTHING_LOST_SEED') ?? 20261123);
const POLLS = Number(env('NOTHING_LOST_POLLS') ?? 40);
const BASELINE = 230; // three pages of 100

jest.setTimeout(180_000);

/** mulberry32: a small seeded PRNG, so a failing run can be replayed with its seed. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

type Kind = 'plain' | 'during' | 'fail' | 'budget' | 'restart' | 'shift' | 'late';

/** The kind of each poll: every disturbance at least twice, the others at random; the last three polls plain (catch-up). */
function plan(rand: () => number, kinds: Kind[]): Kind[] {
	const out: Kind[] = Array.from({ length: POLLS }, () => 'plain');
	const free = Array.from({ length: POLLS - 3 }, (_, i) => i);
	const pick = () => free.splice(Math.floor(rand() * free.length), 1)[0];
	for (const kind of kinds) for (let n = 0; n < 2 && free.length; n++) out[pick()] = kind;
	for (const i of free) if (rand() < 0.5) out[i] = kinds[Math.floor(rand() * kinds.length)];
	return out;
}

/** A clock of second resolution, as the CRMs write their times ("yyyy-mm-dd hh:mm:ss"). */
class Clock {
	constructor(private at: number) {}
	static from(text: string) {
		return new Clock(Date.parse(`${text.replace(' ', 'T')}Z`));
	}
	/** Half the time the same second again. */
	tick(rand: () => number) {
		if (rand() < 0.5) this.at += 1000;
		return this.text();
	}
	text() {
		return new Date(this.at).toISOString().slice(0, 19).replace('T', ' ');
	}
}

/** What a scenario gives the runner: one CRM, one trigger configuration. */
interface Scenario {
	sim: Simulator;
	trigger: () => INodeType;
	context: (staticData: IDataObject, pollBudgetMs?: number) => unknown;
	/** Creates one record now; returns the name of what must be emitted for it. */
	create(): string;
	/** Creates one record that becomes visible only when `reveal` is called. */
	createHidden(): { key: string; reveal(): void };
	/** Changes records in place (no new thing to emit in "new" modes). */
	update?(rand: () => number): void;
	/** The simulator request on which a hook or fault acts ("page 2"). */
	isPage2(entry: LoggedRequest): boolean;
	/** Prepares a shift poll; returns the keys of the records it created. */
	shift?(): string[];
	/** Names what an emitted item is (same form as `create` returns). */
	keyOf(item: IDataObject): string;
	/** The newest position among the records, for the same-second count. */
	newest(): string;
	/** Position of a record by key, for the same-second count. */
	positionOf(key: string): string;
	/**
	 * For a CRM that limits calls per time window: the time (Date.now() scale) from which its
	 * window no longer counts any call made so far. A real n8n restart takes longer than that
	 * window, so the restarted process (its rate limiter new) polls only then.
	 */
	windowClearAt?(): number;
}

interface Outcome {
	created: Set<string>;
	emitted: string[];
	emittedItems: IDataObject[];
	kinds: Record<Kind, number>;
	/** Records created in the same second as the newest record a poll had already seen. */
	sameSecond: number;
	/** What was current at the start of each undisturbed poll, to check "every change the trigger could see". */
	atCleanPolls: string[][];
	failures: string[];
	/** Where each record came from ("poll 12 during"), to read a failure. */
	origin: Map<string, string>;
}

async function runScenario(
	scenario: Scenario,
	rand: () => number,
	kinds: Kind[],
	current: () => string[],
): Promise<Outcome> {
	const { sim } = scenario;
	let staticData: IDataObject = {};
	let trigger = scenario.trigger();
	const poll = async (pollBudgetMs?: number) =>
		(await trigger.poll!.call(scenario.context(staticData, pollBudgetMs) as IPollFunctions)) as
			| INodeExecutionData[][]
			| null;

	expect(await poll()).toBeNull(); // the baseline
	const out: Outcome = {
		created: new Set(),
		emitted: [],
		emittedItems: [],
		kinds: {} as Record<Kind, number>,
		sameSecond: 0,
		atCleanPolls: [],
		failures: [],
		origin: new Map(),
	};
	const hidden: Array<{ key: string; reveal(): void; at: number }> = [];
	let seenUpTo = scenario.newest();
	let origin = 'before poll 0';
	const created = (key: string) => {
		out.created.add(key);
		out.origin.set(key, `${origin}${scenario.positionOf(key) === seenUpTo ? ', same second' : ''}`);
		if (scenario.positionOf(key) === seenUpTo) out.sameSecond++;
	};
	const schedule = plan(rand, kinds);

	for (let i = 0; i < POLLS; i++) {
		const kind = schedule[i];
		out.kinds[kind] = (out.kinds[kind] ?? 0) + 1;
		origin = `before poll ${i} (${kind})`;
		for (let n = Math.floor(rand() * 6); n > 0; n--) created(scenario.create());
		scenario.update?.(rand);
		for (const h of hidden.filter((h) => h.at <= i)) {
			h.reveal();
			hidden.splice(hidden.indexOf(h), 1);
		}
		if (kind === 'late') {
			origin = `hidden before poll ${i}, shown before poll ${i + 2}`;
			for (let n = 1 + Math.floor(rand() * 2); n > 0; n--) {
				const h = scenario.createHidden();
				created(h.key);
				hidden.push({ ...h, at: i + 2 });
			}
		}
		let hooked = 0;
		if (kind === 'during') {
			sim.hooks.push((entry) => {
				if (!scenario.isPage2(entry) || hooked) return;
				hooked = 1 + Math.floor(rand() * 4);
				origin = `during poll ${i}`;
				for (let n = hooked; n > 0; n--) created(scenario.create());
			});
		}
		if (kind === 'shift') {
			origin = `shift at poll ${i}`;
			for (const key of scenario.shift!()) created(key);
		}
		// Page 2 keeps failing through this poll (reads retry a 500: more times than Max Retries).
		if (kind === 'fail')
			sim.addFault({ kind: 'status', status: 500, times: 10, query: { page: '2' }, path: '/' });
		if (kind === 'restart') {
			// n8n restarts: the static data comes back from the database, the node is a new instance,
			// the process's rate limiter starts empty, and the CRM's window has forgotten the calls
			// of the process before (a restart takes longer than a second).
			staticData = JSON.parse(JSON.stringify(staticData));
			trigger = scenario.trigger();
			resetRateLimiters();
			const wait = (scenario.windowClearAt?.() ?? 0) - Date.now();
			if (wait > 0) await sleep(wait);
		}
		if (kind === 'plain' || kind === 'restart') out.atCleanPolls.push(current());
		const from = sim.log.length;
		const newestBefore = scenario.newest();
		let result: INodeExecutionData[][] | null = null;
		let failure: Error | undefined;
		try {
			result = await poll(kind === 'budget' ? 1 : undefined);
			if (kind === 'fail') out.failures.push(`poll ${i}: the page-2 failure did not fail the poll`);
		} catch (error) {
			failure = error as Error;
		}
		if (failure && kind !== 'fail') throw failure;
		if (failure) expect(failure.message).toMatch(/500/);
		sim.hooks.length = 0;
		// The server is well again for the next poll.
		(sim as unknown as { faults: unknown[] }).faults.length = 0;
		if (kind === 'fail') expect(sim.log.slice(from).some((e) => e.fault === 'status')).toBe(true);
		if (kind === 'during') expect(hooked).toBeGreaterThan(0);
		for (const item of result?.[0] ?? []) {
			out.emitted.push(scenario.keyOf(item.json));
			out.emittedItems.push(item.json);
		}
		if (kind !== 'fail') seenUpTo = newestBefore;
	}
	expect(hidden).toHaveLength(0);
	return out;
}

function expectExactlyOnce(out: Outcome) {
	const duplicates = out.emitted.filter((key, i) => out.emitted.indexOf(key) !== i);
	const missing = [...out.created]
		.filter((key) => !out.emitted.includes(key))
		.map((key) => `${key} (${out.origin.get(key)})`);
	const extra = out.emitted.filter((key) => !out.created.has(key));
	expect({ duplicates, missing, extra, failures: out.failures }).toEqual({
		duplicates: [],
		missing: [],
		extra: [],
		failures: [],
	});
	expect(out.emitted.length).toBe(out.created.size);
}

function report(label: string, out: Outcome) {
	writeStdout(
		`${label}: seed ${SEED}, ${POLLS} polls ${JSON.stringify(out.kinds)}, ${out.created.size} created, ${out.emitted.length} emitted, ${out.sameSecond} in the same second as the newest record of the previous poll\n`,
	);
}

// ---------------------------------------------------------------- PUBLITRAC
describe('publitracTrigger loses nothing', () => {
	const { createPublitracSimulator } = require('../../../sandbox/publitrac');
	let sim: Simulator & { seedLeads(n: number, where?: IDataObject): Array<SimRecord> };
	beforeAll(async () => {
		sim = createPublitracSimulator();
		await sim.start(0);
	});
	afterAll(async () => sim.stop());
	beforeEach(() => {
		sim.reset();
		resetRateLimiters();
	});

	const where = (source: string) =>
		source === 'view' ? { view: 'Hot' } : { list: 'Imported2012' };
	const members = (source: string): string[] =>
		(source === 'view' ? sim.state.views.Hot : sim.state.lists.Imported2012).leadIds;

	function scenario(
		source: 'view' | 'list',
		event: 'new' | 'newOrUpdated',
		order: 'oldest first' | 'newest first',
		rand: () => number,
	): Scenario {
		sim.seedLeads(BASELINE, where(source));
		const clock = Clock.from(
			sim.state.leads.reduce(
				(max: string, l: SimRecord) => (l.createdDate > max ? l.createdDate : max),
				'',
			),
		);
		if (order === 'newest first') sim.state.leads.reverse();
		const byId = (id: string) => sim.state.leads.find((l: SimRecord) => l.id === id);
		const keyOf = (lead: IDataObject) =>
			event === 'new' ? String(lead.id) : `${lead.id}@${lead.lastUpdated}`;
		const make = (visible: boolean) => {
			const [lead] = sim.seedLeads(1, visible ? where(source) : {});
			lead.createdDate = lead.lastUpdated = clock.tick(rand);
			// Newest first: the view answers the newest leads on page 1.
			if (order === 'newest first') sim.state.leads.unshift(sim.state.leads.pop());
			return lead;
		};
		return {
			sim,
			trigger: () => new PublitracTrigger(),
			context: (staticData, pollBudgetMs) =>
				createTriggerContext({
					parameters: { source, viewName: 'Hot', listName: 'Imported2012', event, options: {} },
					staticData,
					credentials: { publitracApi: publitracCredential(sim.url).data },
					credentialTypes: { publitracApi: new PublitracApi() },
					pollBudgetMs,
				}),
			create: () => keyOf(make(true)),
			createHidden: () => {
				const lead = make(false);
				// A lead joins the view or list after newer ones were emitted.
				return { key: keyOf(lead), reveal: () => members(source).push(lead.id) };
			},
			update: (r) => {
				// Changes of leads (new ones and baseline ones): lastUpdated moves, createdDate stays.
				for (let n = Math.floor(r() * 3); n > 0; n--) {
					const ids = members(source);
					const lead = byId(ids[Math.floor(r() * ids.length)]);
					lead.lastUpdated = clock.tick(r);
				}
			},
			isPage2: (entry) => entry.query.page === '2',
			shift: () => {
				// Enough new leads to fill page 1 and reach page 2 (newest first); when page 2 is
				// asked for, the first lead of the view (read on page 1) leaves it: the view moves up
				// one place and the lead that opened page 2 falls onto page 1, already read.
				const keys: string[] = [];
				for (let n = 101 + Math.floor(rand() * 10); n > 0; n--) keys.push(keyOf(make(true)));
				let done = false;
				sim.hooks.push((entry) => {
					if (entry.query.page !== '2' || done) return;
					done = true;
					const ids = new Set(members(source));
					const first = sim.state.leads.find((l: SimRecord) => ids.has(l.id));
					const list = members(source);
					list.splice(list.indexOf(first.id), 1);
				});
				return keys;
			},
			keyOf,
			newest: () => clock.text(),
			positionOf: (key) => {
				const lead = byId(key.split('@')[0]);
				return event === 'new' ? lead.createdDate : key.slice(key.indexOf('@') + 1);
			},
			// sandbox/publitrac.js counts the calls of the last second (sliding): clear 1 s after the last one it counted.
			windowClearAt: () =>
				Math.max(0, ...Object.values(sim.state.calls as Record<string, number[]>).flat()) + 1001,
		};
	}

	const KINDS: Kind[] = ['during', 'fail', 'budget', 'restart', 'shift', 'late'];

	for (const order of ['oldest first', 'newest first'] as const) {
		it(`view, new leads (${order}): every lead created after the baseline emitted exactly once, updates never`, async () => {
			const rand = prng(SEED);
			const s = scenario('view', 'new', order, rand);
			const out = await runScenario(s, rand, KINDS, () => []);
			report(`PUBLITRAC view new (${order})`, out);
			expectExactlyOnce(out);
			expect(out.sameSecond).toBeGreaterThan(0);
			expect(out.kinds.shift).toBeGreaterThanOrEqual(2);
		});
	}

	it('past the bound of the state: 2,600 new leads, 10 a second, emitted once each while the watermark moves up and the state stays bounded', async () => {
		const rand = prng(SEED + 5);
		const s = scenario('view', 'new', 'newest first', rand);
		const state: IDataObject = {};
		const poll = async () =>
			((await new PublitracTrigger().poll!.call(s.context(state) as IPollFunctions)) ?? [
				[],
			])[0].map((i) => String(i.json.id));
		expect(await poll()).toEqual([]);
		const baselineNewest: string = sim.state.leads[0].createdDate;
		const clock = Clock.from(baselineNewest);
		const created: string[] = [];
		const emitted: string[] = [];
		for (let round = 0; round < 5; round++) {
			// The first leads of a round share the second of the last lead of the round before.
			for (let n = 0; n < 520; n++) {
				const [lead] = sim.seedLeads(1, { view: 'Hot' });
				lead.createdDate = lead.lastUpdated = n % 10 === 9 ? clock.tick(() => 0) : clock.text();
				sim.state.leads.unshift(sim.state.leads.pop());
				created.push(lead.id);
			}
			emitted.push(...(await poll()));
			expect((state.seen as string[]).length).toBeLessThanOrEqual(MAX_SEEN);
		}
		emitted.push(...(await poll()));
		expect(emitted.filter((id, i) => emitted.indexOf(id) !== i)).toEqual([]);
		expect(created.filter((id) => !emitted.includes(id))).toEqual([]);
		expect(emitted).toHaveLength(2600);
		// The watermark left the baseline: the oldest emitted leads are below it now, no longer listed.
		expect(state.watermark! > baselineNewest).toBe(true);
		expect(state.overflow).toBe(true);
		expect(JSON.stringify(state).length).toBeLessThan(100_000);
	});

	it('list, new or updated leads (newest first): each change once, the last version of every lead, every version a poll could see', async () => {
		const rand = prng(SEED + 1);
		const baselineVersions = new Set<string>();
		const s = scenario('list', 'newOrUpdated', 'newest first', rand);
		for (const lead of sim.state.leads) baselineVersions.add(`${lead.id}@${lead.lastUpdated}`);
		const versions = new Set<string>();
		const current = (): string[] =>
			sim.state.leads
				.filter((l: SimRecord) => members('list').includes(l.id))
				.map((l: SimRecord) => `${l.id}@${l.lastUpdated}`);
		// Every version that ever existed (created or updated), recorded as the scenario goes.
		const update = s.update!;
		s.update = (r) => {
			update(r);
			for (const v of current()) versions.add(v);
		};
		const out = await runScenario(s, rand, KINDS, () =>
			current().filter((v) => !baselineVersions.has(v)),
		);
		for (const v of current()) versions.add(v);
		report('PUBLITRAC list newOrUpdated (newest first)', out);

		const duplicates = out.emitted.filter((key, i) => out.emitted.indexOf(key) !== i);
		expect(duplicates).toEqual([]);
		// Nothing that never existed, nothing of the baseline.
		expect(out.emitted.filter((v) => !versions.has(v) && !out.created.has(v))).toEqual([]);
		expect(out.emitted.filter((v) => baselineVersions.has(v))).toEqual([]);
		// Each lead's last version, when it changed after the baseline.
		const last = current().filter((v) => !baselineVersions.has(v));
		expect(last.length).toBeGreaterThan(out.created.size / 2);
		expect(last.filter((v) => !out.emitted.includes(v))).toEqual([]);
		// Each version current when an undisturbed poll ran.
		expect(out.atCleanPolls.flat().filter((v) => !out.emitted.includes(v))).toEqual([]);
		// And each lead created after the baseline at least once.
		const leadIds = new Set(out.emitted.map((v) => v.split('@')[0]));
		expect([...out.created].map((v) => v.split('@')[0]).filter((id) => !leadIds.has(id))).toEqual(
			[],
		);
		expect(out.sameSecond).toBeGreaterThan(0);
	});
});

// ---------------------------------------------------------------- SML
describe('smlTrigger loses nothing', () => {
	const { createSmlSimulator } = require('../../../sandbox/sml');
	let sim: Simulator & { seedLeads(n: number, fields?: IDataObject): Array<SimRecord> };
	beforeAll(async () => {
		sim = createSmlSimulator();
		await sim.start(0);
	});
	afterAll(async () => sim.stop());
	beforeEach(() => sim.reset());

	function scenario(parameters: IDataObject): Scenario {
		sim.seedLeads(BASELINE);
		const make = () => sim.seedLeads(1)[0];
		const filtered = () =>
			sim.state.leads.filter(
				(l: SimRecord) =>
					!(parameters.filters as IDataObject)?.status ||
					l.status === (parameters.filters as IDataObject).status,
			);
		return {
			sim,
			trigger: () => new SmlTrigger(),
			context: (staticData, pollBudgetMs) =>
				createTriggerContext({
					parameters: { filters: {}, emitStatusChanges: false, ...parameters },
					staticData,
					credentials: { smlApi: smlCredential(sim.url).data },
					credentialTypes: { smlApi: new SmlApi() },
					pollBudgetMs,
				}),
			create: () => String(make().id),
			createHidden: () => {
				// A slow commit: the lead has its id, but shows in the list only later, after leads with higher ids.
				const lead = make();
				sim.state.leads.splice(sim.state.leads.indexOf(lead), 1);
				return {
					key: String(lead.id),
					reveal: () => {
						const at = sim.state.leads.findIndex((l: SimRecord) => l.id > lead.id);
						sim.state.leads.splice(at < 0 ? sim.state.leads.length : at, 0, lead);
					},
				};
			},
			isPage2: (entry) => entry.path === '/api/lead/' && entry.query.page === '2',
			shift: () => {
				// Leads ids ascending, 100 a page: new leads so that the last page holds two leads and
				// new ones end the page before it. When the last page is asked for, a lead of page 1
				// leaves the filtered list (its status changes): the list moves up one place and the
				// new lead that opened the last page falls onto the page before, already read.
				const count = filtered().length;
				let n = (102 - (count % 100)) % 100 || 100;
				if (n < 3) n += 100;
				const keys = Array.from({ length: n }, () => String(make().id));
				const lastPage = String(Math.ceil(filtered().length / 100));
				let done = false;
				sim.hooks.push((entry) => {
					if (entry.path !== '/api/lead/' || entry.query.page !== lastPage || done) return;
					done = true;
					filtered()[0].status = 'tracing';
				});
				return keys;
			},
			keyOf: (lead) => String(lead.id),
			newest: () => '',
			positionOf: () => 'ids',
		};
	}

	it('new leads of status "new": every lead created after the baseline emitted exactly once', async () => {
		const rand = prng(SEED + 2);
		const s = scenario({ filters: { status: 'new' } });
		const out = await runScenario(
			s,
			rand,
			['during', 'fail', 'budget', 'restart', 'shift', 'late'],
			() => [],
		);
		report('SML new leads (status new)', out);
		expectExactlyOnce(out);
		expect(out.emittedItems.every((item) => item.event === 'newLead')).toBe(true);
	});

	it('with status changes: new leads once, and every status change in an unbroken chain (previousStatus = the status last emitted)', async () => {
		const rand = prng(SEED + 3);
		const s = scenario({ emitStatusChanges: true });
		const STATUSES = ['new', 'commercial_management', 'tracing', 'end'];
		const baselineStatus = new Map<number, string>(
			sim.state.leads.map((l: SimRecord) => [l.id, l.status]),
		);
		s.update = (r) => {
			for (let n = Math.floor(r() * 4); n > 0; n--) {
				const lead = sim.state.leads[Math.floor(r() * sim.state.leads.length)];
				lead.status = STATUSES[Math.floor(r() * STATUSES.length)];
			}
		};
		const out = await runScenario(s, rand, ['during', 'fail', 'budget', 'restart', 'late'], () =>
			sim.state.leads
				.filter((l: SimRecord) => l.status !== baselineStatus.get(l.id))
				.map((l: SimRecord) => `${l.id}:${l.status}`),
		);
		report('SML new leads + status changes', out);
		const news = out.emittedItems.filter((i) => i.event === 'newLead');
		const newIds = news.map((i) => String(i.id));
		expect(newIds.filter((id, i) => newIds.indexOf(id) !== i)).toEqual([]);
		expect([...out.created].filter((id) => !newIds.includes(id))).toEqual([]);
		expect(newIds.filter((id) => !out.created.has(id))).toEqual([]);
		// The chain of statuses each lead was emitted with: no change lost, none twice.
		const last = new Map<number, string>(baselineStatus);
		const broken: string[] = [];
		for (const item of out.emittedItems) {
			const id = Number(item.id);
			if (item.event === 'statusChanged') {
				if (item.previousStatus !== last.get(id) || item.previousStatus === item.status)
					broken.push(`${id}: ${item.previousStatus} -> ${item.status} after ${last.get(id)}`);
			}
			last.set(id, String(item.status));
		}
		expect(broken).toEqual([]);
		expect(out.emittedItems.filter((i) => i.event === 'statusChanged').length).toBeGreaterThan(10);
		// After the catch-up polls, the last status emitted is each lead's status.
		const stale = sim.state.leads
			.filter((l: SimRecord) => last.get(l.id) !== l.status)
			.map((l: SimRecord) => `${l.id}: ${last.get(l.id)} vs ${l.status}`);
		expect(stale).toEqual([]);
	});
});

// ---------------------------------------------------------------- Econtract
describe('econtractTrigger loses nothing', () => {
	const { createEcontractSimulator } = require('../../../sandbox/econtract');
	let sim: Simulator & { seedOrders(n: number): Array<SimRecord> };
	beforeAll(async () => {
		sim = createEcontractSimulator();
		await sim.start(0);
	});
	afterAll(async () => sim.stop());
	beforeEach(() => {
		sim.reset();
		resetRateLimiters();
	});

	it('new orders: every order created after the baseline emitted exactly once, updates never', async () => {
		const rand = prng(SEED + 4);
		sim.seedOrders(60);
		const clock = Clock.from(sim.state.orders[sim.state.orders.length - 1].created_at);
		const make = () => {
			const [order] = sim.seedOrders(1);
			order.created_at = order.updated_at = clock.tick(rand);
			return order;
		};
		const s: Scenario = {
			sim,
			trigger: () => new EcontractTrigger(),
			context: (staticData, pollBudgetMs) =>
				createTriggerContext({
					parameters: { filters: {} },
					staticData,
					credentials: { econtractApi: econtractCredential(sim.url).data },
					credentialTypes: { econtractApi: new EcontractApi() },
					pollBudgetMs,
				}),
			create: () => String(make().id),
			createHidden: () => {
				// A slow commit: the order has its id and created_at, but shows only later.
				const order = make();
				sim.state.orders.splice(sim.state.orders.indexOf(order), 1);
				return { key: String(order.id), reveal: () => sim.state.orders.push(order) };
			},
			update: (r) => {
				// The CRM updates orders (doc "Create order" on an existing one): updated_at moves.
				for (let n = Math.floor(r() * 3); n > 0; n--)
					sim.state.orders[Math.floor(r() * sim.state.orders.length)].updated_at = clock.tick(r);
			},
			// One call, no pages: the hook and the fault act on the latest-orders call itself.
			isPage2: (entry) => entry.path === '/api/latest',
			keyOf: (order) => String(order.id),
			newest: () => clock.text(),
			positionOf: (key) =>
				sim.state.orders.find((o: SimRecord) => String(o.id) === key)?.created_at ?? '',
		};
		// The fault of runScenario names page 2: here the one call fails.
		const addFault = sim.addFault.bind(sim);
		sim.addFault = (fault) => addFault({ ...fault, query: undefined, path: '/api/latest' });
		const out = await runScenario(
			s,
			rand,
			['during', 'fail', 'budget', 'restart', 'late'],
			() => [],
		);
		sim.addFault = addFault;
		report('Econtract new orders', out);
		expectExactlyOnce(out);
		expect(out.sameSecond).toBeGreaterThan(0);
	});
});
