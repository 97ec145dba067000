// publitracTrigger's poll() over real HTTP to the simulator, with the same static data across
// polls as n8n keeps it: baseline, new, updated, restart with saved state, bounded state.
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { PublitracApi } from '../../../credentials/PublitracApi.credentials';
import { MAX_SEEN, PublitracTrigger } from '../../../nodes/Publitrac/PublitracTrigger.node';
import { resetRateLimiters } from '../../../nodes/shared/rateLimiter';
import { createTriggerContext } from '../../helpers/context';
import { CREDS, apiCalls, credentialsFor, startSim } from './setup';
import type { PublitracSim } from './setup';
import type { SimRecord } from '../../helpers/sims';

let sim: PublitracSim;
beforeAll(async () => {
	sim = await startSim();
});
afterAll(async () => sim.stop());
// What the trigger logged as warnings (n8n's logger), cleared before each test.
const warnings: string[] = [];
const logger = {
	debug: () => {},
	info: () => {},
	warn: (m: string) => warnings.push(m),
	error: () => {},
};
beforeEach(() => {
	sim.reset();
	resetRateLimiters();
	warnings.length = 0;
});

const trigger = new PublitracTrigger();

function poll(
	parameters: IDataObject,
	staticData: IDataObject,
	more: { mode?: 'trigger' | 'manual'; pollBudgetMs?: number } = {},
) {
	const context = createTriggerContext({
		parameters,
		staticData,
		credentials: credentialsFor(sim),
		credentialTypes: { publitracApi: new PublitracApi() },
		logger,
		...more,
	});
	return trigger.poll!.call(context as unknown as IPollFunctions);
}

const ids = (result: Awaited<ReturnType<typeof poll>>) =>
	result ? result[0].map((i) => i.json.id) : [];
const touch = (lead: SimRecord, at: string) => (lead.lastUpdated = at);

describe('publitracTrigger on a view (getView), new leads', () => {
	const params = { source: 'view', viewName: 'Hot', event: 'new', options: {} };

	it('sets the baseline on the first poll without emitting, then emits only new leads, once', async () => {
		sim.seedLeads(150, { view: 'Hot' });
		const state: IDataObject = {};
		expect(await poll(params, state)).toBeNull();
		expect(apiCalls(sim).map((c) => [c.query.method, c.query.viewName, c.query.page])).toEqual([
			['getView', 'Hot', '1'],
			['getView', 'Hot', '2'],
		]);
		expect(await poll(params, state)).toBeNull();
		const added = sim.seedLeads(2, { view: 'Hot' });
		expect(ids(await poll(params, state))).toEqual(added.map((l) => l.id));
		expect(await poll(params, state)).toBeNull();
	});

	it('does not emit an update of an existing lead', async () => {
		const [a] = sim.seedLeads(3, { view: 'Hot' });
		const state: IDataObject = {};
		await poll(params, state);
		touch(a, '2030-01-01 00:00:00');
		expect(await poll(params, state)).toBeNull();
	});

	it('restarts from the saved state (a new trigger instance, the same static data)', async () => {
		sim.seedLeads(5, { view: 'Hot' });
		const saved: IDataObject = {};
		await poll(params, saved);
		const copy = JSON.parse(JSON.stringify(saved));
		const added = sim.seedLeads(1, { view: 'Hot' });
		expect(
			ids(
				await new PublitracTrigger().poll!.call(
					createTriggerContext({
						parameters: params,
						staticData: copy,
						credentials: credentialsFor(sim),
						credentialTypes: { publitracApi: new PublitracApi() },
					}) as unknown as IPollFunctions,
				),
			),
		).toEqual([added[0].id]);
	});

	it('emits the existing leads once on the first poll with "Emit Existing Leads on First Poll"', async () => {
		const seeded = sim.seedLeads(3, { view: 'Hot' });
		const state: IDataObject = {};
		expect(ids(await poll({ ...params, options: { emitExisting: true } }, state))).toEqual(
			seeded.map((l) => l.id),
		);
		expect(await poll({ ...params, options: { emitExisting: true } }, state)).toBeNull();
	});

	it('with "Emit Existing Leads on First Poll" and a first poll cut by the budget, the next polls emit the rest, each lead once', async () => {
		const seeded = sim.seedLeads(250, { view: 'Hot' });
		const state: IDataObject = {};
		const first = ids(
			await poll({ ...params, options: { emitExisting: true } }, state, { pollBudgetMs: 1 }),
		);
		expect(first).toEqual(seeded.slice(0, 100).map((l) => l.id));
		expect(state.watermark).toBeNull();
		const added = sim.seedLeads(1, { view: 'Hot' });
		const rest = ids(await poll({ ...params, options: { emitExisting: true } }, state));
		expect([...first, ...rest].sort()).toEqual([...seeded, ...added].map((l) => l.id).sort());
		expect(await poll({ ...params, options: { emitExisting: true } }, state)).toBeNull();
	});

	it('returns one sample lead in manual mode and leaves the state alone', async () => {
		sim.seedLeads(3, { view: 'Hot' });
		const state: IDataObject = {};
		const result = await poll(params, state, { mode: 'manual' });
		expect(result![0]).toHaveLength(1);
		expect(result![0][0].json.email).toMatch(/@example.com$/);
		expect(state).toEqual({});
	});

	it('keeps its state bounded whatever the view size', async () => {
		sim.seedLeads(3000, { view: 'Hot' });
		// All in one second, after the seeded ones and before now (a date more than a day ahead is kept apart: see below).
		for (const lead of sim.state.leads) lead.createdDate = '2025-06-01 00:00:00';
		const state: IDataObject = {};
		await poll(params, state);
		expect((state.seen as string[]).length).toBeLessThanOrEqual(MAX_SEEN);
		expect(JSON.stringify(state).length).toBeLessThan(100_000);
		expect(await poll(params, state)).toBeNull();
	}, 30_000);

	it('stops reading at the poll budget without moving the watermark, and emits nothing twice', async () => {
		sim.seedLeads(500, { view: 'Hot' });
		const state: IDataObject = {};
		await poll(params, state);
		const watermark = state.watermark;
		const added = sim.seedLeads(300, { view: 'Hot' });
		// The view answers the newest leads first.
		sim.state.leads.reverse();
		// A 1 ms budget: page 1 (the newest 100 after the reverse) is read, then the poll stops.
		const partial = ids(await poll(params, state, { pollBudgetMs: 1 }));
		expect(partial.length).toBeGreaterThan(0);
		expect(partial.length).toBeLessThan(300);
		expect(state.watermark).toBe(watermark);
		const rest = ids(await poll(params, state));
		expect([...partial, ...rest].sort()).toEqual(added.map((l) => l.id).sort());
		expect(await poll(params, state)).toBeNull();
	}, 30_000);

	it('gives 9010 for an unknown view, without any secret', async () => {
		await expect(poll({ ...params, viewName: 'Nope' }, {})).rejects.toThrow(
			'9010 ERROR_VIEW_DOES_NOT_EXISTS',
		);
	});
});

describe('publitracTrigger on a list (getList), new or updated leads', () => {
	const params = { source: 'list', listName: 'Imported2012', event: 'newOrUpdated', options: {} };

	it('emits new and updated leads by lastUpdated, each change once', async () => {
		const [a, b] = sim.seedLeads(3, { list: 'Imported2012' });
		const state: IDataObject = {};
		expect(await poll(params, state)).toBeNull();
		// doc "Get List": listName in its parameter table, viewName in its example: both sent.
		expect(apiCalls(sim)[0].query).toMatchObject({
			method: 'getList',
			listName: 'Imported2012',
			viewName: 'Imported2012',
		});
		touch(b, '2025-06-01 00:00:00');
		const added = sim.seedLeads(1, { list: 'Imported2012' });
		touch(added[0], '2025-06-01 00:00:01');
		expect(ids(await poll(params, state))).toEqual([b.id, added[0].id]);
		expect(await poll(params, state)).toBeNull();
		touch(a, '2025-06-01 00:00:01');
		expect(ids(await poll(params, state))).toEqual([a.id]);
		expect(await poll(params, state)).toBeNull();
	});

	it('starts a new baseline when the watched list changes', async () => {
		sim.seedLeads(2, { list: 'Imported2012' });
		sim.seedLeads(2, { list: 'Other' });
		const state: IDataObject = {};
		await poll(params, state);
		expect(await poll({ ...params, listName: 'Other' }, state)).toBeNull();
	});
});

/** "yyyy-mm-dd hh:mm:ss" (UTC) of a time in ms, as PUBLITRAC writes its dates. */
const dateText = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
const DAY = 24 * 60 * 60 * 1000;

describe('publitracTrigger with a lead dated far in the future (issue 15 item 7)', () => {
	const params = { source: 'view', viewName: 'Hot', event: 'new', options: {} };

	it('a baseline lead created 9999-12-31 does not silence the trigger: later leads are emitted, and a warning names the lead by ID only', async () => {
		const [, future] = sim.seedLeads(3, { view: 'Hot' });
		future.createdDate = '9999-12-31 00:00:00';
		const state: IDataObject = {};
		expect(await poll(params, state)).toBeNull();
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toContain(
			`createdDate more than a day in the future on lead ID ${future.id} (9999-12-31 00:00:00)`,
		);
		expect(warnings[0]).not.toContain(future.email);
		expect(String(state.watermark)).not.toMatch(/^9999/);
		const added = sim.seedLeads(2, { view: 'Hot' });
		expect(ids(await poll(params, state))).toEqual(added.map((l) => l.id));
		// The far-future lead was part of the baseline: never emitted, and warned about once.
		expect(await poll(params, state)).toBeNull();
		expect(warnings).toHaveLength(1);
	});

	it('a new lead created 2999-01-01 is emitted once, the leads after it too, and the point later polls start from stays before now', async () => {
		sim.seedLeads(2, { view: 'Hot' });
		const state: IDataObject = {};
		await poll(params, state);
		const [future] = sim.seedLeads(1, { view: 'Hot' });
		future.createdDate = '2999-01-01 00:00:00';
		expect(ids(await poll(params, state))).toEqual([future.id]);
		expect(warnings.join('\n')).toContain(
			`lead ID ${future.id} (2999-01-01 00:00:00): emitted once`,
		);
		// Past the bound of `seen` (nodes/shared/pollState.ts): the watermark rises, never to 2999.
		const many = sim.seedLeads(MAX_SEEN + 10, { view: 'Hot' });
		const emitted = ids(await poll(params, state));
		expect(emitted).toHaveLength(many.length);
		expect(emitted).not.toContain(future.id);
		expect(state.overflow).toBe(true);
		expect(String(state.watermark) < '2999').toBe(true);
		const last = sim.seedLeads(1, { view: 'Hot' });
		expect(ids(await poll(params, state))).toEqual([last[0].id]);
		expect(await poll(params, state)).toBeNull();
	}, 60_000);

	it('a lead less than a day ahead (a CRM clock or zone ahead of UTC) is an ordinary lead: no warning, it sets the watermark', async () => {
		const [lead] = sim.seedLeads(1, { view: 'Hot' });
		lead.createdDate = dateText(Date.now() + 14 * 60 * 60 * 1000);
		const state: IDataObject = {};
		await poll(params, state);
		expect(state.watermark).toBe(lead.createdDate);
		expect(warnings).toEqual([]);
	});

	it('a far-future lead is an ordinary one once now has reached it (its date within a day)', async () => {
		sim.seedLeads(1, { view: 'Hot' });
		const state: IDataObject = {};
		await poll(params, state);
		const [lead] = sim.seedLeads(1, { view: 'Hot' });
		lead.createdDate = dateText(Date.now() + 2 * DAY);
		expect(ids(await poll(params, state))).toEqual([lead.id]);
		expect(state.ahead).toEqual([`${lead.id}@${lead.createdDate}`]);
		// Two days later as the stored state sees it: the lead's date is within the tolerance now.
		state.ahead = [`${lead.id}@${dateText(Date.now() + DAY / 2)}`];
		lead.createdDate = dateText(Date.now() + DAY / 2);
		expect(await poll(params, state)).toBeNull();
		expect(state.ahead).toBeUndefined();
		expect(state.seen).toContain(`${lead.id}@${lead.createdDate}`);
	});

	it('remembers at most 500 far-future leads: the others are not emitted (and not emitted again and again), a warning says how many', async () => {
		sim.seedLeads(1, { view: 'Hot' });
		const state: IDataObject = {};
		await poll(params, state);
		const future = sim.seedLeads(520, { view: 'Hot' });
		for (const lead of future) lead.createdDate = '9999-12-31 00:00:00';
		expect(ids(await poll(params, state))).toHaveLength(500);
		expect(warnings.join('\n')).toContain(
			'PUBLITRAC Trigger: 20 more leads with a createdDate more than a day in the future are not emitted: the trigger remembers at most 500 of them',
		);
		expect(await poll(params, state)).toBeNull();
		expect((state.ahead as string[]).length).toBe(500);
	}, 30_000);
});

describe('publitracTrigger with a saved state it cannot use (issue 15 item 11)', () => {
	const params = { source: 'view', viewName: 'Hot', event: 'new', options: {} };
	const cases: Array<[string, (state: IDataObject) => void, RegExp]> = [
		[
			'the watermark as ISO text',
			(s) => (s.watermark = '2024-01-01T00:10:00.000Z'),
			/the watermark is a text of another form, not a date and time "yyyy-mm-dd hh:mm:ss"/,
		],
		[
			'the watermark as an object',
			(s) => (s.watermark = { at: '2024-01-01 00:10:00' }),
			/the watermark is an object/,
		],
		[
			'the watermark as the number 1e12',
			(s) => (s.watermark = 1e12),
			/the watermark is the number 1000000000000/,
		],
		[
			'the watermark as garbage text',
			(s) => (s.watermark = 'zzz'),
			/the watermark is a text of another form/,
		],
		[
			'the watermark far in the future (saved by the version before)',
			(s) => (s.watermark = '9999-12-31 00:00:00'),
			/the watermark 9999-12-31 00:00:00 is more than a day in the future/,
		],
		[
			'the watermark not a real date',
			(s) => (s.watermark = '2024-13-45 99:00:00'),
			/is not a real date and time/,
		],
		['no watermark', (s) => delete s.watermark, /it has no watermark/],
		['seen not a list', (s) => (s.seen = 'abc'), /seen is a text of another form, not a list/],
		['seen holding objects', (s) => (s.seen = [{ id: 1 }]), /seen holds an object/],
		[
			'seen far longer than its bound',
			(s) =>
				(s.seen = Array.from({ length: MAX_SEEN * 4 + 1 }, (_, i) => `${i}@2024-01-01 00:00:00`)),
			/seen holds 8001 entries/,
		],
		[
			'overflow not true or false',
			(s) => (s.overflow = 'yes'),
			/overflow is a text of another form, not true or false/,
		],
	];
	for (const [name, corrupt, reason] of cases) {
		it(`${name}: logs why, takes a new baseline (emits nothing, not the whole view again), then emits each new lead once`, async () => {
			sim.seedLeads(120, { view: 'Hot' });
			const state: IDataObject = {};
			await poll(params, state);
			corrupt(state);
			const before = sim.seedLeads(1, { view: 'Hot' });
			expect(await poll(params, state)).toBeNull();
			expect(warnings).toHaveLength(1);
			expect(warnings[0]).toMatch(/^PUBLITRAC Trigger: the saved poll state cannot be used \(/);
			expect(warnings[0]).toMatch(reason);
			expect(state.watermark).toBe(before[0].createdDate);
			const added = sim.seedLeads(2, { view: 'Hot' });
			expect(ids(await poll(params, state))).toEqual(added.map((l) => l.id));
			expect(await poll(params, state)).toBeNull();
			expect(warnings).toHaveLength(1);
		});
	}

	it('with "Emit Existing Leads on First Poll", an unusable state does not emit the existing leads again', async () => {
		const options = { emitExisting: true };
		sim.seedLeads(5, { view: 'Hot' });
		const state: IDataObject = {};
		expect(ids(await poll({ ...params, options }, state))).toHaveLength(5);
		state.watermark = { broken: true };
		expect(await poll({ ...params, options }, state)).toBeNull();
		const added = sim.seedLeads(1, { view: 'Hot' });
		expect(ids(await poll({ ...params, options }, state))).toEqual([added[0].id]);
	});

	it('an empty static data is a first poll, without a warning', async () => {
		sim.seedLeads(2, { view: 'Hot' });
		expect(await poll(params, {})).toBeNull();
		expect(warnings).toEqual([]);
	});
});

describe('publitracTrigger meeting a 429 within n8n 2.41 poll budget (issue 21)', () => {
	const params = { source: 'view', viewName: 'Hot', event: 'new', options: {} };

	it('waits the Retry-After of a 429 when the budget allows: another process used the second (35 calls), the poll succeeds', async () => {
		sim.seedLeads(2, { view: 'Hot' });
		const state: IDataObject = {};
		await poll(params, state, { pollBudgetMs: 10_000 });
		const added = sim.seedLeads(2, { view: 'Hot' });
		// doc "Limitation": 35 calls per second per account; another n8n (or script) made them just now.
		sim.state.calls[CREDS.apiKey] = Array.from({ length: 35 }, () => Date.now());
		const from = apiCalls(sim).length;
		expect(ids(await poll(params, state, { pollBudgetMs: 10_000 }))).toEqual(
			added.map((l) => l.id),
		);
		const calls = apiCalls(sim).slice(from);
		expect(calls.map((c) => c.status)).toEqual([429, 200]);
		// Sent again once the second asked for (Retry-After: 1) had passed, not before.
		expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(990);
		expect(sim.state.rateViolations).toBe(1);
	});

	it('fails the poll clearly when the Retry-After does not fit in the budget, and the next poll emits what it did not (nothing lost)', async () => {
		sim.seedLeads(2, { view: 'Hot' });
		const state: IDataObject = {};
		await poll(params, state, { pollBudgetMs: 10_000 });
		const saved = JSON.parse(JSON.stringify(state));
		const added = sim.seedLeads(2, { view: 'Hot' });
		sim.addFault({ kind: 'status', status: 429, retryAfter: 5, path: '/api', times: 1 });
		const started = Date.now();
		const failure = await poll(params, state, { pollBudgetMs: 3000 }).then(
			() => undefined,
			(error: { message: string; description?: string }) => error,
		);
		expect(failure?.message).toMatch(/^PUBLITRAC: HTTP 429/);
		expect(failure?.description).toBe(
			"PUBLITRAC kept refusing calls (too many calls on this account, by another process too) longer than n8n's time budget for this poll allows. Nothing is lost: the next poll reads what this one did not.",
		);
		// No wait of 5 s in a 3 s budget: failed at once (below 4.5 s even on a busy machine, where
		// a waiting poll would take 5 s and more), one call sent, the state untouched.
		expect(Date.now() - started).toBeLessThan(4500);
		expect(apiCalls(sim).filter((c) => c.status === 429)).toHaveLength(1);
		expect(state).toEqual(saved);
		expect(ids(await poll(params, state, { pollBudgetMs: 10_000 }))).toEqual(
			added.map((l) => l.id),
		);
	});

	it('without a budget (n8n 1.x) the transport retries a 429 after its Retry-After, as for any call', async () => {
		sim.seedLeads(1, { view: 'Hot' });
		const state: IDataObject = {};
		await poll(params, state);
		const added = sim.seedLeads(1, { view: 'Hot' });
		sim.addFault({ kind: 'status', status: 429, retryAfter: 1, path: '/api', times: 1 });
		expect(ids(await poll(params, state))).toEqual([added[0].id]);
	});
});
