'use strict';
// SML in a real n8n, installed from the packed tarball: the credential's login
// (n8n's preAuthentication with an expirable token), every operation of the node,
// the renewal of a stale token on a 401, and a wrong password. Asserts what SML
// received (simulator log) and what n8n output.
const { after, before, describe, it } = require('node:test');
const assert = require('node:assert/strict');
const {
	createSmlSimulator,
	smlCredential,
	SML_USERNAME,
	SML_PASSWORD,
} = require('../../sandbox/sml');
const {
	N8nInstance,
	PACKAGE_NAME,
	chainWorkflow,
	nodeOutput,
	recordingServer,
	request,
} = require('../helpers/n8n');

const SML = `${PACKAGE_NAME}.sml`;
const cred = { smlApi: { id: 'smlSim', name: 'SML simulator' } };
const staleCred = { smlApi: { id: 'smlStale', name: 'SML stale token' } };
const badCred = { smlApi: { id: 'smlBad', name: 'SML wrong password' } };
const WRONG = 'wrong-SML-pass-5d2e';
const STALE = 'stale-token-0000000000000000';

describe(`SML in n8n ${process.env.E2E_N8N_MAJOR || 2}.x (tarball install)`, () => {
	let n8n;
	let sim;
	let runs;
	let executions;
	let batchOutput;

	const calls = (method, path) => sim.log.filter((r) => r.method === method && r.path === path);

	before(async () => {
		sim = await createSmlSimulator({ leads: 12, maxPageSize: 5 }).start(0);
		n8n = new N8nInstance();
		const data = (extra = {}) => ({ ...smlCredential(sim.url).data, ...extra });
		await n8n.importCredentials([
			{ id: 'smlSim', name: 'SML simulator', type: 'smlApi', data: data() },
			{ id: 'smlStale', name: 'SML stale token', type: 'smlApi', data: data({ token: STALE }) },
			{ id: 'smlBad', name: 'SML wrong password', type: 'smlApi', data: data({ password: WRONG }) },
		]);
		const node = (name, parameters, extra = {}) => ({
			name,
			type: SML,
			credentials: cred,
			parameters,
			...extra,
		});
		const lead = "={{ $('Create').item.json.id }}";
		const task = "={{ $('Task Create').item.json.id }}";
		await n8n.importWorkflows([
			chainWorkflow('e2eSmlLead', 'sml lead and task operations', [
				node('Create', {
					resource: 'lead',
					operation: 'create',
					source: 1,
					brand_model: 'E2E-create',
					vehicle: { year: 2020 },
					additionalFields: {
						client: { name: 'Ana', email: 'ana@example.com' },
						tags: { values: [{ content: 'e2e' }] },
					},
				}),
				node('Get', { resource: 'lead', operation: 'get', id_lead: lead }),
				node('Update', {
					resource: 'lead',
					operation: 'update',
					id_lead: lead,
					updateFields: {
						score: '4',
						vehicle: { id: "={{ $('Create').item.json.vehicle.id }}", brand_model: 'E2E-updated' },
					},
				}),
				node('Assign', { resource: 'lead', operation: 'assign', id_lead: lead, user: 3 }),
				node('Change Status', {
					resource: 'lead',
					operation: 'changeStatus',
					id_lead: lead,
					status: 'tracing',
				}),
				node('Task Create', {
					resource: 'task',
					operation: 'create',
					lead,
					additionalFields: {
						type: 'date',
						planified_realization_date: '2024-06-01T10:00:00.000Z',
					},
				}),
				node('Task Update', {
					resource: 'task',
					operation: 'update',
					id_tarea: task,
					updateFields: { subtype: 'E2E-subtype', realization_date_check: true },
				}),
				node('Task Delete', { resource: 'task', operation: 'delete', id_tarea: task }),
				node(
					'History',
					{ resource: 'lead', operation: 'getHistory', id_lead: lead, returnAll: true },
					{ executeOnce: true },
				),
				node(
					'Click2Call',
					{ resource: 'lead', operation: 'click2call', lead },
					{ executeOnce: true },
				),
				node('Finalize', { resource: 'lead', operation: 'finalize', id_lead: lead }),
				node('Logout', { resource: 'session', operation: 'logout' }),
			]),
			chainWorkflow('e2eSmlLists', 'sml lists', [
				node(
					'Leads',
					{
						resource: 'lead',
						operation: 'getMany',
						returnAll: true,
						filters: { concessionaire__in: [1, 2] },
					},
					{ executeOnce: true },
				),
				node(
					'Leads Limit',
					{ resource: 'lead', operation: 'getMany', returnAll: false, limit: 7 },
					{ executeOnce: true },
				),
				node(
					'Concessionaires',
					{ resource: 'concessionaire', operation: 'getMany', returnAll: true },
					{ executeOnce: true },
				),
				node(
					'Sources',
					{ resource: 'source', operation: 'getMany', returnAll: true },
					{ executeOnce: true },
				),
				node(
					'Gas Types',
					{ resource: 'gasType', operation: 'getMany', returnAll: true },
					{ executeOnce: true },
				),
				node(
					'Clients',
					{
						resource: 'client',
						operation: 'getMany',
						returnAll: true,
						filters: { name__icontains: 'Cliente 1' },
					},
					{ executeOnce: true },
				),
				node(
					'Provinces',
					{ resource: 'province', operation: 'getMany', returnAll: true, country: 28 },
					{ executeOnce: true },
				),
				node(
					'Localities',
					{ resource: 'locality', operation: 'getMany', returnAll: true, province: 638 },
					{ executeOnce: true },
				),
				node(
					'Users',
					{
						resource: 'user',
						operation: 'getMany',
						returnAll: true,
						filters: { is_active: 'true' },
					},
					{ executeOnce: true },
				),
			]),
			// Saved when Brand and Model sat in the Vehicle collection.
			chainWorkflow('e2eSmlSaved', 'sml lead create saved the older way', [
				node('Create', {
					resource: 'lead',
					operation: 'create',
					source: 1,
					vehicle: { brand_model: 'E2E-saved', year: 2020 },
					additionalFields: {},
				}),
			]),
			chainWorkflow('e2eSmlStale', 'sml stale token renewed', [
				node(
					'Get',
					{ resource: 'lead', operation: 'get', id_lead: 984 },
					{ credentials: staleCred },
				),
			]),
			chainWorkflow('e2eSmlWrong', 'sml wrong password', [
				node('Get', { resource: 'lead', operation: 'get', id_lead: 984 }, { credentials: badCred }),
			]),
		]);
		({
			runs,
			executions,
			output: batchOutput,
		} = await n8n.executeBatch([
			'e2eSmlLead',
			'e2eSmlLists',
			'e2eSmlSaved',
			'e2eSmlStale',
			'e2eSmlWrong',
		]));
	});

	after(async () => {
		await n8n?.stop();
		n8n?.cleanup();
		await sim?.stop();
	});

	it('lead:create logs in, posts the JSON lead with the token, and outputs the lead with sub-object ids', () => {
		const [req] = calls('POST', '/api/lead/').filter(
			(r) => r.body.vehicle.brand_model === 'E2E-create',
		);
		assert.ok(req, 'SML received the lead');
		assert.match(req.headers.authorization, /^Token \S+$/);
		assert.deepEqual(req.body, {
			source: 1,
			vehicle: { brand_model: 'E2E-create', year: 2020 },
			client: { name: 'Ana', email: 'ana@example.com' },
			tags: [{ content: 'e2e' }],
		});
		const out = nodeOutput(runs.e2eSmlLead, 'Create');
		assert.equal(out[0].json.vehicle.brand_model, 'E2E-create');
		assert.equal(typeof out[0].json.vehicle.id, 'number');
	});

	it('lead:create saved with Brand and Model in Vehicle is refused by n8n before any request (the required Brand and Model is empty)', () => {
		// n8n runs no workflow whose required parameters are empty ("workflow has issues"): the older one must have it filled once.
		assert.equal(
			calls('POST', '/api/lead/').filter((r) => r.body.vehicle?.brand_model === 'E2E-saved').length,
			0,
		);
		assert.equal(runs.e2eSmlSaved, undefined, 'no successful run of the older workflow');
	});

	it('lead:get, update (in place), assign, changeStatus and finalize reach the documented paths', () => {
		const id = nodeOutput(runs.e2eSmlLead, 'Create')[0].json.id;
		const vehicleId = nodeOutput(runs.e2eSmlLead, 'Create')[0].json.vehicle.id;
		assert.equal(calls('GET', `/api/lead/${id}/`).length, 1);
		const patches = calls('PATCH', `/api/lead/${id}/`).map((r) => r.body);
		assert.deepEqual(patches, [
			{ score: 4, vehicle: { id: vehicleId, brand_model: 'E2E-updated' } },
			{ user: 3 },
			{ status: 'end' },
		]);
		assert.deepEqual(
			calls('PATCH', `/api/lead/${id}/change_status/`).map((r) => r.body),
			[{ status: 'tracing' }],
		);
		assert.equal(nodeOutput(runs.e2eSmlLead, 'Update')[0].json.vehicle.id, vehicleId);
		assert.equal(nodeOutput(runs.e2eSmlLead, 'Assign')[0].json.user, 3);
		assert.equal(nodeOutput(runs.e2eSmlLead, 'Change Status')[0].json.status, 'tracing');
		assert.equal(nodeOutput(runs.e2eSmlLead, 'Finalize')[0].json.status, 'end');
	});

	it('task:create, update and delete', () => {
		const id = nodeOutput(runs.e2eSmlLead, 'Create')[0].json.id;
		const task = nodeOutput(runs.e2eSmlLead, 'Task Create')[0].json;
		assert.deepEqual(calls('POST', '/api/lead_task_create/')[0].body, {
			lead: id,
			type: 'date',
			planified_realization_date: '2024-06-01T10:00:00.000Z',
		});
		assert.deepEqual(calls('PATCH', `/api/task/${task.id}/`)[0].body, {
			subtype: 'E2E-subtype',
			realization_date_check: true,
		});
		assert.equal(nodeOutput(runs.e2eSmlLead, 'Task Update')[0].json.subtype, 'E2E-subtype');
		assert.equal(calls('DELETE', `/api/task/${task.id}/`)[0].status, 204);
		assert.deepEqual(nodeOutput(runs.e2eSmlLead, 'Task Delete')[0].json, {
			deleted: true,
			id: task.id,
		});
	});

	it('lead:getHistory, click2call and session:logout', () => {
		const id = nodeOutput(runs.e2eSmlLead, 'Create')[0].json.id;
		assert.equal(calls('GET', `/api/lead_history/${id}/get_history/`).length, 1);
		assert.ok(nodeOutput(runs.e2eSmlLead, 'History').length >= 2);
		assert.deepEqual(calls('PATCH', '/api/netelip/call_control_lead/click2call/')[0].body, {
			lead: id,
		});
		assert.equal(nodeOutput(runs.e2eSmlLead, 'Click2Call')[0].json.call_control, 135);
		assert.equal(calls('POST', '/api/auth/logout/').length, 1);
		assert.equal(nodeOutput(runs.e2eSmlLead, 'Logout')[0].json.loggedOut, true);
	});

	it('every list follows the DRF pages (max page size 5 here) and sends its filters', () => {
		const out = (name) => nodeOutput(runs.e2eSmlLists, name);
		// The lead workflow's session:logout ran first, so the stored token answers 401 until n8n logs in again.
		const leadPages = sim.log.filter(
			(r) =>
				r.path === '/api/lead/' &&
				r.method === 'GET' &&
				r.query.concessionaire__in === '1,2' &&
				r.status !== 401,
		);
		// 12 seeded leads, up to 14 if the lead workflows ran first: 3 pages of 5 either way.
		assert.deepEqual(
			leadPages.map((r) => r.query.page ?? '1'),
			['1', '2', '3'],
		);
		assert.equal(out('Leads').length, leadPages[0].response.count);
		assert.ok(out('Leads').length >= 12);
		assert.equal(out('Leads Limit').length, 7);
		assert.equal(out('Concessionaires').length, 2);
		assert.equal(out('Sources').length, 2);
		assert.equal(out('Gas Types').length, 3);
		assert.ok(out('Clients').every((c) => c.json.name.startsWith('Cliente 1')));
		assert.deepEqual(
			out('Provinces')
				.map((p) => p.json.name)
				.sort(),
			['Barcelona', 'Madrid'],
		);
		assert.equal(sim.log.find((r) => r.path === '/api/provinces/').query.country, '28');
		assert.equal(out('Localities').length, 2);
		assert.equal(sim.log.find((r) => r.path === '/api/user/').query.is_active, 'true');
	});

	it('a stale stored token gets a 401, n8n logs in again once and the call succeeds', () => {
		assert.ok(
			runs.e2eSmlStale,
			'the run succeeded (execute-batch writes snapshots of successful runs only)',
		);
		const stale = sim.log.filter((r) => r.headers.authorization === `Token ${STALE}`);
		assert.ok(stale.length >= 1 && stale.every((r) => r.status === 401));
		assert.equal(nodeOutput(runs.e2eSmlStale, 'Get')[0].json.id, 984);
	});

	it("a wrong password fails with SML's own message and the password is nowhere", () => {
		const run = executions.e2eSmlWrong;
		assert.equal(run.executionStatus, 'error');
		assert.match(run.error, /No se puede iniciar sesión con las credenciales proporcionadas/);
		assert.ok(!batchOutput.includes(WRONG));
		assert.ok(!n8n.logs.includes(WRONG));
	});
	describe('smlTrigger (n8n start, polling every minute)', () => {
		let recorder;
		let startedAt = 0;
		before(async () => {
			recorder = await recordingServer();
			await n8n.importWorkflows([
				{
					id: 'e2eSmlTrigger',
					name: 'sml new lead trigger',
					active: false,
					settings: { executionOrder: 'v1' },
					nodes: [
						{
							id: 's1',
							name: 'SML Trigger',
							type: `${PACKAGE_NAME}.smlTrigger`,
							typeVersion: 1,
							position: [0, 0],
							credentials: cred,
							parameters: {},
						},
						{
							id: 's2',
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
					connections: { 'SML Trigger': { main: [[{ node: 'Record', type: 'main', index: 0 }]] } },
				},
			]);
			await n8n.activate('e2eSmlTrigger');
			startedAt = Date.now();
			await n8n.start();
		});
		after(async () => recorder?.close());

		it(
			'takes the existing leads as baseline and emits a lead created after it, once',
			{ timeout: 360_000 },
			async () => {
				// The poll at activation is the baseline: wait until it has read the leads, so the lead
				// created next is new to it; the next poll comes within two minutes.
				const baselineReads = () =>
					sim.log.filter(
						(r) =>
							r.method === 'GET' &&
							r.path === '/api/lead/' &&
							r.status === 200 &&
							r.at >= startedAt,
					).length;
				for (let i = 0; i < 260 && baselineReads() === 0; i++)
					await new Promise((r) => setTimeout(r, 500));
				assert.ok(baselineReads() > 0, 'the baseline poll read the leads');
				// Every poll around activation ends (and commits its cursor) before the new lead.
				await new Promise((r) => setTimeout(r, 3000));
				assert.equal(recorder.received.length, 0, 'the baseline emits nothing');
				const login = await request('POST', `${sim.url}/api/auth/login/`, {
					headers: { 'content-type': 'application/json' },
					body: { username: SML_USERNAME, password: SML_PASSWORD },
				});
				const created = await request('POST', `${sim.url}/api/lead/`, {
					headers: {
						'content-type': 'application/json',
						authorization: `Token ${login.json.token}`,
					},
					body: { source: 1, vehicle: { brand_model: 'E2E-poll' }, client: { name: 'Poll' } },
				});
				assert.equal(created.status, 201, created.text);
				const [emitted] = await recorder.waitFor(1, 140_000);
				assert.equal(emitted.body.id, created.json.id);
				assert.equal(emitted.body.vehicle.brand_model, 'E2E-poll');
				await new Promise((r) => setTimeout(r, 65_000));
				assert.equal(recorder.received.length, 1, 'the lead is not emitted twice');
			},
		);
	});
});
