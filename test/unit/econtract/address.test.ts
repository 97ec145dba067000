import { CRM_API_ID, CRM_API_KEY, address, client, noRetry, run, useSimulator } from './setup';

const sim = useSimulator();

const seedClient = () =>
	run(sim(), {
		resource: 'client',
		operation: 'create',
		...client,
		additionalFields: {},
		requestOptions: noRetry,
	});
const create = (
	top: Record<string, unknown> = {},
	additionalFields: Record<string, unknown> = {},
) => ({
	resource: 'address',
	operation: 'create',
	client_id: 101,
	...address,
	box: '',
	...top,
	additionalFields,
	requestOptions: noRetry,
});

describe('Econtract address:create', () => {
	it('posts the documented fields, box sent empty, and outputs the address', async () => {
		await seedClient();
		const { output, error } = await run(sim(), create({}, { floor: '4', building_type: 3 }));
		expect(error).toBeUndefined();
		const sent = sim().log[1];
		expect([sent.method, sent.path]).toEqual(['POST', '/api/addresses']);
		expect(sent.body).toEqual({
			client_id: '101',
			street: 'Street 02',
			nr: '10',
			box: '',
			postal_code: '3500',
			city: 'Hasselt',
			country: 'BE',
			floor: '4',
			building_type: '3',
			crm_api_id: CRM_API_ID,
			crm_api_key: CRM_API_KEY,
		});
		expect(output[0].json).toMatchObject({ id: 201, client_id: 101, street: 'Street 02' });
	});

	it('does not duplicate an address sent twice', async () => {
		await seedClient();
		await run(sim(), create());
		const { output } = await run(sim(), create());
		expect(output[0].json.id).toBe(201);
		expect(sim().state.addresses).toHaveLength(1);
	});

	it.each(['street', 'nr', 'postal_code', 'city', 'country'])(
		'refuses an empty %s before sending',
		async (field) => {
			const { error } = await run(sim(), create({ [field]: '' }));
			expect(error?.message).toBe(`${field}: is required and is empty`);
			expect(sim().log).toHaveLength(0);
		},
	);
});

describe('Econtract address:get', () => {
	it('gets the address by id', async () => {
		await seedClient();
		await run(sim(), create());
		const { output } = await run(sim(), {
			resource: 'address',
			operation: 'get',
			id: 201,
			requestOptions: noRetry,
		});
		expect([sim().log[2].method, sim().log[2].path]).toEqual(['GET', '/api/addresses/201']);
		expect(output[0].json).toMatchObject({ id: 201, city: 'Hasselt' });
	});
});

describe('Econtract address:update', () => {
	it('posts the changed fields to /api/addresses/{id}', async () => {
		await seedClient();
		await run(sim(), create());
		const { output } = await run(sim(), {
			resource: 'address',
			operation: 'update',
			id: 201,
			additionalFields: { box: 'B2' },
			requestOptions: noRetry,
		});
		expect(sim().log[2].path).toBe('/api/addresses/201');
		expect(sim().log[2].body).toEqual({
			box: 'B2',
			crm_api_id: CRM_API_ID,
			crm_api_key: CRM_API_KEY,
		});
		expect(output[0].json).toMatchObject({ id: 201, box: 'B2' });
	});
});
