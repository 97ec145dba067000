import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { EcontractApi } from '../../../credentials/EcontractApi.credentials';
import { EcontractTrigger } from '../../../nodes/Econtract/EcontractTrigger.node';
import { createTriggerContext } from '../../helpers/context';
import { CRM_API_ID, CRM_API_KEY, address, client, noRetry, run, useSimulator } from './setup';
import type { SimRecord } from '../../helpers/sims';

const sim = useSimulator();
const trigger = new EcontractTrigger();
const GAS = {
	ean: '541448820099999999',
	mru_nr: '654321',
	situation: 3,
	donor: '8',
	donor_client_nr: '112233',
};

const seedOrder = (comparison_id: number, product_type = 'gas') =>
	run(sim(), {
		resource: 'order',
		operation: 'create',
		product_type,
		comparison_id,
		affiliate_id: 50,
		sales_channel_id: 1,
		ip_address: '10.0.0.1',
		supplier_id: 5,
		product_id: 12,
		payment_method: 1,
		...GAS,
		client: { ...client, email: `c${comparison_id}@x.be` },
		address,
		invoice_address: {},
		additionalFields: {},
		requestOptions: noRetry,
	});

const warnings: string[] = [];
const logger = {
	debug: () => {},
	info: () => {},
	warn: (m: string) => warnings.push(m),
	error: () => {},
};

const poll = async (
	staticData: IDataObject,
	more: {
		mode?: 'manual' | 'trigger';
		pollBudgetMs?: number;
		filters?: IDataObject;
		key?: string;
	} = {},
) => {
	const context = createTriggerContext({
		parameters: { filters: more.filters ?? {} },
		credentials: {
			econtractApi: {
				baseUrl: sim().url,
				crmApiId: CRM_API_ID,
				crmApiKey: more.key ?? CRM_API_KEY,
			},
		},
		credentialTypes: { econtractApi: new EcontractApi() },
		staticData,
		mode: more.mode,
		pollBudgetMs: more.pollBudgetMs,
		logger,
	});
	return await trigger.poll.call(context as unknown as IPollFunctions);
};

const ids = (result: Awaited<ReturnType<typeof poll>>) =>
	result ? result[0].map((i) => i.json.comparison_id) : null;

describe('Econtract trigger: new orders', () => {
	it('refuses the Age filter as it comes (0) before any call, naming the field', async () => {
		await expect(poll({}, { filters: { age: 0 } })).rejects.toThrow(
			'Age (age): "0" is out of range. Expected a whole number of days, 1 or more',
		);
		expect(sim().log).toHaveLength(0);
	});

	it('sets a baseline on the first poll, then emits each new order once, oldest first', async () => {
		const staticData: IDataObject = {};
		await seedOrder(1);
		expect(await poll(staticData)).toBeNull();
		const sent = sim().log[sim().log.length - 1];
		expect([sent.method, sent.path]).toEqual(['POST', '/api/latest']);
		expect(sent.body).toEqual({ limit: '100', crm_api_id: CRM_API_ID, crm_api_key: CRM_API_KEY });

		await seedOrder(2);
		await seedOrder(3);
		expect(ids(await poll(staticData))).toEqual(['2', '3']);
		expect(await poll(staticData)).toBeNull();
		await seedOrder(4);
		expect(ids(await poll(staticData))).toEqual(['4']);
	});

	it('does not emit an order again when the CRM updates it', async () => {
		const staticData: IDataObject = {};
		expect(await poll(staticData)).toBeNull();
		await seedOrder(7);
		expect(ids(await poll(staticData))).toEqual(['7']);
		await seedOrder(7);
		expect(await poll(staticData)).toBeNull();
	});

	it('keeps its seen ids bounded, taking over the state of the older trigger', async () => {
		// As the trigger saved it before the shared poll state: newest created_at and 600 bare ids.
		const staticData: IDataObject = {
			watermark: '2000-01-01 00:00:00',
			seen: Array.from({ length: 600 }, (_, i) => i + 10_000),
		};
		await seedOrder(1);
		expect(ids(await poll(staticData))).toEqual(['1']);
		// At most 500 kept (nodes/shared/pollState.ts): the oldest make way under the watermark.
		expect((staticData.seen as unknown[]).length).toBeLessThanOrEqual(500);
		expect(staticData.seen).toContain('401@2026-01-05 09:00:03');
		expect(await poll(staticData)).toBeNull();
	});

	it('warns when all of the 100 latest orders are new (older new ones may be out of reach), not before', async () => {
		const seed = (n: number) =>
			(sim() as unknown as { seedOrders(n: number): unknown[] }).seedOrders(n);
		const staticData: IDataObject = {};
		seed(3);
		await poll(staticData);
		seed(99);
		warnings.length = 0;
		expect(ids(await poll(staticData))).toHaveLength(99);
		expect(warnings).toEqual([]);
		seed(100);
		expect(ids(await poll(staticData))).toHaveLength(100);
		expect(warnings).toEqual([
			'Econtract Trigger: 100 new orders since the last poll, the most the API returns; poll more often if orders arrive faster',
		]);
	});

	it('sends the filters of the doc', async () => {
		await poll({}, { filters: { product_type: 'gas', client_language: 'fr', age: 2 } });
		expect(sim().log[0].body).toMatchObject({
			product_type: 'gas',
			client_language: 'fr',
			age: '2',
			limit: '100',
		});
	});

	it('returns the newest order as a sample in manual mode, without touching its state', async () => {
		await seedOrder(1);
		await seedOrder(2);
		const staticData: IDataObject = {};
		expect(ids(await poll(staticData, { mode: 'manual' }))).toEqual(['2']);
		expect(staticData).toEqual({});
	});

	it('makes no call when the poll budget is spent', async () => {
		expect(await poll({}, { pollBudgetMs: 10 })).toBeNull();
		expect(sim().log).toHaveLength(0);
		await poll({}, { pollBudgetMs: 20_000 });
		expect(sim().log).toHaveLength(1);
	});

	it('fails with the clear 401 message on a wrong key, without the key', async () => {
		await expect(poll({}, { key: 'wrong-key-xyz' })).rejects.toThrow(
			'Econtract rejected the CRM ID or API key (HTTP 401)',
		);
	});
});

describe('Econtract trigger: an order dated far in the future, a saved state it cannot use (issue 15 items 7 and 11)', () => {
	type Order = SimRecord;
	const seed = (n: number) =>
		(sim() as unknown as { seedOrders(n: number): Order[] }).seedOrders(n);

	it('an order created_at 2999 in the baseline does not silence the trigger: later orders are emitted, a warning names the order by ID only', async () => {
		const [, future] = seed(3);
		future.created_at = '2999-01-01 00:00:00';
		const staticData: IDataObject = {};
		warnings.length = 0;
		expect(await poll(staticData)).toBeNull();
		expect(warnings).toEqual([
			`Econtract Trigger: created_at more than a day in the future on order ID ${future.id} (2999-01-01 00:00:00): taken into the baseline, remembered by ID, and not used as the point later polls start from`,
		]);
		expect(String(staticData.watermark) < '2999').toBe(true);
		const added = seed(2);
		expect(ids(await poll(staticData))).toEqual(added.map((o) => o.comparison_id));
		expect(await poll(staticData)).toBeNull();
		expect(warnings).toHaveLength(1);
	});

	it('a new order created_at 2999 is emitted once and does not hide the orders after it', async () => {
		seed(2);
		const staticData: IDataObject = {};
		await poll(staticData);
		const [future] = seed(1);
		future.created_at = '2999-01-01 00:00:00';
		warnings.length = 0;
		expect(ids(await poll(staticData))).toEqual([future.comparison_id]);
		expect(warnings[0]).toContain(`order ID ${future.id} (2999-01-01 00:00:00): emitted once`);
		const added = seed(1);
		expect(ids(await poll(staticData))).toEqual([added[0].comparison_id]);
		expect(await poll(staticData)).toBeNull();
	});

	const cases: Array<[string, unknown, RegExp]> = [
		['ISO text', '2026-01-05T09:00:10.000Z', /the watermark is a text of another form/],
		['an object', { at: '2026-01-05 09:00:10' }, /the watermark is an object/],
		['the number 1e12', 1e12, /the watermark is the number 1000000000000/],
		['garbage text', '~~~', /the watermark is a text of another form/],
		[
			'a date far in the future',
			'2999-01-01 00:00:00',
			/the watermark 2999-01-01 00:00:00 is more than a day in the future/,
		],
	];
	for (const [name, watermark, reason] of cases) {
		it(`the watermark as ${name}: logs why, takes a new baseline (emits nothing), then emits each new order once`, async () => {
			seed(5);
			const staticData: IDataObject = {};
			await poll(staticData);
			staticData.watermark = watermark as never;
			seed(1);
			warnings.length = 0;
			expect(await poll(staticData)).toBeNull();
			expect(warnings).toHaveLength(1);
			expect(warnings[0]).toMatch(/^Econtract Trigger: the saved poll state cannot be used \(/);
			expect(warnings[0]).toMatch(reason);
			const added = seed(2);
			expect(ids(await poll(staticData))).toEqual(added.map((o) => o.comparison_id));
			expect(await poll(staticData)).toBeNull();
		});
	}
});
