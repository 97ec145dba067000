// "Simplify" on the Econtract node and trigger, over real HTTP to the simulator: clients,
// leads and the client of an order in the common lead shape (at most ten fields, no copy of
// the record), and the output without Simplify exactly as before.
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { EcontractApi } from '../../../credentials/EcontractApi.credentials';
import { EcontractTrigger } from '../../../nodes/Econtract/EcontractTrigger.node';
import { createTriggerContext } from '../../helpers/context';
import { CRM_API_ID, CRM_API_KEY, address, client, noRetry, run, useSimulator } from './setup';

const sim = useSimulator();

const createClient = async (top: IDataObject = {}, additionalFields: IDataObject = {}) => {
	const { output, error } = await run(sim(), {
		resource: 'client',
		operation: 'create',
		...client,
		...top,
		additionalFields,
		requestOptions: noRetry,
	});
	if (error) throw error;
	return output[0].json;
};

const GAS = {
	ean: '541448820099999999',
	mru_nr: '654321',
	situation: 3,
	donor: '8',
	donor_client_nr: '112233',
};
const order = (comparison_id: number, more: IDataObject = {}) => ({
	resource: 'order',
	operation: 'create',
	product_type: 'gas',
	comparison_id,
	affiliate_id: 50,
	sales_channel_id: 1,
	ip_address: '10.0.0.1',
	supplier_id: 5,
	product_id: 12,
	payment_method: 1,
	...GAS,
	client: { ...client, email: `c${comparison_id}@x.be`, landline: '011223344' },
	address: { ...address, box: 'B' },
	invoice_address: {},
	additionalFields: {},
	requestOptions: noRetry,
	...more,
});

const blank = {
	id: '',
	firstName: '',
	lastName: '',
	email: '',
	phone: '',
	mobile: '',
	company: '',
	postalCode: '',
	city: '',
	country: '',
};

describe('Econtract client:get and client:search with Simplify', () => {
	it('outputs the client in the common shape, paired; off, the output is unchanged', async () => {
		const created = await createClient({ landline: '011223344' }, { company: 'Doe & Zonen' });
		const params = {
			resource: 'client',
			operation: 'get',
			id: created.id,
			requestOptions: noRetry,
		};
		const before = await run(sim(), params);
		const off = await run(sim(), { ...params, simplify: false });
		const on = await run(sim(), { ...params, simplify: true });
		expect([before.error, off.error, on.error]).toEqual([undefined, undefined, undefined]);

		expect(off.output).toEqual(before.output);
		expect(off.output).toEqual([{ json: created, pairedItem: { item: 0 } }]);
		expect(on.output).toEqual([
			{
				json: {
					...blank,
					id: '101',
					firstName: 'John',
					lastName: 'Doe',
					email: 'john.doe@server.com',
					phone: '011223344',
					mobile: '0499656565',
					company: 'Doe & Zonen',
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(
			sim()
				.log.slice(-3)
				.map((r) => `${r.method} ${r.path}`),
		).toEqual(Array(3).fill('GET /api/clients/101'));
	});

	it('simplifies each client found, paired with the input item that searched', async () => {
		const john = await createClient();
		const jane = await createClient({
			first_name: 'Jane',
			last_name: 'Doe',
			email: 'jane@x.be',
			cellphone: '',
			landline: '012345678',
		});
		const on = await run(
			sim(),
			(i: number) => ({
				resource: 'client',
				operation: 'search',
				query: i === 0 ? 'doe' : 'jane',
				requestOptions: noRetry,
				simplify: true,
			}),
			{
				items: [{}, {}],
			},
		);
		expect(on.error).toBeUndefined();
		const person = (c: IDataObject) => ({
			...blank,
			id: String(c.id),
			firstName: String(c.first_name),
			lastName: 'Doe',
			email: String(c.email),
			phone: String(c.landline ?? ''),
			mobile: String(c.cellphone ?? ''),
		});
		expect(on.output).toEqual([
			{ json: person(john), pairedItem: { item: 0 } },
			{ json: person(jane), pairedItem: { item: 0 } },
			{ json: person(jane), pairedItem: { item: 1 } },
		]);
	});
});

describe('Econtract lead:create with Simplify', () => {
	it('outputs the created lead: address_* fields', async () => {
		const { output, error } = await run(sim(), {
			resource: 'lead',
			operation: 'create',
			lead_type: 'third_party',
			gender: 1,
			segment: 1,
			first_name: 'John',
			last_name: 'Doe',
			email: 'john.doe@server.com',
			language: 'nl',
			additionalFields: { cellphone: '0499656565', cellphone_country: 'BE', affiliate_id: 6 },
			address: {
				street: 'SomeStreet',
				nr: '10',
				postal_code: '1234',
				city: 'SomeCity',
				country: 'BE',
			},
			requestOptions: noRetry,
			simplify: true,
		});
		expect(error).toBeUndefined();
		expect(sim().state.leads[0].id).toBe(501);
		expect(output).toEqual([
			{
				json: {
					...blank,
					id: '501',
					firstName: 'John',
					lastName: 'Doe',
					email: 'john.doe@server.com',
					mobile: '0499656565',
					postalCode: '1234',
					city: 'SomeCity',
					country: 'BE',
				},
				pairedItem: { item: 0 },
			},
		]);
	});
});

/** The common lead of the client of order(comparison_id). */
const orderLead = (order: IDataObject) => ({
	id: String((order.client as IDataObject).id),
	firstName: 'John',
	lastName: 'Doe',
	email: `c${order.comparison_id}@x.be`,
	phone: '011223344',
	mobile: '0499656565',
	company: '',
	postalCode: '3500',
	city: 'Hasselt',
	country: 'BE',
});

describe('Econtract order:getLatest with Simplify', () => {
	it("turns each order into its client's lead (id: the client id); off, the orders as before", async () => {
		await run(sim(), order(1));
		await run(sim(), order(2));
		const params = {
			resource: 'order',
			operation: 'getLatest',
			endpoint: 'latest',
			limit: 10,
			filters: {},
			requestOptions: noRetry,
		};
		const off = await run(sim(), params);
		const on = await run(sim(), { ...params, simplify: true });
		expect(
			off.output.map((o) => [o.json.comparison_id, (o.json.client as IDataObject).id]),
		).toEqual([
			['2', 102],
			['1', 101],
		]);
		expect(on.output).toEqual(
			off.output.map((o) => ({ json: orderLead(o.json), pairedItem: { item: 0 } })),
		);
	});
});

describe('econtractTrigger with Simplify', () => {
	const trigger = new EcontractTrigger();
	const poll = (
		staticData: IDataObject,
		simplify: boolean,
		mode: 'trigger' | 'manual' = 'trigger',
	) =>
		trigger.poll.call(
			createTriggerContext({
				parameters: { filters: {}, simplify },
				credentials: {
					econtractApi: { baseUrl: sim().url, crmApiId: CRM_API_ID, crmApiKey: CRM_API_KEY },
				},
				credentialTypes: { econtractApi: new EcontractApi() },
				staticData,
				mode,
			}) as unknown as IPollFunctions,
		);

	it("emits each new order as its client's lead; the state is the same as without Simplify", async () => {
		await run(sim(), order(1));
		const plain: IDataObject = {};
		const simple: IDataObject = {};
		expect(await poll(plain, false)).toBeNull();
		expect(await poll(simple, true)).toBeNull();
		await run(sim(), order(2));
		await run(sim(), order(3));
		const raw = await poll(plain, false);
		expect(raw![0].map((i) => i.json.comparison_id)).toEqual(['2', '3']);
		expect(raw![0][0].json).not.toHaveProperty('crm');
		const simplified = await poll(simple, true);
		expect(simplified).toEqual([raw![0].map((i) => ({ json: orderLead(i.json) }))]);
		expect(simple).toEqual(plain);

		const sample = await poll({}, true, 'manual');
		expect(sample).toEqual([[{ json: orderLead(raw![0][1].json) }]]);
	});
});
