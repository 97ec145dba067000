import { NodeHelpers } from 'n8n-workflow';
import type { INodeParameters } from 'n8n-workflow';
import { description } from '../../../nodes/Econtract/actions/order/create.operation';
import {
	CRM_API_ID,
	CRM_API_KEY,
	GAS,
	address,
	client,
	node,
	order,
	run,
	useSimulator,
} from './setup';

const sim = useSimulator();

const ELECTRICITY = {
	ean: '541448820056789012',
	mru_type: 2,
	mru_nr: '123456',
	connection_type: 1,
	usage_day: 2500,
	usage_night: 1500,
	usage_excl: 0,
	has_budget_meter: false,
	has_solar_panels: true,
	situation: 3,
	donor: '7',
	donor_client_nr: '998877',
};
const DUALFUEL = {
	elec_ean: '541448820056789012',
	elec_mru_type: 2,
	elec_mru_nr: '123456',
	elec_connection_type: 1,
	elec_has_budget_meter: true,
	elec_has_solar_panels: false,
	elec_situation: 3,
	elec_donor: '7',
	elec_donor_client_nr: '998877',
	gas_ean: '541448820099999999',
	gas_mru_nr: '654321',
	gas_situation: 3,
	gas_donor: '8',
	gas_donor_client_nr: '112233',
};

const credentials = { crm_api_id: CRM_API_ID, crm_api_key: CRM_API_KEY };
const orderWire = {
	product_type: '',
	producttype: '',
	comparison_id: '45688954',
	affiliate_id: '50',
	sales_channel_id: '1',
	ip_address: '192.168.1.1',
	supplier_id: '5',
	product_id: '12',
	payment_method: '1',
};
const clientWire = {
	client_gender: '1',
	client_segment: '1',
	client_first_name: 'John',
	client_last_name: 'Doe',
	client_email: 'john.doe@server.com',
	client_language: 'nl',
	client_cellphone: '0499656565',
	client_landline: '',
	client_birthdate: '1956-12-25',
};
const addressWire = {
	address_street: 'Street 02',
	address_nr: '10',
	address_box: '',
	address_postal_code: '3500',
	address_city: 'Hasselt',
	address_country: 'BE',
};

describe('Econtract order:create', () => {
	it('electricity: sends the order, the electricity table and the client_/address_ groups in one form', async () => {
		const { output, error } = await run(
			sim(),
			order('electricity', ELECTRICITY, {
				additionalFields: {
					wishdate: '2026-03-01T10:00:00+01:00',
					monthly_amount: 80.5,
					remarks: 'Please fix fast',
				},
			}),
		);
		expect(error).toBeUndefined();
		const sent = sim().log[0];
		expect([sent.method, sent.path]).toEqual(['POST', '/api/orders']);
		expect(sent.body).toEqual({
			...clientWire,
			...addressWire,
			...orderWire,
			product_type: 'electricity',
			producttype: 'electricity',
			ean: '541448820056789012',
			mru_type: '2',
			mru_nr: '123456',
			connection_type: '1',
			usage_day: '2500',
			usage_night: '1500',
			usage_excl: '0',
			has_budget_meter: '0',
			has_solar_panels: '1',
			situation: '3',
			donor: '7',
			donor_client_nr: '998877',
			wishdate: '2026-03-01',
			monthly_amount: '80.5',
			remarks: 'Please fix fast',
			...credentials,
		});
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({
			id: 401,
			product_type: 'electricity',
			client_id: 101,
			address_id: 201,
			contract_id: 301,
		});
	});

	it('gas: sends the gas table and the optional invoice_address_ group', async () => {
		const { error } = await run(
			sim(),
			order('gas', GAS, {
				invoice_address: {
					street: 'AnotherStreet',
					nr: '22',
					postal_code: '2345',
					city: 'AnotherCity',
					country: 'BE',
				},
				additionalFields: { usage_gas: 17000, ean_unknown: false },
			}),
		);
		expect(error).toBeUndefined();
		expect(sim().log[0].body).toEqual({
			...clientWire,
			...addressWire,
			invoice_address_street: 'AnotherStreet',
			invoice_address_nr: '22',
			invoice_address_box: '',
			invoice_address_postal_code: '2345',
			invoice_address_city: 'AnotherCity',
			invoice_address_country: 'BE',
			...orderWire,
			product_type: 'gas',
			producttype: 'gas',
			ean: '541448820099999999',
			mru_nr: '654321',
			situation: '3',
			donor: '8',
			donor_client_nr: '112233',
			usage_gas: '17000',
			ean_unknown: '0',
			...credentials,
		});
		expect(sim().state.addresses).toHaveLength(2);
	});

	it('dualfuel_pack: sends the elec_ and gas_ fields', async () => {
		const { output, error } = await run(
			sim(),
			order('dualfuel_pack', DUALFUEL, {
				additionalFields: { gas_unit: 'm3', elec_wishdate: '2026-04-01' },
			}),
		);
		expect(error).toBeUndefined();
		const body = sim().log[0].body;
		expect(body).toMatchObject({
			product_type: 'dualfuel_pack',
			elec_ean: '541448820056789012',
			elec_has_budget_meter: '1',
			elec_has_solar_panels: '0',
			gas_ean: '541448820099999999',
			gas_unit: 'm3',
			elec_wishdate: '2026-04-01',
		});
		expect(body).not.toHaveProperty('ean');
		expect(output[0].json.product_type).toBe('dualfuel_pack');
	});

	// The field table names the field product_type, but every create-order example sends
	// producttype: the CRM gets both, with the same value.
	it.each([
		['electricity', ELECTRICITY],
		['gas', GAS],
		['dualfuel_pack', DUALFUEL],
	])('%s: sends the product type as product_type and as producttype', async (type, contract) => {
		const { error } = await run(sim(), order(type, contract));
		expect(error).toBeUndefined();
		expect(sim().log).toHaveLength(1);
		const body = sim().log[0].body as Record<string, unknown>;
		expect([body.product_type, body.producttype]).toEqual([type, type]);
	});

	// Both client phones are marked required; the doc's examples send 'client_landline' => ''.
	it.each([
		[
			{ cellphone: '0499656565', landline: '' },
			{ client_cellphone: '0499656565', client_landline: '' },
		],
		[
			{ cellphone: '', landline: '012457898' },
			{ client_cellphone: '', client_landline: '012457898' },
		],
	])('sends the client phone not given as an empty value (%o)', async (phones, wire) => {
		expect((await run(sim(), order('gas', GAS, phones))).error).toBeUndefined();
		expect(sim().log[0].body).toMatchObject(wire);
	});

	it('updates the same order sent twice instead of duplicating it', async () => {
		await run(sim(), order('gas', GAS));
		const { output } = await run(sim(), order('gas', GAS));
		expect(output[0].json.id).toBe(401);
		expect(sim().state.orders).toHaveLength(1);
		expect(sim().state.clients).toHaveLength(1);
	});

	it.each([
		['electricity', 'usage_day', ELECTRICITY],
		['electricity', 'donor', ELECTRICITY],
		['gas', 'ean', GAS],
		['gas', 'donor_client_nr', GAS],
		['dualfuel_pack', 'gas_situation', DUALFUEL],
		['dualfuel_pack', 'elec_mru_nr', DUALFUEL],
	])('%s: refuses an empty required %s before sending', async (type, field, contract) => {
		const { error } = await run(sim(), order(type, { ...contract, [field]: '' }));
		// Gas Situation takes a value of the CRM's parameters page: the error says which form.
		expect(error?.message).toBe(
			field === 'gas_situation'
				? `Gas Situation (gas_situation): ${"must be a value from your CRM's parameters page (a whole number of 1 or more)"}`
				: `${field}: is required for product type ${type} and is empty`,
		);
		expect(sim().log).toHaveLength(0);
	});

	it('refuses a meter number that is not digits', async () => {
		const { error } = await run(sim(), order('gas', { ...GAS, mru_nr: 'AB12' }));
		expect(error?.message).toBe(
			'mru_nr: "AB12" is not a whole number. Expected digits only, e.g. 1',
		);
	});

	it('names the client and address field that is missing, in its group', async () => {
		const noName = await run(sim(), order('gas', GAS, { first_name: '' }));
		expect(noName.error?.message).toBe('client.first_name: is required and is empty');
		const noPhone = await run(sim(), order('gas', GAS, { cellphone: '' }));
		expect(noPhone.error?.message).toBe(
			'client.cellphone or client.landline: a phone number is required: give a mobile or a landline number',
		);
		const noCity = await run(sim(), order('gas', GAS, { city: '' }));
		expect(noCity.error?.message).toBe('address.city: is required and is empty');
		const halfInvoice = await run(sim(), order('gas', GAS, { invoice_address: { street: 'X' } }));
		expect(halfInvoice.error?.message).toBe('invoice_address.nr: is required and is empty');
		expect(sim().log).toHaveLength(0);
	});

	it('reads a workflow saved when the client and address fields sat in their collections: the same request', async () => {
		const { error } = await run(sim(), order('gas', GAS));
		expect(error).toBeUndefined();
		const now = sim().log[0].body;
		sim().reset();
		// As such a workflow runs today: the new top-level fields at their defaults (left out when saved), the values in the collections.
		const saved = order('gas', GAS, {
			client: { ...client, birthdate: '1956-12-25' },
			address,
			gender: 0,
			segment: 0,
			first_name: '',
			last_name: '',
			email: '',
			language: 'nl',
			cellphone: '',
			landline: '',
			street: '',
			nr: '',
			postal_code: '',
			city: '',
			country: '',
		});
		const before = await run(sim(), saved);
		expect(before.error).toBeUndefined();
		expect(sim().log[0].body).toEqual(now);
		expect(now).toMatchObject({ ...clientWire, ...addressWire });
	});

	it('the values an older workflow saved in Client and Address survive n8n loading the workflow', async () => {
		// n8n keeps only a collection's known entries when it loads a workflow (the Workflow class
		// resolves every node's parameters so): the moved fields stay there as hidden entries.
		const { requestOptions, ...saved } = order('gas', GAS, {
			client: { ...client, birthdate: '1956-12-25' },
			address,
		});
		for (const name of [...Object.keys(client), ...Object.keys(address)])
			delete (saved as Record<string, unknown>)[name];
		const loaded = NodeHelpers.getNodeParameters(
			node.description.properties,
			saved as INodeParameters,
			false,
			false,
			{ typeVersion: 1 },
			node.description,
		)!;
		expect(loaded.client).toEqual({ ...client, birthdate: '1956-12-25' });
		expect(loaded.address).toEqual(address);
		// Parameters at their defaults (left out by n8n, filled in when read) as saved.
		const { error } = await run(sim(), {
			...(saved as INodeParameters),
			...loaded,
			requestOptions,
		});
		expect(error).toBeUndefined();
		expect(sim().log[0].body).toMatchObject({ ...clientWire, ...addressWire });
	});

	it('a top-level value given replaces one an older workflow left in the collection', async () => {
		const { error } = await run(
			sim(),
			order('gas', GAS, {
				first_name: 'Jane',
				client: { first_name: 'John', birthdate: '1956-12-25' },
			}),
		);
		expect(error).toBeUndefined();
		expect(sim().log[0].body).toMatchObject({ client_first_name: 'Jane' });
	});

	it('refuses ids that are not positive whole numbers', async () => {
		const { error } = await run(sim(), order('gas', GAS, { comparison_id: 0 }));
		expect(error?.message).toBe(
			'Comparison ID (comparison_id): "0" is not a valid ID. Expected a positive whole number, e.g. 666',
		);
	});
});

describe('Econtract order:create fields per product type', () => {
	const shownFor = (type: string) =>
		description
			.filter(
				(p) =>
					p.required &&
					(!p.displayOptions?.show?.product_type ||
						(p.displayOptions.show.product_type as string[]).includes(type)),
			)
			.map((p) => p.name);

	it('shows and requires the fields of the chosen table only', () => {
		expect(
			description.every((p) => (p.displayOptions?.show?.resource as string[]).includes('order')),
		).toBe(true);
		expect(shownFor('gas')).toEqual([
			'product_type',
			'comparison_id',
			'affiliate_id',
			'sales_channel_id',
			'ip_address',
			'supplier_id',
			'product_id',
			'payment_method',
			'ean',
			'mru_nr',
			'situation',
			'donor',
			'donor_client_nr',
			// The client and the supply address (doc "Create order": required client_ and address_ fields), no longer hidden in collections.
			'gender',
			'segment',
			'first_name',
			'last_name',
			'email',
			'language',
			'street',
			'nr',
			'postal_code',
			'city',
			'country',
		]);
		expect(shownFor('electricity')).toContain('usage_excl');
		expect(shownFor('electricity')).not.toContain('gas_ean');
		expect(shownFor('dualfuel_pack')).toEqual(
			expect.arrayContaining(['elec_ean', 'gas_donor_client_nr']),
		);
		expect(shownFor('dualfuel_pack')).not.toContain('ean');
	});

	it('does not offer mobile (the doc says "coming soon")', () => {
		const productType = description.find((p) => p.name === 'product_type');
		expect(productType?.options?.map((o) => (o as { value: string }).value).sort()).toEqual([
			'dualfuel_pack',
			'electricity',
			'gas',
		]);
	});
});
