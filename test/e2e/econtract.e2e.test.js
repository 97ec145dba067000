'use strict';
// Econtract in a real n8n, installed from the packed tarball: every operation and the
// polling trigger, asserting what the CRM received (simulator log) and what n8n output.
const { after, before, describe, it } = require('node:test');
const assert = require('node:assert/strict');
const {
	createEcontractSimulator,
	ECONTRACT_CRM_API_ID,
	ECONTRACT_CRM_API_KEY,
} = require('../../sandbox/econtract');
const {
	N8nInstance,
	PACKAGE_NAME,
	chainWorkflow,
	nodeOutput,
	recordingServer,
	request,
} = require('../helpers/n8n');
const { placeEcontractOrder } = require('../helpers/seed');

const ECONTRACT = `${PACKAGE_NAME}.econtract`;
const ECONTRACT_TRIGGER = `${PACKAGE_NAME}.econtractTrigger`;
const cred = { econtractApi: { id: 'econtractSim', name: 'Econtract simulator' } };
const badCred = { econtractApi: { id: 'econtractBad', name: 'Econtract wrong key' } };
const WRONG_KEY = 'wrong-Econtract-key-51ab';
const creds = { crm_api_id: ECONTRACT_CRM_API_ID, crm_api_key: ECONTRACT_CRM_API_KEY };

const client = {
	gender: 1,
	segment: 1,
	first_name: 'E2E',
	last_name: 'Client',
	email: 'e2e.client@example.com',
	language: 'nl',
	cellphone: '0499656565',
};
const address = {
	street: 'Street 02',
	nr: '10',
	postal_code: '3500',
	city: 'Hasselt',
	country: 'BE',
};
const gasOrder = (comparison_id, extra = {}) => ({
	resource: 'order',
	operation: 'create',
	product_type: 'gas',
	comparison_id,
	affiliate_id: 50,
	sales_channel_id: 1,
	ip_address: '192.168.1.1',
	supplier_id: 5,
	product_id: 12,
	payment_method: 1,
	ean: '541448820099999999',
	mru_nr: '654321',
	situation: 3,
	donor: '8',
	donor_client_nr: '112233',
	// The client's and the supply address's required fields are top-level parameters.
	...client,
	email: `order${comparison_id}@example.com`,
	...address,
	client: { birthdate: '1956-12-25T00:00:00' },
	...extra,
});
// The same order as a workflow saved when these fields sat in the Client and Address collections.
const savedGasOrder = (comparison_id) => {
	const {
		gender,
		segment,
		first_name,
		last_name,
		email,
		language,
		cellphone,
		street,
		nr,
		postal_code,
		city,
		country,
		...rest
	} = gasOrder(comparison_id);
	return {
		...rest,
		client: {
			gender,
			segment,
			first_name,
			last_name,
			email,
			language,
			cellphone,
			birthdate: '1956-12-25T00:00:00',
		},
		address: { street, nr, postal_code, city, country },
	};
};
const step = (parameters, more = {}) => ({
	name: 'Econtract',
	type: ECONTRACT,
	credentials: cred,
	parameters,
	...more,
});

describe(`Econtract in n8n ${process.env.E2E_N8N_MAJOR || 2}.x (tarball install)`, () => {
	let n8n;
	let sim;
	let recorder;
	let runs;
	let executions;
	let batchOutput;
	const out = (id) => nodeOutput(runs[id], 'Econtract');
	const calls = (path) => sim.log.filter((r) => r.path === path);

	before(async () => {
		sim = await createEcontractSimulator().start(0);
		recorder = await recordingServer();
		n8n = new N8nInstance();
		await n8n.importCredentials([
			{
				id: 'econtractSim',
				name: 'Econtract simulator',
				type: 'econtractApi',
				data: {
					baseUrl: sim.url,
					crmApiId: ECONTRACT_CRM_API_ID,
					crmApiKey: ECONTRACT_CRM_API_KEY,
				},
			},
			{
				id: 'econtractBad',
				name: 'Econtract wrong key',
				type: 'econtractApi',
				data: { baseUrl: sim.url, crmApiId: ECONTRACT_CRM_API_ID, crmApiKey: WRONG_KEY },
			},
		]);
		// Seed: a client (101), its address (201), an order (401, contract 301) for the reads.
		await request('POST', `${sim.url}/api/clients`, {
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				...client,
				email: 'seed@example.com',
				last_name: 'Seed',
				...creds,
			}).toString(),
		});
		await request('POST', `${sim.url}/api/addresses`, {
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ client_id: '101', ...address, ...creds }).toString(),
		});
		const workflows = [
			chainWorkflow('ecClientCreate', 'econtract client create', [
				step({
					resource: 'client',
					operation: 'create',
					...client,
					landline: '',
					additionalFields: { birthdate: '1956-12-25T00:00:00', family_size: 3 },
				}),
			]),
			chainWorkflow('ecClientGet', 'econtract client get', [
				step({ resource: 'client', operation: 'get', id: 101 }),
			]),
			chainWorkflow('ecClientSearch', 'econtract client search', [
				step({ resource: 'client', operation: 'search', query: 'seed' }),
			]),
			chainWorkflow('ecClientUpdate', 'econtract client update', [
				step({
					resource: 'client',
					operation: 'update',
					id: 101,
					additionalFields: { iban: 'BE68 5390 0754 7034' },
				}),
			]),
			chainWorkflow('ecAddressCreate', 'econtract address create', [
				step({
					resource: 'address',
					operation: 'create',
					client_id: 101,
					street: 'Other 5',
					nr: '5',
					box: '',
					postal_code: '1000',
					city: 'Brussel',
					country: 'BE',
				}),
			]),
			chainWorkflow('ecAddressGet', 'econtract address get', [
				step({ resource: 'address', operation: 'get', id: 201 }),
			]),
			chainWorkflow('ecAddressUpdate', 'econtract address update', [
				step({
					resource: 'address',
					operation: 'update',
					id: 201,
					additionalFields: { box: 'B2' },
				}),
			]),
			chainWorkflow('ecOrderCreate', 'econtract order create (gas, invoice address)', [
				step(
					gasOrder(9001, {
						invoice_address: {
							street: 'Invoice St',
							nr: '22',
							postal_code: '2345',
							city: 'Antwerpen',
							country: 'BE',
						},
						additionalFields: { ean_unknown: false, usage_gas: 17000 },
					}),
				),
			]),
			chainWorkflow(
				'ecOrderSaved',
				'econtract order create, saved with the client and address in their collections',
				[step(savedGasOrder(9002))],
			),
			chainWorkflow('ecLeadInsurance', 'econtract lead create insurance', [
				step({
					resource: 'lead',
					operation: 'create',
					lead_type: 'insurance',
					...client,
					first_name: 'E2E-insurance',
					interested_in_insurance: true,
					allow_insurance_call: false,
					interests: ['fire', 'car'],
					additionalFields: {},
				}),
			]),
			chainWorkflow('ecLeadThirdPartyBad', 'econtract lead create third party, rule broken', [
				step({
					resource: 'lead',
					operation: 'create',
					lead_type: 'third_party',
					...client,
					first_name: 'E2E-thirdparty',
					additionalFields: { cellphone: '0499656565', call_at: '2026-03-22T15:30:00' },
				}),
			]),
			chainWorkflow('ecLeadClickOut', 'econtract lead click-out', [
				step({
					resource: 'lead',
					operation: 'createClickOut',
					first_name: 'E2E-clickout',
					last_name: 'Doe',
					email: 'co@example.com',
					additionalFields: { url: 'http://foo.com/bar' },
				}),
			]),
			chainWorkflow('ecSupplier', 'econtract supplier rating', [
				step({ resource: 'supplier', operation: 'getRating', id: 10 }),
			]),
			chainWorkflow('ecUsage', 'econtract default usages', [
				step({
					resource: 'usage',
					operation: 'getDefaults',
					producttype: 'electricity',
					segment: 1,
					additionalFields: { family_size: 3, boiler: '>10', has_solar: true },
				}),
			]),
			chainWorkflow('ecWrongKey', 'econtract wrong key', [
				{ ...step({ resource: 'supplier', operation: 'getRating', id: 10 }), credentials: badCred },
			]),
			{
				id: 'ecTrigger',
				name: 'econtract trigger',
				active: false,
				settings: { executionOrder: 'v1' },
				nodes: [
					{
						id: 't1',
						name: 'Econtract Trigger',
						type: ECONTRACT_TRIGGER,
						typeVersion: 1,
						position: [0, 0],
						credentials: cred,
						parameters: {
							pollTimes: { item: [{ mode: 'everyMinute' }] },
							filters: { product_type: 'gas' },
						},
					},
					{
						id: 't2',
						name: 'Record',
						type: 'n8n-nodes-base.httpRequest',
						typeVersion: 4.2,
						position: [220, 0],
						parameters: {
							method: 'POST',
							url: `${recorder.url}/emitted`,
							sendBody: true,
							specifyBody: 'json',
							jsonBody: '={{ JSON.stringify($json) }}',
						},
					},
				],
				connections: {
					'Econtract Trigger': { main: [[{ node: 'Record', type: 'main', index: 0 }]] },
				},
			},
		];
		await n8n.importWorkflows(workflows);
		// The order first: contract:get and order:getLatest read what it created.
		({ runs: runs } = await n8n.executeBatch(['ecOrderCreate']));
		const first = runs;
		await n8n.importWorkflows([
			chainWorkflow('ecContractGet', 'econtract contract get', [
				step({ resource: 'contract', operation: 'get', id: 301 }),
			]),
			chainWorkflow('ecLatestDoc', 'econtract latest orders (doc)', [
				step({
					resource: 'order',
					operation: 'getLatest',
					endpoint: 'latest',
					limit: 5,
					filters: { product_type: 'gas' },
				}),
			]),
			chainWorkflow('ecLatestClient', 'econtract latest orders (vendor client)', [
				step({
					resource: 'order',
					operation: 'getLatest',
					endpoint: 'ordersLatest',
					limit: 5,
					filters: { affiliate_id: 50 },
				}),
			]),
		]);
		({
			runs,
			executions,
			output: batchOutput,
		} = await n8n.executeBatch([
			'ecClientCreate',
			'ecClientGet',
			'ecClientSearch',
			'ecClientUpdate',
			'ecAddressCreate',
			'ecAddressGet',
			'ecAddressUpdate',
			'ecContractGet',
			'ecLatestDoc',
			'ecLatestClient',
			'ecLeadInsurance',
			'ecLeadThirdPartyBad',
			'ecLeadClickOut',
			'ecSupplier',
			'ecUsage',
			'ecWrongKey',
		]));
		runs = { ...first, ...runs };
		// After the reads of the latest orders (they expect the first order only).
		const { runs: saved } = await n8n.executeBatch(['ecOrderSaved']);
		runs = { ...runs, ...saved };
	});

	after(async () => {
		await n8n?.stop();
		n8n?.cleanup();
		await sim?.stop();
		await recorder?.close();
	});

	it('client:create posts form-encoded fields with the credentials merged in', () => {
		const req = calls('/api/clients').find((r) => r.body.email === 'e2e.client@example.com');
		assert.ok(req, 'Econtract received the client');
		assert.match(req.headers['content-type'], /^application\/x-www-form-urlencoded/);
		assert.deepEqual(req.body, {
			gender: '1',
			segment: '1',
			first_name: 'E2E',
			last_name: 'Client',
			email: 'e2e.client@example.com',
			language: 'nl',
			cellphone: '0499656565',
			landline: '',
			birthdate: '1956-12-25',
			family_size: '3',
			...creds,
		});
		assert.equal(out('ecClientCreate')[0].json.first_name, 'E2E');
	});

	it('client:get, client:search and client:update reach their paths', () => {
		assert.equal(out('ecClientGet')[0].json.last_name, 'Seed');
		assert.deepEqual(calls('/api/clients/101').find((r) => r.method === 'GET').query, creds);
		assert.deepEqual(
			out('ecClientSearch').map((o) => o.json.id),
			[101],
		);
		assert.equal(calls('/api/clients/search')[0].body.query, 'seed');
		assert.equal(out('ecClientUpdate')[0].json.iban, 'BE68 5390 0754 7034');
	});

	it('address:create, address:get and address:update reach their paths', () => {
		const created = calls('/api/addresses').find((r) => r.body.street === 'Other 5');
		assert.deepEqual(created.body, {
			client_id: '101',
			street: 'Other 5',
			nr: '5',
			box: '',
			postal_code: '1000',
			city: 'Brussel',
			country: 'BE',
			...creds,
		});
		assert.equal(out('ecAddressCreate')[0].json.city, 'Brussel');
		assert.equal(out('ecAddressGet')[0].json.id, 201);
		assert.equal(out('ecAddressUpdate')[0].json.box, 'B2');
	});

	it('order:create sends one form with the client_, address_ and invoice_address_ groups', () => {
		const [req] = calls('/api/orders');
		assert.equal(req.body.product_type, 'gas');
		assert.equal(req.body.producttype, 'gas');
		assert.equal(req.body.client_email, 'order9001@example.com');
		assert.equal(req.body.address_city, 'Hasselt');
		assert.equal(req.body.invoice_address_city, 'Antwerpen');
		assert.equal(req.body.ean_unknown, '0');
		assert.equal(req.body.crm_api_key, ECONTRACT_CRM_API_KEY);
		assert.equal(out('ecOrderCreate')[0].json.contract_id, 301);
	});

	it('order:create: the client and address fields are top-level; a workflow saved with them in the collections is refused by n8n before any request (its required fields are empty)', () => {
		const now = calls('/api/orders').find((r) => r.body.comparison_id === '9001');
		// n8n runs no workflow whose required parameters are empty ("workflow has issues"): the older one must have them filled once.
		assert.equal(calls('/api/orders').filter((r) => r.body.comparison_id === '9002').length, 0);
		assert.equal(runs.ecOrderSaved, undefined, 'no successful run of the older workflow');
		const groups = (body) =>
			Object.fromEntries(Object.entries(body).filter(([k]) => /^(client|address)_/.test(k)));
		assert.deepEqual(groups(now.body), {
			client_gender: '1',
			client_segment: '1',
			client_first_name: 'E2E',
			client_last_name: 'Client',
			client_email: 'order9001@example.com',
			client_language: 'nl',
			client_cellphone: '0499656565',
			client_landline: '',
			client_birthdate: '1956-12-25',
			address_street: 'Street 02',
			address_nr: '10',
			address_box: '',
			address_postal_code: '3500',
			address_city: 'Hasselt',
			address_country: 'BE',
		});
	});

	it('contract:get and order:getLatest (both endpoints) read the order', () => {
		assert.equal(out('ecContractGet')[0].json.ean, '541448820099999999');
		assert.equal(calls('/api/latest')[0].method, 'POST');
		assert.deepEqual(
			out('ecLatestDoc').map((o) => o.json.comparison_id),
			['9001'],
		);
		assert.equal(calls('/api/orders/latest')[0].query.affiliate_id, '50');
		assert.deepEqual(
			out('ecLatestClient').map((o) => o.json.comparison_id),
			['9001'],
		);
	});

	it('lead:create insurance sends interests in PHP brackets; a broken third-party rule fails before sending', () => {
		const req = calls('/api/leads').find((r) => r.body.first_name === 'E2E-insurance');
		assert.match(req.rawBody, /interests%5B%5D=fire&interests%5B%5D=car/);
		assert.equal(req.body.interested_in_insurance, '1');
		assert.equal(out('ecLeadInsurance')[0].json.lead_type, 'insurance');
		assert.equal(executions.ecLeadThirdPartyBad.executionStatus, 'error');
		assert.match(
			executions.ecLeadThirdPartyBad.error,
			/cellphone_country: is required when cellphone is provided/,
		);
		assert.equal(sim.log.filter((r) => r.body.first_name === 'E2E-thirdparty').length, 0);
	});

	it('lead:createClickOut, supplier:getRating and usage:getDefaults', () => {
		assert.equal(calls('/api/leads/clickOut')[0].body.url, 'http://foo.com/bar');
		assert.equal(out('ecLeadClickOut')[0].json.first_name, 'E2E-clickout');
		assert.deepEqual(out('ecSupplier')[0].json, { supplier_id: 10, rating: 8.4, reviews: 112 });
		assert.deepEqual(calls('/api/usages')[0].query, {
			producttype: 'electricity',
			segment: '1',
			family_size: '3',
			boiler: '>10',
			has_solar: '1',
			...creds,
		});
		assert.equal(out('ecUsage')[0].json.producttype, 'electricity');
	});

	it('a wrong key fails with the clear 401 message, and the key is nowhere', () => {
		const run = executions.ecWrongKey;
		assert.equal(run.executionStatus, 'error');
		// execute-batch's summary gives the error's description when it has one (the message is unit-tested).
		assert.match(run.error, /Check the CRM API ID and CRM API Key of the Econtract credential/);
		assert.ok(!batchOutput.includes(WRONG_KEY), 'the key is not in the run summary');
		assert.ok(!n8n.logs.includes(WRONG_KEY), "the key is not in n8n's log");
	});

	describe('econtractTrigger (n8n start, polling every minute)', () => {
		before(async () => {
			await n8n.activate('ecTrigger');
			await n8n.start();
			// The first poll (at activation) is the baseline; wait for it before adding an order.
			for (
				let i = 0;
				i < 60 &&
				!calls('/api/latest').some((r) => r.at > Date.now() - 60_000 && r.body.limit === '100');
				i++
			)
				await new Promise((r) => setTimeout(r, 500));
			// Every poll around activation ends (and commits its cursor) before the new order.
			await new Promise((r) => setTimeout(r, 3000));
		});

		it('emits an order created after the baseline, once', { timeout: 150_000 }, async () => {
			await placeEcontractOrder(sim.url, {
				comparison_id: '9002',
				client_first_name: 'Poll',
				client_last_name: 'Ed',
				client_email: 'poll@example.com',
			});
			const [emitted] = await recorder.waitFor(1, 140_000);
			assert.equal(emitted.body.comparison_id, '9002');
			await new Promise((r) => setTimeout(r, 65_000));
			assert.equal(recorder.received.length, 1, 'the order is not emitted twice');
		});
	});
});
