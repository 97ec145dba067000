'use strict';
// PUBLITRAC in a real n8n, installed from the packed tarball: every operation of the contract
// and the polling trigger, asserting what the simulator received and what n8n output.
const { after, before, describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { XMLParser } = require('fast-xml-parser');
const { createPublitracSimulator, PUBLITRAC_CREDENTIALS } = require('../../sandbox/publitrac');
const {
	N8nInstance,
	PACKAGE_NAME,
	chainWorkflow,
	itemsNode,
	nodeOutput,
	recordingServer,
} = require('../helpers/n8n');

const NODE = `${PACKAGE_NAME}.publitrac`;
const TRIGGER = `${PACKAGE_NAME}.publitracTrigger`;
const cred = { publitracApi: { id: 'publitracSim', name: 'PUBLITRAC simulator' } };
const badCred = { publitracApi: { id: 'publitracBad', name: 'PUBLITRAC wrong password' } };
const WRONG_PASSWORD = 'Wrong-Publitrac-pass-5e2a';

const xml = (text) =>
	new XMLParser({ parseTagValue: false, trimValues: true, ignoreDeclaration: true }).parse(text);
const queryOf = (r) => xml(r.method === 'GET' ? r.query.query : r.body.query);

// One workflow per operation: [id, node parameters, optional node before it].
const OPERATIONS = [
	[
		'ptSync',
		{
			resource: 'lead',
			operation: 'sync',
			email: 'e2e-sync@acme.com',
			additionalFields: { firstName: 'Zoë & <b>', dateOfBirth: '1990-05-31T00:00:00' },
			customFields: { field: [{ name: 'carColor', value: 'Red 🚗' }] },
		},
	],
	[
		'ptSyncBatch',
		{ resource: 'lead', operation: 'sync', email: '={{ $json.email }}', batch: true, batchSize: 2 },
		itemsNode('Leads', [
			{ email: 'e2e-b0@acme.com' },
			{ email: 'e2e-b1@acme.com' },
			{ email: 'e2e-b2@acme.com' },
		]),
	],
	[
		'ptCreate',
		{
			resource: 'lead',
			operation: 'create',
			email: 'e2e-create@acme.com',
			additionalFields: { company: 'ACME' },
		},
	],
	[
		'ptUpdate',
		{
			resource: 'lead',
			operation: 'update',
			email: 'e2e-seed0@acme.com',
			additionalFields: { city: 'Montréal' },
		},
	],
	['ptGet', { resource: 'lead', operation: 'get', email: 'e2e-seed1@acme.com' }],
	['ptGetExt', { resource: 'lead', operation: 'getByExternalId', externalId: 'EXT-E2E' }],
	['ptGetTok', { resource: 'lead', operation: 'getByToken', tokenId: '_nl-e2e.com-1-1' }],
	[
		'ptSearch',
		{
			resource: 'lead',
			operation: 'search',
			queries: { query: [{ field: 'email', operator: 'like', value: 'e2e-seed%' }] },
			returnAll: true,
		},
	],
	['ptView', { resource: 'view', operation: 'getLeads', viewName: 'E2EView', returnAll: true }],
	[
		'ptList',
		{ resource: 'list', operation: 'getLeads', listName: 'E2EList', returnAll: false, limit: 120 },
	],
	[
		'ptAddLeads',
		{
			resource: 'list',
			operation: 'addLeads',
			listName: 'E2EStatic',
			emails: 'e2e-seed0@acme.com, e2e-seed1@acme.com',
		},
	],
	[
		'ptRemove',
		{ resource: 'list', operation: 'removeLead', listName: 'E2EList', email: 'e2e-seed2@acme.com' },
	],
	[
		'ptVisit',
		{
			resource: 'history',
			operation: 'addWebVisit',
			email: 'e2e-seed0@acme.com',
			additionalFields: { url: 'http://acme.com/?a=1&b=2', information: '/blog' },
		},
	],
	[
		'ptClick',
		{
			resource: 'history',
			operation: 'addClickLink',
			email: 'e2e-seed0@acme.com',
			additionalFields: { url: 'http://acme.com/x' },
		},
	],
	[
		'ptForm',
		{
			resource: 'history',
			operation: 'addFormFill',
			email: 'e2e-seed0@acme.com',
			formName: 'Infolettre',
			additionalFields: { values: 'Email: a@b.c ]]>' },
		},
	],
	['ptCampaigns', { resource: 'campaign', operation: 'getMany', returnAll: true }],
	[
		'ptExecute',
		{
			resource: 'campaign',
			operation: 'execute',
			emails: 'e2e-seed0@acme.com',
			campaigns: 'Trade Show May',
		},
	],
	[
		'ptSendEmail',
		{
			resource: 'campaign',
			operation: 'sendEmail',
			name: 'E2E promo',
			fromName: 'ACME',
			fromEmail: 'no-reply@acme.com',
			subject: 'Hi',
			message: { text: 'Hello {{FirstName;Default=}}' },
			leads: JSON.stringify(
				Array.from({ length: 60 }, (_, i) => ({ email: `e2e-mail${i}@acme.com` })),
			),
		},
	],
	['ptOpps', { resource: 'opportunity', operation: 'getMany', returnAll: true }],
	[
		'ptOppSync',
		{
			resource: 'opportunity',
			operation: 'sync',
			id: 'E2E-OPP',
			name: 'E2E deal',
			salesStage: 'Closed Won',
			amount: 9000,
			probability: 100,
			leads: 'EXT-E2E',
			additionalFields: { dateClosed: '2024-02-03T00:00:00' },
		},
	],
	[
		'ptTransaction',
		{
			resource: 'transaction',
			operation: 'create',
			email: 'e2e-seed0@acme.com',
			transaction: JSON.stringify({
				id: 'T-E2E',
				type: 'buying',
				total: '10',
				items: [{ id: '1', name: 'Ball', price: '10', quantity: '1' }],
			}),
		},
	],
];

describe(`PUBLITRAC in n8n ${process.env.E2E_N8N_MAJOR || 2}.x (tarball install)`, () => {
	let n8n;
	let sim;
	let recorder;
	let runs;
	let executions;
	let batchOutput;

	const calls = (method) => sim.log.filter((r) => r.path === '/api' && r.query.method === method);
	const out = (id) => nodeOutput(runs[id], 'PUBLITRAC');

	before(async () => {
		sim = await createPublitracSimulator().start(0);
		const seeded = sim.seedLeads(3);
		seeded.forEach((l, i) => (l.email = `e2e-seed${i}@acme.com`));
		seeded[0].crmLeadId = 'EXT-E2E';
		seeded[1].token = '_nl-e2e.com-1-1';
		sim.seedLeads(150, { view: 'E2EView', list: 'E2EList' });
		sim.state.lists.E2EList.leadIds.push(seeded[2].id);
		sim.state.opportunities.push({
			id: '1',
			Name: 'Existing',
			Amount: '10',
			Sales_Stage: 'Prospecting',
		});
		recorder = await recordingServer();
		n8n = new N8nInstance();
		const data = { ...PUBLITRAC_CREDENTIALS, baseUrl: `${sim.url}/api` };
		await n8n.importCredentials([
			{ id: 'publitracSim', name: 'PUBLITRAC simulator', type: 'publitracApi', data },
			{
				id: 'publitracBad',
				name: 'PUBLITRAC wrong password',
				type: 'publitracApi',
				data: { ...data, password: WRONG_PASSWORD },
			},
		]);
		const workflows = OPERATIONS.map(([id, parameters, first]) =>
			chainWorkflow(id, `publitrac ${id}`, [
				...(first ? [first] : []),
				{ name: 'PUBLITRAC', type: NODE, credentials: cred, parameters },
			]),
		);
		workflows.push(
			chainWorkflow('ptWrongPassword', 'publitrac wrong password', [
				{
					name: 'PUBLITRAC',
					type: NODE,
					credentials: badCred,
					parameters: { resource: 'lead', operation: 'get', email: 'e2e-seed0@acme.com' },
				},
			]),
		);
		workflows.push({
			id: 'ptTrigger',
			name: 'publitrac trigger',
			active: false,
			settings: { executionOrder: 'v1' },
			nodes: [
				{
					id: 'p1',
					name: 'PUBLITRAC Trigger',
					type: TRIGGER,
					typeVersion: 1,
					position: [0, 0],
					credentials: cred,
					parameters: {
						pollTimes: { item: [{ mode: 'everyMinute' }] },
						source: 'view',
						viewName: 'E2EView',
						event: 'new',
					},
				},
				{
					id: 'p2',
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
				'PUBLITRAC Trigger': { main: [[{ node: 'Record', type: 'main', index: 0 }]] },
			},
		});
		await n8n.importWorkflows(workflows);
		({
			runs,
			executions,
			output: batchOutput,
		} = await n8n.executeBatch([...OPERATIONS.map(([id]) => id), 'ptWrongPassword']));
	});

	after(async () => {
		await n8n?.stop();
		n8n?.cleanup();
		await sim?.stop();
		await recorder?.close();
	});

	it('every call carries method, apikey, username and password in the query string', () => {
		const api = sim.log.filter((r) => r.path === '/api' && r.query.password !== WRONG_PASSWORD);
		assert.ok(api.length >= OPERATIONS.length);
		for (const r of api) {
			assert.equal(r.query.apikey, PUBLITRAC_CREDENTIALS.apiKey);
			assert.equal(r.query.username, PUBLITRAC_CREDENTIALS.username);
			assert.equal(r.query.password, PUBLITRAC_CREDENTIALS.password);
		}
		assert.equal(sim.state.rateViolations, 0);
	});

	it('lead:sync POSTs escaped XML and the values arrive unchanged', () => {
		const [r] = calls('syncLead').filter((c) => c.body.query.includes('e2e-sync@acme.com'));
		assert.equal(r.method, 'POST');
		assert.match(r.body.query, /Zoë &amp; &lt;b&gt;/);
		assert.deepEqual(queryOf(r).request.lead, {
			email: 'e2e-sync@acme.com',
			firstName: 'Zoë & <b>',
			dateOfBirth: '1990-05-31',
			customFields: { carColor: 'Red 🚗' },
		});
		assert.equal(out('ptSync')[0].json.status, '2006');
	});

	it('lead:sync with batching sends 3 items in 2 calls and pairs each output', () => {
		const batch = calls('syncLead').filter((c) => c.body.query.includes('e2e-b'));
		assert.deepEqual(
			batch.map((c) => [].concat(queryOf(c).request.lead).length),
			[2, 1],
		);
		assert.deepEqual(
			out('ptSyncBatch').map((o) => o.pairedItem),
			[{ item: 0 }, { item: 1 }, { item: 2 }],
		);
	});

	it('lead:create, lead:update', () => {
		assert.equal(out('ptCreate')[0].json.status, '2003');
		assert.equal(out('ptUpdate')[0].json.status, '2004');
		assert.equal(sim.state.leads.find((l) => l.email === 'e2e-seed0@acme.com').city, 'Montréal');
	});

	it('lead:get, getByExternalId, getByToken GET one lead each, as clean JSON', () => {
		assert.equal(calls('getLead')[0].method, 'GET');
		assert.equal(out('ptGet')[0].json.email, 'e2e-seed1@acme.com');
		assert.equal(out('ptGetExt')[0].json.crmLeadId, 'EXT-E2E');
		assert.equal(out('ptGetTok')[0].json.token, '_nl-e2e.com-1-1');
		assert.equal(out('ptGet')[0].json.doNotCall, '0');
	});

	it('lead:search sends the query rows and returns the matching leads', () => {
		assert.deepEqual(queryOf(calls('getLeads')[0]).request.queries.query, {
			field: 'email',
			operator: 'like',
			value: 'e2e-seed%',
		});
		assert.equal(out('ptSearch').length, 3);
	});

	it('view:getLeads returns all 150 leads over 2 pages; list:getLeads stops at Limit 120', () => {
		assert.deepEqual(
			calls('getView').map((c) => c.query.page),
			['1', '2'],
		);
		assert.equal(out('ptView').length, 150);
		assert.equal(out('ptList').length, 120);
	});

	it('list:addLeads, list:removeLead', () => {
		assert.equal(out('ptAddLeads')[0].json.status, '2009');
		assert.equal(sim.state.lists.E2EStatic.leadIds.length, 2);
		assert.equal(out('ptRemove')[0].json.status, '2008');
	});

	it('history: web visit, click link, form fill', () => {
		assert.equal(out('ptVisit')[0].json.status, '3002');
		assert.equal(
			queryOf(calls('addWebVisitHistory')[0]).request.webvisitleadhistory.url,
			'http://acme.com/?a=1&b=2',
		);
		assert.equal(out('ptClick')[0].json.status, '3003');
		assert.equal(out('ptForm')[0].json.status, '3004');
	});

	it('campaign: getMany, execute, sendEmail (60 leads in 2 calls)', () => {
		assert.equal(out('ptCampaigns').length, 2);
		assert.equal(out('ptExecute')[0].json.status, '1100');
		assert.deepEqual(
			calls('addEmailCampaign').map((c) => [].concat(queryOf(c).request.leads.lead).length),
			[50, 10],
		);
		assert.equal(out('ptSendEmail')[0].json.calls, 2);
	});

	it('opportunity: getMany, sync; transaction:create', () => {
		assert.equal(out('ptOpps')[0].json.Name, 'Existing');
		assert.equal(out('ptOppSync')[0].json.status, '5002');
		assert.equal(queryOf(calls('syncOpportunity')[0]).request.opportunity.dateClosed, '2024-02-03');
		assert.equal(calls('addTransaction')[0].body.token, PUBLITRAC_CREDENTIALS.accountToken);
		assert.equal(out('ptTransaction')[0].json.success, true);
	});

	it('a wrong password fails the run with HTTP 401, and the password is nowhere in the run data', () => {
		const run = executions.ptWrongPassword;
		assert.equal(run.executionStatus, 'error');
		assert.match(run.error, /^PUBLITRAC: HTTP 401/);
		assert.ok(!batchOutput.includes(WRONG_PASSWORD));
		assert.ok(!n8n.logs.includes(WRONG_PASSWORD));
	});

	describe('publitracTrigger (n8n start, polling every minute)', () => {
		let startedAt = 0;
		before(async () => {
			await n8n.activate('ptTrigger');
			startedAt = Date.now();
			await n8n.start();
		});

		it(
			'takes the existing view as baseline and emits a lead new to the view',
			{ timeout: 300_000 },
			async () => {
				// The poll at activation is the baseline: wait until it has read the view (n8n 1.x can
				// take longer to get there), so the lead added next is new to it. The next poll comes
				// within two minutes (an every-minute poll fires at a fixed random second).
				const viewReads = () =>
					sim.log.filter((r) => r.query.method === 'getView' && r.at >= startedAt).length;
				for (let i = 0; i < 260 && viewReads() === 0; i++)
					await new Promise((r) => setTimeout(r, 500));
				assert.ok(viewReads() > 0, 'the baseline poll read the view');
				// n8n 2.41's scheduler may run more than one poll around activation: let them all end
				// (and commit their cursor) first, or a lead added meanwhile is part of a baseline.
				await new Promise((r) => setTimeout(r, 3000));
				assert.equal(recorder.received.length, 0, 'the baseline emits nothing');
				const [added] = sim.seedLeads(1, { view: 'E2EView' });
				const addedAt = Date.now();
				const [emitted] = await recorder.waitFor(1, 140_000).catch((error) => {
					// What the polls did after the lead was added, and n8n's last words: for whoever reads a failure.
					const polls = sim.log
						.filter((r) => r.query.method === 'getView' && r.at >= startedAt)
						.map((r) => `${r.at - addedAt} ms: HTTP ${r.status}`);
					throw new Error(
						`${error.message}; view reads since n8n started (time relative to the added lead): ${polls.join(', ')}; n8n log tail:\n${n8n.logs.slice(-3000)}`,
					);
				});
				assert.equal(emitted.body.id, added.id);
				assert.equal(emitted.body.email, added.email);
			},
		);
	});
});
