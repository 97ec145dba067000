// publitracTrigger's poll() over real HTTP to the simulator, with the same static data across
// polls as n8n keeps it: baseline, new, updated, restart with saved state, bounded state.
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { PublitracApi } from '../../../credentials/PublitracApi.credentials';
import { MAX_SEEN, PublitracTrigger } from '../../../nodes/Publitrac/PublitracTrigger.node';
import { resetRateLimiters } from '../../../nodes/shared/rateLimiter';
import { createTriggerContext } from '../../helpers/context';
import { apiCalls, credentialsFor, startSim } from './setup';
import type { PublitracSim } from './setup';

let sim: PublitracSim;
beforeAll(async () => {
	sim = await startSim();
});
afterAll(async () => sim.stop());
beforeEach(() => {
	sim.reset();
	resetRateLimiters();
});

const trigger = new PublitracTrigger();

function poll(parameters: IDataObject, staticData: IDataObject, more: { mode?: 'trigger' | 'manual'; pollBudgetMs?: number } = {}) {
	const context = createTriggerContext({
		parameters,
		staticData,
		credentials: credentialsFor(sim),
		credentialTypes: { publitracApi: new PublitracApi() },
		...more,
	});
	return trigger.poll!.call(context as unknown as IPollFunctions);
}

const ids = (result: Awaited<ReturnType<typeof poll>>) => (result ? result[0].map((i) => i.json.id) : []);
const touch = (lead: Record<string, any>, at: string) => (lead.lastUpdated = at);

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
		expect(ids(await new PublitracTrigger().poll!.call(createTriggerContext({ parameters: params, staticData: copy, credentials: credentialsFor(sim), credentialTypes: { publitracApi: new PublitracApi() } }) as unknown as IPollFunctions))).toEqual([added[0].id]);
	});

	it('emits the existing leads once on the first poll with "Emit Existing Leads on First Poll"', async () => {
		const seeded = sim.seedLeads(3, { view: 'Hot' });
		const state: IDataObject = {};
		expect(ids(await poll({ ...params, options: { emitExisting: true } }, state))).toEqual(seeded.map((l) => l.id));
		expect(await poll({ ...params, options: { emitExisting: true } }, state)).toBeNull();
	});

	it('with "Emit Existing Leads on First Poll" and a first poll cut by the budget, the next polls emit the rest, each lead once', async () => {
		const seeded = sim.seedLeads(250, { view: 'Hot' });
		const state: IDataObject = {};
		const first = ids(await poll({ ...params, options: { emitExisting: true } }, state, { pollBudgetMs: 1 }));
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
		for (const lead of sim.state.leads) lead.createdDate = '2030-01-01 00:00:00';
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
		await expect(poll({ ...params, viewName: 'Nope' }, {})).rejects.toThrow('9010 ERROR_VIEW_DOES_NOT_EXISTS');
	});
});

describe('publitracTrigger on a list (getList), new or updated leads', () => {
	const params = { source: 'list', listName: 'Imported2012', event: 'newOrUpdated', options: {} };

	it('emits new and updated leads by lastUpdated, each change once', async () => {
		const [a, b] = sim.seedLeads(3, { list: 'Imported2012' });
		const state: IDataObject = {};
		expect(await poll(params, state)).toBeNull();
		expect(apiCalls(sim)[0].query).toMatchObject({ method: 'getList', listName: 'Imported2012' });
		touch(b, '2030-01-01 00:00:00');
		const added = sim.seedLeads(1, { list: 'Imported2012' });
		touch(added[0], '2030-01-01 00:00:01');
		expect(ids(await poll(params, state))).toEqual([b.id, added[0].id]);
		expect(await poll(params, state)).toBeNull();
		touch(a, '2030-01-01 00:00:01');
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
