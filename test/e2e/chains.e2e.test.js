'use strict';
// The example workflows that chain CRMs (examples/chain-*.json), exactly as shipped and as
// `npm run demo` imports them, in a real n8n with the package from its tarball and the five
// simulators: each trigger fires for real (production webhook, every-minute polls) and the
// test checks what the next CRM received, field by field, and that nothing is sent twice.
const { after, before, describe, it } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { XMLParser } = require('fast-xml-parser');
const { startAll } = require('../../sandbox/start');
const { PILOT_APP_KEY } = require('../../sandbox/pilot');
const { SML_USERNAME, SML_PASSWORD } = require('../../sandbox/sml');
const { DATA_PLATFORM_LISTENER_PATH } = require('../../sandbox/dataPlatform');
const { N8nInstance, request, ROOT } = require('../helpers/n8n');
const { placeEcontractOrder } = require('../helpers/seed');

const EXAMPLES = [
	'chain-website-form-to-publitrac-and-sml',
	'chain-sml-new-lead-to-data-platform',
	'chain-econtract-order-to-publitrac-opportunity',
	'chain-publitrac-view-to-pilot',
];
const xml = (text) =>
	new XMLParser({ parseTagValue: false, trimValues: true, ignoreDeclaration: true }).parse(text);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(what, test, ms) {
	const deadline = Date.now() + ms;
	for (;;) {
		const value = test();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(250);
	}
}

describe(`Chained example workflows in n8n ${process.env.E2E_N8N_MAJOR || 2}.x (tarball install)`, () => {
	let n8n;
	let sims;
	let startedAt;
	const pt = () => sims.publitrac.sim;
	const ptCalls = (method) =>
		pt().log.filter((r) => r.path === '/api' && r.query.method === method && r.at >= startedAt);
	const ptQuery = (r) => xml(r.method === 'GET' ? r.query.query : r.body.query);
	const smlLeadPosts = () =>
		sims.sml.sim.log.filter(
			(r) =>
				r.method === 'POST' && r.path === '/api/lead/' && r.at >= startedAt && r.status === 201,
		);
	const dpLeads = () =>
		sims.dataPlatform.sim.log
			.filter((r) => r.path === DATA_PLATFORM_LISTENER_PATH && r.at >= startedAt)
			.flatMap((r) => (Array.isArray(r.body?.data) ? r.body.data : []))
			.filter((a) => a.actionType === 'add-lead');
	const pilotLeads = () =>
		sims.pilot.sim.log.filter((r) => r.path === '/webhooks/welcome.php' && r.at >= startedAt);

	before(async () => {
		sims = await startAll(0);
		// Leads already in the PUBLITRAC view: the first poll takes them as its starting point.
		pt().seedLeads(3, { view: 'Hot Leads' });
		n8n = new N8nInstance();
		const title = (name) => name.charAt(0).toUpperCase() + name.slice(1);
		// The credential ids the examples name (demo<Name>), as `npm run demo` creates them.
		await n8n.importCredentials(
			Object.entries(sims).map(([name, s]) => ({
				id: `demo${title(name)}`,
				name: `${title(name)} (simulator)`,
				...s.credential,
			})),
		);
		const workflows = EXAMPLES.map((name) =>
			JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', `${name}.json`), 'utf8')),
		);
		await n8n.importWorkflows(workflows);
		for (const wf of workflows) await n8n.activate(wf.id);
		startedAt = Date.now();
		await n8n.start();
		// The poll at activation sets each polling trigger's starting point: wait for all three.
		await waitUntil(
			'the baseline polls',
			() =>
				ptCalls('getView').length &&
				sims.sml.sim.log.some(
					(r) => r.path === '/api/lead/' && r.method === 'GET' && r.at >= startedAt,
				) &&
				sims.econtract.sim.log.some((r) => r.path === '/api/latest' && r.at >= startedAt),
			120_000,
		);
		await sleep(2_000);
	});

	after(async () => {
		await n8n?.stop();
		n8n?.cleanup();
		for (const s of Object.values(sims ?? {})) await s.sim.stop();
	});

	it('the baseline polls emitted nothing', () => {
		assert.equal(pilotLeads().length, 0, 'no existing PUBLITRAC lead was pushed to Pilot');
		assert.equal(dpLeads().length, 0, 'no existing SML lead was pushed to the Data Platform');
		assert.equal(
			ptCalls('syncOpportunity').length,
			0,
			'no existing Econtract order was pushed to PUBLITRAC',
		);
	});

	let webLead;
	let smlLead;
	let order;
	let viewLead;

	it(
		'website form (Pilot-compatible webhook) -> PUBLITRAC Create or Update Lead and SML Create Lead, field by field',
		{ timeout: 60_000 },
		async () => {
			const hook = `${n8n.url}/webhook/chain-website-form/website-form`;
			webLead = {
				pilot_firstname: 'Zoë',
				pilot_lastname: "O'Brien & <Co>",
				pilot_email: 'zoe.obrien@example.com',
				pilot_cellphone: '+34 600 111 222',
				pilot_city: 'Málaga',
				pilot_car_brand: 'Seat',
				pilot_car_modelo: 'Ibiza',
				pilot_notes: 'Wants a test drive',
			};
			const form = new URLSearchParams({
				action: 'create',
				appkey: PILOT_APP_KEY,
				pilot_contact_type_id: '1',
				pilot_business_type_id: '1',
				...webLead,
			});
			let answer;
			// Registration can lag the start: retry a 404 for a few seconds.
			for (let i = 0; i < 40; i++) {
				answer = await request('POST', hook, {
					headers: { 'content-type': 'application/x-www-form-urlencoded' },
					body: form.toString(),
				});
				if (answer.status !== 404) break;
				await sleep(500);
			}
			assert.equal(answer.status, 200, answer.text);
			assert.equal(answer.json.success, true);

			const [sync] = await waitUntil(
				'PUBLITRAC syncLead',
				() => (ptCalls('syncLead').length ? ptCalls('syncLead') : undefined),
				30_000,
			);
			const lead = ptQuery(sync).request.lead;
			assert.equal(sync.method, 'POST');
			assert.equal(lead.email, webLead.pilot_email);
			assert.equal(lead.firstName, 'Zoë');
			assert.equal(lead.lastName, "O'Brien & <Co>");
			assert.equal(lead.mobile, '+34 600 111 222');
			assert.equal(lead.city, 'Málaga');
			assert.equal(lead.leadSource, 'Website form');
			assert.equal(lead.phone, undefined, 'an empty field is left out');

			const [created] = await waitUntil(
				'SML lead create',
				() => (smlLeadPosts().length ? smlLeadPosts() : undefined),
				30_000,
			);
			assert.equal(created.body.source, 2);
			assert.equal(created.body.vehicle.brand_model, 'Seat Ibiza');
			assert.equal(created.body.client.name, "Zoë O'Brien & <Co>");
			assert.equal(created.body.client.email, webLead.pilot_email);
			assert.equal(created.body.client.phone, '+34 600 111 222');
		},
	);

	it('new records in SML, Econtract and the PUBLITRAC view are created after the baselines', async () => {
		const login = await request('POST', `${sims.sml.url}/api/auth/login/`, {
			headers: { 'content-type': 'application/json' },
			body: { username: SML_USERNAME, password: SML_PASSWORD },
		});
		const made = await request('POST', `${sims.sml.url}/api/lead/`, {
			headers: { 'content-type': 'application/json', authorization: `Token ${login.json.token}` },
			body: {
				source: 1,
				vehicle: { brand_model: 'Cupra Born' },
				client: { name: 'Núria Puig', email: 'nuria@example.com', phone: '611222333' },
			},
		});
		assert.equal(made.status, 201, made.text);
		smlLead = made.json;
		const placed = await placeEcontractOrder(sims.econtract.url, {
			comparison_id: '7001',
			client_first_name: 'Jan',
			client_last_name: 'Peeters',
			client_email: 'jan.peeters@example.com',
			client_cellphone: '0499112233',
			address_street: 'Kerkstraat',
			address_nr: '5',
		});
		assert.ok(placed.status < 300, placed.text);
		order = placed.json;
		[viewLead] = pt().seedLeads(1, { view: 'Hot Leads' });
		assert.ok(smlLead.id && order.id && viewLead.id);
	});

	it(
		'SML new lead -> Data Platform add-lead, for the lead made by hand and the one the website chain made',
		{ timeout: 200_000 },
		async () => {
			const leads = await waitUntil(
				'two add-lead actions',
				() => (dpLeads().length >= 2 ? dpLeads() : undefined),
				180_000,
			);
			const nuria = leads.find((a) => a.data.name === 'Núria Puig');
			assert.ok(nuria, JSON.stringify(leads));
			assert.deepEqual(nuria.data.emails, [{ type: 'Work', value: 'nuria@example.com' }]);
			assert.deepEqual(nuria.data.phones, [{ type: 'Mobile', value: '611222333' }]);
			assert.equal(nuria.data.tag, 'sml');
			assert.equal(nuria.data.bgInfo, `SML lead ${smlLead.id}`);
			assert.ok(
				leads.some((a) => a.data.name === "Zoë O'Brien & <Co>"),
				'the website lead went on from SML too',
			);
		},
	);

	it(
		'Econtract new order -> PUBLITRAC Create or Update Lead, then Create or Update Opportunity linked to that lead',
		{ timeout: 200_000 },
		async () => {
			const [opportunity] = await waitUntil(
				'PUBLITRAC syncOpportunity',
				() => (ptCalls('syncOpportunity').length ? ptCalls('syncOpportunity') : undefined),
				180_000,
			);
			const clientId = order.client_id ?? order.client?.id;
			const sync = ptCalls('syncLead')
				.map((r) => ptQuery(r).request.lead)
				.find((l) => l.email === 'jan.peeters@example.com');
			assert.ok(sync, 'the order client was synced');
			assert.equal(sync.firstName, 'Jan');
			assert.equal(sync.lastName, 'Peeters');
			assert.equal(sync.mobile, '0499112233');
			assert.equal(sync.city, 'Hasselt');
			assert.equal(sync.crmLeadId, `econtract-${clientId}`);
			const opp = ptQuery(opportunity).request.opportunity;
			assert.equal(opp.id, `econtract-order-${order.id}`);
			assert.equal(opp.name, `Econtract gas order ${order.id}`);
			assert.equal(opp.salesStage, 'Closed Won');
			assert.equal(opp.leads.leadId, `econtract-${clientId}`);
		},
	);

	it(
		'PUBLITRAC view poll -> Pilot Create Lead with the lead of the view',
		{ timeout: 200_000 },
		async () => {
			const [sent] = await waitUntil(
				'Pilot lead create',
				() => (pilotLeads().length ? pilotLeads() : undefined),
				180_000,
			);
			assert.equal(sent.body.pilot_email, viewLead.email);
			assert.equal(sent.body.pilot_firstname, viewLead.firstName);
			assert.equal(sent.body.pilot_lastname, viewLead.lastName);
			assert.equal(sent.body.pilot_client_company, 'ACME');
			assert.equal(sent.body.pilot_provider_service, 'PUBLITRAC');
			assert.equal(sent.body.pilot_notes, `PUBLITRAC lead ${viewLead.id}`);
			assert.equal(sent.body.appkey, PILOT_APP_KEY);
		},
	);

	it('one more poll later, nothing was sent twice', { timeout: 120_000 }, async () => {
		await sleep(65_000);
		assert.equal(pilotLeads().length, 1, 'one Pilot lead for one new PUBLITRAC lead');
		assert.equal(ptCalls('syncOpportunity').length, 1, 'one opportunity for one order');
		assert.equal(dpLeads().length, 2, 'one add-lead per new SML lead');
		assert.equal(
			smlLeadPosts().filter((r) => r.body.vehicle?.brand_model === 'Seat Ibiza').length,
			1,
			'one SML lead for one website form',
		);
	});
});
