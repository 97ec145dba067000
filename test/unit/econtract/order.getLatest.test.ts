import { CRM_API_ID, CRM_API_KEY, address, client, noRetry, run, useSimulator } from './setup';

const sim = useSimulator();
const credentials = { crm_api_id: CRM_API_ID, crm_api_key: CRM_API_KEY };
const GAS = {
	ean: '541448820099999999',
	mru_nr: '654321',
	situation: 3,
	donor: '8',
	donor_client_nr: '112233',
};

const seedOrder = (comparison_id: number, language = 'nl', affiliate_id = 50) =>
	run(sim(), {
		resource: 'order',
		operation: 'create',
		product_type: 'gas',
		comparison_id,
		affiliate_id,
		sales_channel_id: 1,
		ip_address: '10.0.0.1',
		supplier_id: 5,
		product_id: 12,
		payment_method: 1,
		...GAS,
		client: { ...client, email: `c${comparison_id}@x.be`, language },
		address,
		invoice_address: {},
		additionalFields: {},
		requestOptions: noRetry,
	});

describe('Econtract order:getLatest', () => {
	it('the simulator refuses an age below 1 (days, at least 1) with a 422', async () => {
		const answer = await fetch(`${sim().url}/api/latest`, {
			method: 'POST',
			body: new URLSearchParams({ age: '0', limit: '5', ...credentials }),
		});
		expect(answer.status).toBe(422);
		expect(await answer.json()).toMatchObject({ errors: { age: ['The age must be at least 1.'] } });
	});

	it('POSTs /api/latest (the doc) with filters and limit, one item per order, newest first', async () => {
		await seedOrder(1);
		await seedOrder(2, 'fr');
		await seedOrder(3);
		sim().log.length = 0;
		const { output, error } = await run(sim(), {
			resource: 'order',
			operation: 'getLatest',
			endpoint: 'latest',
			limit: 5,
			filters: { client_language: 'nl', product_type: 'gas' },
			requestOptions: noRetry,
		});
		expect(error).toBeUndefined();
		const sent = sim().log[0];
		expect([sent.method, sent.path]).toEqual(['POST', '/api/latest']);
		expect(sent.body).toEqual({
			client_language: 'nl',
			product_type: 'gas',
			limit: '5',
			...credentials,
		});
		expect(output.map((i) => i.json.comparison_id)).toEqual(['3', '1']);
	});

	it('GETs /api/orders/latest (the vendor client) with affiliate_id in the query', async () => {
		await seedOrder(1, 'nl', 50);
		await seedOrder(2, 'nl', 60);
		sim().log.length = 0;
		const { output } = await run(sim(), {
			resource: 'order',
			operation: 'getLatest',
			endpoint: 'ordersLatest',
			limit: 1,
			filters: { affiliate_id: 60, address_zipcode: 3500 },
			requestOptions: noRetry,
		});
		const sent = sim().log[0];
		expect([sent.method, sent.path]).toEqual(['GET', '/api/orders/latest']);
		expect(sent.query).toEqual({
			affiliate_id: '60',
			address_zipcode: '3500',
			limit: '1',
			...credentials,
		});
		expect(output.map((i) => i.json.comparison_id)).toEqual(['2']);
	});

	it.each([0, 101])('refuses limit %s before sending', async (limit) => {
		const { error } = await run(sim(), {
			resource: 'order',
			operation: 'getLatest',
			endpoint: 'latest',
			limit,
			filters: {},
			requestOptions: noRetry,
		});
		expect(error?.message).toBe(
			`limit: "${limit}" is out of range. Expected a whole number from 1 to 100`,
		);
		expect(sim().log).toHaveLength(0);
	});
});
