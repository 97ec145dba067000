// "Simplify" on the PUBLITRAC node and trigger, over real HTTP to the simulator: the leads
// of getLead / getView / the trigger in the common lead shape (at most ten fields, no copy of
// the lead), and the output without Simplify exactly as before.
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { PublitracApi } from '../../../credentials/PublitracApi.credentials';
import { PublitracTrigger } from '../../../nodes/Publitrac/PublitracTrigger.node';
import { resetRateLimiters } from '../../../nodes/shared/rateLimiter';
import { createTriggerContext } from '../../helpers/context';
import { apiCalls, credentialsFor, run, startSim } from './setup';
import type { PublitracSim } from './setup';
import type { SimRecord } from '../../helpers/sims';

let sim: PublitracSim;
beforeAll(async () => {
	sim = await startSim();
});
afterAll(async () => sim.stop());
beforeEach(() => {
	sim.reset();
	resetRateLimiters();
});

/** Gives a seeded lead the address, phones and source of the doc's "Get lead" example. */
function complete(lead: SimRecord, more: Record<string, string> = {}) {
	Object.assign(lead, {
		phone: '514-555-2149',
		mobile: '514-555-0000',
		mailingAddress: '123 Street',
		postalCode: 'J4W 1Z1',
		city: 'Montréal',
		state: 'Quebec',
		country: 'Canada',
		originalSource: 'Google',
		originalSourceType: 'Organic Search',
		crmLeadId: '5564344',
		...more,
	});
	lead.custom.carColor = 'Red';
	return lead;
}

/** The common lead the simulator's lead gives. */
const expected = (lead: SimRecord) => ({
	id: lead.id,
	firstName: lead.firstName,
	lastName: lead.lastName,
	email: lead.email,
	phone: '514-555-2149',
	mobile: '514-555-0000',
	company: 'ACME',
	postalCode: 'J4W 1Z1',
	city: 'Montréal',
	country: 'Canada',
});

describe('PUBLITRAC lead:get with Simplify', () => {
	it('outputs the lead in the common shape, paired; off, the output is unchanged', async () => {
		const [seeded] = sim.seedLeads(1);
		complete(seeded);
		const params = { resource: 'lead', operation: 'get', email: seeded.email };

		const before = await run(sim, params);
		const off = await run(sim, { ...params, simplify: false });
		const on = await run(sim, { ...params, simplify: true });
		expect([before.error, off.error, on.error]).toEqual([undefined, undefined, undefined]);

		// Without Simplify: the raw lead as before (strings as the API gives them, custom fields kept).
		expect(off.output).toEqual(before.output);
		expect(off.output).toHaveLength(1);
		expect(off.output[0].json).toMatchObject({
			id: seeded.id,
			email: seeded.email,
			mailingAddress: '123 Street',
			originalSourceType: 'Organic Search',
			doNotCall: '0',
			carColor: 'Red',
		});
		expect(off.output[0].json).not.toHaveProperty('crm');

		expect(on.output).toEqual([{ json: expected(seeded), pairedItem: { item: 0 } }]);
		expect(Object.keys(on.output[0].json)).toEqual([
			'id',
			'firstName',
			'lastName',
			'email',
			'phone',
			'mobile',
			'company',
			'postalCode',
			'city',
			'country',
		]);
		// The same call was sent: Simplify changes only the output.
		expect(apiCalls(sim).map((c) => [c.query.method, c.query.email])).toEqual([
			['getLead', seeded.email],
			['getLead', seeded.email],
			['getLead', seeded.email],
		]);
	});
});

describe('PUBLITRAC view:getLeads with Simplify', () => {
	it('simplifies every lead of every page, each paired with the input item that asked', async () => {
		sim.state.views.Hot = { leadIds: [] };
		sim.state.views.Cold = { leadIds: [] };
		const hot = sim.seedLeads(101, { view: 'Hot' }).map((l) => complete(l));
		const [cold] = sim
			.seedLeads(1, { view: 'Cold' })
			.map((l) => complete(l, { originalSource: '' }));
		const params = (viewName: string, simplify: boolean) => ({
			resource: 'view',
			operation: 'getLeads',
			viewName,
			returnAll: true,
			simplify,
		});
		const byItem = (simplify: boolean) => (i: number) => params(i === 0 ? 'Hot' : 'Cold', simplify);

		const off = await run(sim, byItem(false), { items: [{}, {}] });
		const on = await run(sim, byItem(true), { items: [{}, {}] });
		expect(off.error).toBeUndefined();
		expect(on.error).toBeUndefined();
		expect(off.output.map((o) => [o.json.id, o.pairedItem])).toEqual([
			...hot.map((l) => [l.id, { item: 0 }]),
			[cold.id, { item: 1 }],
		]);
		expect(on.output).toEqual([
			...hot.map((l) => ({ json: expected(l), pairedItem: { item: 0 } })),
			{ json: expected(cold), pairedItem: { item: 1 } },
		]);
	});
});

describe('publitracTrigger with Simplify', () => {
	const trigger = new PublitracTrigger();
	const poll = (
		parameters: IDataObject,
		staticData: IDataObject,
		mode: 'trigger' | 'manual' = 'trigger',
	) =>
		trigger.poll!.call(
			createTriggerContext({
				parameters,
				staticData,
				mode,
				credentials: credentialsFor(sim),
				credentialTypes: { publitracApi: new PublitracApi() },
			}) as unknown as IPollFunctions,
		);
	const params = (simplify: boolean) => ({
		source: 'list',
		listName: 'Imported2012',
		event: 'new',
		options: {},
		simplify,
	});

	it('emits new leads in the common shape; without Simplify the lead, as before', async () => {
		sim.seedLeads(2, { list: 'Imported2012' });
		const plain: IDataObject = {};
		const simple: IDataObject = {};
		expect(await poll(params(false), plain)).toBeNull();
		expect(await poll(params(true), simple)).toBeNull();
		const [added] = sim.seedLeads(1, { list: 'Imported2012' }).map((l) => complete(l));

		const raw = await poll(params(false), plain);
		expect(raw![0]).toHaveLength(1);
		expect(raw![0][0].json).toMatchObject({
			id: added.id,
			email: added.email,
			createdDate: added.createdDate,
		});
		expect(raw![0][0].json).not.toHaveProperty('crm');
		const simplified = await poll(params(true), simple);
		expect(simplified).toEqual([[{ json: expected(added) }]]);
		// The state is the same with or without Simplify: it tracks the raw leads.
		expect(simple).toEqual(plain);
	});

	it('simplifies the sample of "Fetch Test Event" too', async () => {
		const [only] = sim.seedLeads(1, { list: 'Imported2012' }).map((l) => complete(l));
		const raw = await poll(params(false), {}, 'manual');
		const simplified = await poll(params(true), {}, 'manual');
		expect(raw![0][0].json).toMatchObject({ id: only.id });
		expect(simplified).toEqual([[{ json: expected(only) }]]);
	});
});
