'use strict';
// Pilot Solution in a real n8n, installed from the packed tarball: every operation
// and the trigger, asserting what Pilot received (simulator log) and what n8n output.
const { after, before, describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { createPilotSimulator, PILOT_APP_KEY } = require('../../sandbox/pilot');
const {
	N8nInstance,
	PACKAGE_NAME,
	chainWorkflow,
	itemsNode,
	nodeOutput,
	recordingServer,
	request,
} = require('../helpers/n8n');

const PILOT = `${PACKAGE_NAME}.pilot`;
const PILOT_TRIGGER = `${PACKAGE_NAME}.pilotTrigger`;
const cred = { pilotApi: { id: 'pilotSim', name: 'Pilot simulator' } };
const badCred = { pilotApi: { id: 'pilotBad', name: 'Pilot wrong key' } };
const WRONG_KEY = 'wrong-Pilot-key-7c1d';

describe(`Pilot Solution in n8n ${process.env.E2E_N8N_MAJOR || 2}.x (tarball install)`, () => {
	let n8n;
	let sim;
	let recorder;
	let runs;
	let executions;
	let batchOutput;

	const sent = (marker) => sim.log.filter((r) => JSON.stringify(r.body).includes(marker));

	before(async () => {
		sim = await createPilotSimulator().start(0);
		recorder = await recordingServer();
		n8n = new N8nInstance();
		await n8n.importCredentials([
			{
				id: 'pilotSim',
				name: 'Pilot simulator',
				type: 'pilotApi',
				data: { appKey: PILOT_APP_KEY, baseUrl: sim.url },
			},
			{
				id: 'pilotBad',
				name: 'Pilot wrong key',
				type: 'pilotApi',
				data: { appKey: WRONG_KEY, baseUrl: sim.url },
			},
		]);
		const workflows = [
			chainWorkflow('e2ePilotCreate', 'pilot lead create', [
				{
					name: 'Pilot',
					type: PILOT,
					credentials: cred,
					parameters: {
						resource: 'lead',
						operation: 'create',
						pilot_contact_type_id: '1',
						pilot_business_type_code: 'New',
						additionalFields: {
							pilot_firstname: 'E2E-create',
							pilot_email: 'ana@example.com',
							pilot_birth_date: '1990-05-31T00:00:00',
							pilot_notes: 'Zoë & <b> 🚗',
						},
					},
				},
			]),
			chainWorkflow('e2ePilotItems', 'pilot lead create, three items, one invalid', [
				itemsNode('Leads', [
					{ first: 'E2E-items-0', email: 'a0@example.com' },
					{ first: 'E2E-items-1', email: 'not-an-email' },
					{ first: 'E2E-items-2', email: 'a2@example.com' },
				]),
				{
					name: 'Pilot',
					type: PILOT,
					credentials: cred,
					onError: 'continueRegularOutput',
					parameters: {
						resource: 'lead',
						operation: 'create',
						pilot_contact_type_id: '1',
						pilot_business_type_id: '2',
						additionalFields: {
							pilot_firstname: '={{ $json.first }}',
							pilot_email: '={{ $json.email }}',
						},
					},
				},
			]),
			chainWorkflow('e2ePilotSurvey', 'pilot survey create', [
				{
					name: 'Pilot',
					type: PILOT,
					credentials: cred,
					parameters: {
						resource: 'survey',
						operation: 'create',
						surveytype: 'E2E-survey',
						celular_contacto: '1160403456',
						additionalFields: { sucursal: 'Centro', checkrepited: '1' },
					},
				},
			]),
			chainWorkflow('e2ePilotAdf', 'pilot build ADF', [
				{
					name: 'Pilot',
					type: PILOT,
					parameters: {
						resource: 'lead',
						operation: 'buildAdf',
						additionalFields: {
							pilot_firstname: 'Ana',
							pilot_lastname: 'García',
							pilot_email: 'ana@example.com',
							pilot_notes: 'Quiero un <207>',
						},
						adfOptions: { providerName: 'Landing' },
					},
				},
			]),
			chainWorkflow('e2ePilotWrongKey', 'pilot wrong app key', [
				{
					name: 'Pilot',
					type: PILOT,
					credentials: badCred,
					parameters: {
						resource: 'lead',
						operation: 'create',
						pilot_contact_type_id: '1',
						pilot_business_type_id: '1',
						additionalFields: { pilot_firstname: 'E2E-wrongkey' },
					},
				},
			]),
			{
				id: 'e2ePilotTrigger',
				name: 'pilot trigger',
				active: false,
				settings: { executionOrder: 'v1' },
				nodes: [
					{
						id: 't1',
						name: 'Pilot Trigger',
						type: PILOT_TRIGGER,
						typeVersion: 1,
						position: [0, 0],
						webhookId: 'e2e-pilot-hook',
						credentials: cred,
						parameters: { path: 'pilot', checkAppKey: true },
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
				connections: { 'Pilot Trigger': { main: [[{ node: 'Record', type: 'main', index: 0 }]] } },
			},
		];
		await n8n.importWorkflows(workflows);
		({
			runs,
			executions,
			output: batchOutput,
		} = await n8n.executeBatch([
			'e2ePilotCreate',
			'e2ePilotItems',
			'e2ePilotSurvey',
			'e2ePilotAdf',
			'e2ePilotWrongKey',
		]));
	});

	after(async () => {
		await n8n?.stop();
		n8n?.cleanup();
		await sim?.stop();
		await recorder?.close();
	});

	it('lead:create posts the form-encoded lead and outputs its id', () => {
		const [req] = sent('E2E-create');
		assert.ok(req, 'Pilot received the lead');
		assert.equal(req.method, 'POST');
		assert.equal(req.path, '/webhooks/welcome.php');
		assert.match(req.headers['content-type'], /^application\/x-www-form-urlencoded/);
		assert.deepEqual(req.body, {
			action: 'create',
			appkey: PILOT_APP_KEY,
			pilot_contact_type_id: '1',
			pilot_business_type_code: 'New',
			pilot_firstname: 'E2E-create',
			pilot_email: 'ana@example.com',
			pilot_birth_date: '31/05/90',
			pilot_notes: 'Zoë & <b> 🚗',
		});
		const out = nodeOutput(runs.e2ePilotCreate, 'Pilot');
		assert.equal(out.length, 1);
		assert.equal(typeof out[0].json.id, 'number');
		assert.equal(out[0].json.message, '(3.2) The data upload service ran successfully.');
		assert.deepEqual(out[0].pairedItem, { item: 0 });
	});

	it('lead:create with continue-on-fail keeps the good items and pairs each output', () => {
		assert.deepEqual(
			sim.log
				.filter((r) => String(r.body.pilot_firstname || '').startsWith('E2E-items'))
				.map((r) => r.body.pilot_firstname)
				.sort(),
			['E2E-items-0', 'E2E-items-2'],
		);
		const out = nodeOutput(runs.e2ePilotItems, 'Pilot');
		assert.equal(out.length, 3);
		assert.deepEqual(
			out.map((o) => o.pairedItem),
			[{ item: 0 }, { item: 1 }, { item: 2 }],
		);
		assert.equal(typeof out[0].json.id, 'number');
		assert.match(
			out[1].json.error,
			/Email \(pilot_email\): "not-an-email" is not a valid email address/,
		);
		assert.equal(typeof out[2].json.id, 'number');
	});

	it("survey:create posts the survey with a batch id and outputs Pilot's answer", () => {
		const [req] = sent('E2E-survey');
		assert.equal(req.path, '/webhooks/survey.php');
		assert.equal(req.body.celular_contacto, '1160403456');
		assert.equal(req.body.checkrepited, '1');
		assert.match(req.body.identificador_lote_carga, /^\d{14}$/);
		const out = nodeOutput(runs.e2ePilotSurvey, 'Pilot');
		assert.equal(out[0].json.message, 'The survey was created successfully');
		assert.equal(out[0].json.surveytype, 'E2E-survey');
	});

	it('lead:buildAdf outputs the ADF text and a binary attachment, sending nothing', () => {
		const out = nodeOutput(runs.e2ePilotAdf, 'Pilot');
		assert.match(out[0].json.adf, /<name part="first">Ana<\/name>/);
		assert.match(out[0].json.adf, /<comments><!\[CDATA\[Quiero un <207>\]\]><\/comments>/);
		assert.equal(out[0].json.subject, 'New contact of Ana García');
		assert.equal(out[0].binary.data.mimeType, 'application/xml');
		assert.equal(out[0].binary.data.fileName, 'lead.adf.xml');
	});

	it("a wrong app key fails the run with Pilot's message, and the key is nowhere in the run data", () => {
		const run = executions.e2ePilotWrongKey;
		assert.equal(run.executionStatus, 'error');
		assert.match(run.error, /^Pilot: Error - The appkey is not valid for any Pilot instance/);
		assert.equal(sent('E2E-wrongkey').length, 1, 'Pilot was called once');
		assert.ok(!batchOutput.includes(WRONG_KEY), 'the key is not in the run summary');
		assert.ok(!n8n.logs.includes(WRONG_KEY), "the key is not in n8n's log");
	});

	describe('pilotTrigger (n8n start, production webhook)', () => {
		let hook;
		before(async () => {
			await n8n.activate('e2ePilotTrigger');
			await n8n.start();
			hook = `${n8n.url}/webhook/e2e-pilot-hook/pilot`;
			// Registration can lag the start: retry a 404 for a few seconds.
			for (let i = 0; i < 40; i++) {
				const r = await request('POST', hook, {
					headers: { 'content-type': 'application/json' },
					body: {},
				});
				if (r.status !== 404) break;
				await new Promise((r2) => setTimeout(r2, 500));
			}
		});

		it("accepts a form-encoded lead, answers in Pilot's JSON shape and emits it without the app key", async () => {
			const form = new URLSearchParams({
				action: 'create',
				appkey: PILOT_APP_KEY,
				pilot_firstname: 'Web Form',
				pilot_contact_type_id: '1',
				pilot_business_type_id: '1',
				pilot_email: 'web@example.com',
			});
			const r = await request('POST', hook, {
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: form.toString(),
			});
			assert.equal(r.status, 200);
			assert.equal(r.json.success, true);
			assert.equal(r.json.message, 'Success');
			assert.equal(r.json.data.success, true);
			const [emitted] = await recorder.waitFor(1);
			assert.deepEqual(emitted.body, {
				submissionType: 'lead',
				pilot_firstname: 'Web Form',
				pilot_contact_type_id: '1',
				pilot_business_type_id: '1',
				pilot_email: 'web@example.com',
			});
		});

		it('accepts an ADF XML email body and emits it with Pilot field names', async () => {
			const adf = `<?xml version="1.0" encoding="UTF-8"?><?adf version="1.0"?><adf><prospect><requestdate>2013-06-27 11:26:24</requestdate><vehicle><brand>PEUGEOT</brand><model>207</model></vehicle><customer><contact><name part="first">Ada</name><name part="last">Lovelace</name><email>ada@example.com</email></contact><comments><![CDATA[Quiero un 207 & más]]></comments></customer><provider><name>p</name><service>Landing</service></provider></prospect><format><formtype>pilot</formtype><formversion>1</formversion><key>${PILOT_APP_KEY}</key></format></adf>`;
			const r = await request('POST', hook, {
				headers: { 'content-type': 'application/xml' },
				body: adf,
			});
			assert.equal(r.status, 200, r.text);
			const received = await recorder.waitFor(2);
			const emitted = received[1].body;
			assert.equal(emitted.submissionType, 'adf');
			assert.equal(emitted.pilot_firstname, 'Ada');
			assert.equal(emitted.pilot_car_brand, 'PEUGEOT');
			assert.equal(emitted.pilot_notes, 'Quiero un 207 & más');
			assert.equal(emitted.key, undefined);
		});

		it('accepts a JSON survey', async () => {
			const r = await request('POST', hook, {
				headers: { 'content-type': 'application/json' },
				body: {
					action: 'create',
					appkey: PILOT_APP_KEY,
					surveytype: 'POSTVENTA',
					telefono_contacto: '1147899000',
				},
			});
			assert.equal(r.status, 200);
			const received = await recorder.waitFor(3);
			assert.deepEqual(received[2].body, {
				submissionType: 'survey',
				surveytype: 'POSTVENTA',
				telefono_contacto: '1147899000',
			});
		});

		it('refuses a wrong app key with 401 and starts no execution', async () => {
			const before = recorder.received.length;
			const r = await request('POST', hook, {
				headers: { 'content-type': 'application/json' },
				body: {
					appkey: 'nope',
					pilot_firstname: 'x',
					pilot_contact_type_id: '1',
					pilot_business_type_id: '1',
				},
			});
			assert.equal(r.status, 401);
			assert.deepEqual(r.json, {
				success: false,
				message: 'Error',
				data: 'The appkey is not valid',
			});
			const missing = await request('POST', hook, {
				headers: { 'content-type': 'application/json' },
				body: { pilot_firstname: 'x' },
			});
			assert.equal(missing.status, 401);
			assert.equal(missing.json.data, 'The appkey required parameter was not configured');
			await new Promise((r2) => setTimeout(r2, 1500));
			assert.equal(recorder.received.length, before);
		});

		it("the credential test (n8n's Test button) reaches Pilot with debug=1 and tells a wrong key", async () => {
			const headers = await n8n.ownerSession();
			const test = (appKey) =>
				request('POST', `${n8n.url}/rest/credentials/test`, {
					headers,
					body: {
						credentials: {
							id: 'pilotSim',
							name: 'Pilot simulator',
							type: 'pilotApi',
							data: { appKey, baseUrl: sim.url },
						},
					},
				});
			const leadsBefore = sim.state.leads.length;
			const good = await test(PILOT_APP_KEY);
			assert.equal(good.status, 200, good.text);
			assert.equal(good.json.data.status, 'OK', good.text);
			const probe = sim.log.filter((r) => r.body.pilot_firstname === 'n8n credential test');
			assert.equal(probe.length, 1);
			assert.equal(probe[0].body.debug, '1');
			assert.equal(probe[0].body.appkey, PILOT_APP_KEY);
			assert.equal(sim.state.leads.length, leadsBefore, 'testing created no lead');
			const bad = await test(WRONG_KEY);
			assert.equal(bad.json.data.status, 'Error');
			assert.match(bad.json.data.message, /Pilot rejected the App Key/);
			assert.ok(!bad.text.includes(WRONG_KEY));
		});

		it('refuses malformed bodies with 400 and a clear message, starting no execution', async () => {
			const before = recorder.received.length;
			// XML n8n cannot parse never reaches the node: n8n answers 422 itself, as for broken JSON.
			const broken = await request('POST', hook, {
				headers: { 'content-type': 'application/xml' },
				body: '<adf><prospect>',
			});
			assert.equal(broken.status, 422);
			const cases = [
				[{ 'content-type': 'application/xml' }, '<lead><name>not ADF</name></lead>'],
				[{ 'content-type': 'application/json' }, { appkey: PILOT_APP_KEY, hello: 'world' }],
				[
					{ 'content-type': 'application/json' },
					{ appkey: PILOT_APP_KEY, action: 'delete', pilot_firstname: 'x' },
				],
				[
					{ 'content-type': 'application/json' },
					{ appkey: PILOT_APP_KEY, pilot_firstname: 'no types' },
				],
			];
			const answers = [];
			for (const [headers, body] of cases)
				answers.push(await request('POST', hook, { headers, body }));
			assert.deepEqual(
				answers.map((a) => a.status),
				[400, 400, 400, 400],
			);
			assert.match(answers[0].json.data, /not a well-formed ADF XML document/);
			assert.match(answers[1].json.data, /No Pilot lead field/);
			assert.match(answers[2].json.data, /action must be "create"/);
			assert.match(
				answers[3].json.data,
				/pilot_contact_type_id or pilot_contact_type_code is required/,
			);
			await new Promise((r2) => setTimeout(r2, 1500));
			assert.equal(recorder.received.length, before);
		});
	});
});
