'use strict';
// CRM Data Platform in a real n8n, installed from the packed tarball: every action (batched
// into the listener's `data` array) and the trigger, asserting what the listener received
// (simulator log) and what n8n output. The listener URL must never appear in run data or logs.
const { after, before, describe, it } = require('node:test');
const assert = require('node:assert/strict');
const {
	createDataPlatformSimulator,
	DATA_PLATFORM_LISTENER_PATH,
	DATA_PLATFORM_LISTENER_SECRET,
} = require('../../sandbox/dataPlatform');
const {
	N8nInstance,
	PACKAGE_NAME,
	chainWorkflow,
	itemsNode,
	nodeOutput,
	recordingServer,
	request,
} = require('../helpers/n8n');

const DP = `${PACKAGE_NAME}.dataPlatform`;
const DP_TRIGGER = `${PACKAGE_NAME}.dataPlatformTrigger`;
const SENDER = 'owner@dataplatform.test';
const cred = { dataPlatformApi: { id: 'dpSim', name: 'Data Platform simulator' } };
const badCred = { dataPlatformApi: { id: 'dpWrongPath', name: 'Data Platform wrong listener' } };
const WRONG_PATH = '/webhook/listener/lst-wrong-0d9c8b7a6f5e4d3c';
const TRIGGER_SECRET = 'dp-trigger-secret-51ab';

const node = (name, parameters, extra = {}) => ({
	name,
	type: DP,
	credentials: cred,
	parameters: { requestOptions: { maxRetries: 0 }, ...parameters },
	...extra,
});

describe(`CRM Data Platform in n8n ${process.env.E2E_N8N_MAJOR || 2}.x (tarball install)`, () => {
	let n8n;
	let sim;
	let recorder;
	let runs;
	let executions;
	let batchOutput;

	const listenerPosts = () =>
		sim.log.filter((r) => r.path === DATA_PLATFORM_LISTENER_PATH && r.method === 'POST');
	const actionsOf = (actionType) =>
		listenerPosts().flatMap((r) =>
			(Array.isArray(r.body.data) ? r.body.data : [])
				.filter((a) => a.actionType === actionType)
				.map((a) => ({ ...a, senderUser: r.body.senderUser })),
		);

	before(async () => {
		sim = await createDataPlatformSimulator().start(0);
		// Records the update/note actions find (the listener looks them up).
		sim.state.contacts.push({
			customerId: 'PID-E2E',
			contactId: '9001',
			name: 'Seeded',
			passport: 'E2E-P1',
			emails: [{ value: 'seeded@example.com' }],
			phones: [],
			history: [],
		});
		sim.state.leads.push({ customerId: 'LID-E2E', name: 'Seeded lead' });
		sim.state.deals.push({ dealId: 'E2E-D1', name: 'E2E seeded deal', stage: 'New' });
		recorder = await recordingServer();
		n8n = new N8nInstance();
		await n8n.importCredentials([
			{
				id: 'dpSim',
				name: 'Data Platform simulator',
				type: 'dataPlatformApi',
				data: { listenerUrl: `${sim.url}${DATA_PLATFORM_LISTENER_PATH}`, senderUser: SENDER },
			},
			{
				id: 'dpWrongPath',
				name: 'Data Platform wrong listener',
				type: 'dataPlatformApi',
				data: { listenerUrl: `${sim.url}${WRONG_PATH}`, senderUser: SENDER },
			},
			{
				id: 'dpTriggerSecret',
				name: 'Data Platform trigger secret',
				type: 'dataPlatformTriggerApi',
				data: { secret: TRIGGER_SECRET, location: 'header', headerName: 'X-Listener-Secret' },
			},
		]);
		const workflows = [
			chainWorkflow('e2eDpContacts', 'data platform contact create, three items, one invalid', [
				itemsNode('Contacts', [
					{ name: 'E2E-contact-0', email: 'c0@example.com' },
					{ name: 'E2E-contact-1', email: 'not-an-email' },
					{ name: 'E2E-contact-2', email: 'c2@example.com' },
				]),
				node(
					'DP',
					{
						resource: 'contact',
						operation: 'create',
						name: '={{ $json.name }}',
						type: 0,
						additionalFields: {
							emails: { values: [{ type: 'Work', value: '={{ $json.email }}' }] },
							dateOfBirth: '1993-01-01T00:00:00',
							cusFields: { values: [{ name: 'Pets', fieldType: 'checkbox', value: 'Dog | Cat' }] },
						},
						permit: { status: 3, group: 'Nhom Test' },
						companyContact: { name: 'E2E Company' },
					},
					{ onError: 'continueRegularOutput' },
				),
			]),
			chainWorkflow('e2eDpContactUpdate', 'data platform contact update', [
				node('DP', {
					resource: 'contact',
					operation: 'update',
					customerId: 'PID-E2E',
					contactId: '',
					type: 0,
					additionalFields: { title: 'E2E-updated' },
				}),
			]),
			chainWorkflow('e2eDpLead', 'data platform lead create', [
				node('DP', {
					resource: 'lead',
					operation: 'create',
					name: 'E2E-lead',
					additionalFields: { companyLead: 'GOOGLE', tag: 'webhook' },
				}),
			]),
			chainWorkflow('e2eDpLeadUpdate', 'data platform lead update', [
				node('DP', {
					resource: 'lead',
					operation: 'update',
					customerId: 'LID-E2E',
					contactId: '',
					additionalFields: { title: 'E2E-lead-updated' },
				}),
			]),
			chainWorkflow('e2eDpNote', 'data platform note create on a deal', [
				node('DP', {
					resource: 'note',
					operation: 'create',
					body: 'E2E-note',
					model: 'deal',
					dealId: 'E2E-D1',
					name: '',
					additionalFields: {},
				}),
			]),
			chainWorkflow('e2eDpDeal', 'data platform deal upsert', [
				node('DP', {
					resource: 'deal',
					operation: 'upsert',
					name: 'E2E-deal',
					dealId: '',
					additionalFields: { stage: 'New', value: 50000, closeDate: '2016-12-23T05:19:42.793Z' },
					dealWith: {
						name: 'E2E customer',
						emails: { values: [{ type: 'Work', value: 'cust@example.com' }] },
					},
					owner_opportunity: { users: 'nhanvien1@example.com' },
				}),
			]),
			chainWorkflow('e2eDpTicket', 'data platform ticket create', [
				node('DP', {
					resource: 'ticket',
					operation: 'create',
					body: 'E2E-ticket',
					contactType: 'customer',
					additionalFields: { channel: 'Kite Chat', email: 'seeded@example.com' },
				}),
			]),
			chainWorkflow('e2eDpSms', 'data platform sms send', [
				node('DP', {
					resource: 'sms',
					operation: 'send',
					content: 'E2E-sms',
					phones: '0333456789, 098765431',
				}),
			]),
			chainWorkflow('e2eDpWrongListener', 'data platform wrong listener URL', [
				{
					name: 'DP',
					type: DP,
					credentials: badCred,
					parameters: {
						resource: 'sms',
						operation: 'send',
						content: 'E2E-wrong',
						phones: '1',
						requestOptions: { maxRetries: 0 },
					},
				},
			]),
			{
				id: 'e2eDpTrigger',
				name: 'data platform trigger',
				active: false,
				settings: { executionOrder: 'v1' },
				nodes: [
					{
						id: 't1',
						name: 'DP Trigger',
						type: DP_TRIGGER,
						typeVersion: 1,
						position: [0, 0],
						webhookId: 'e2e-dp-hook',
						credentials: {
							dataPlatformTriggerApi: {
								id: 'dpTriggerSecret',
								name: 'Data Platform trigger secret',
							},
						},
						parameters: {
							path: 'data-platform',
							actionTypes: ['add-contact', 'add-note'],
							authentication: 'sharedSecret',
							allowedIps: '127.0.0.1, ::1',
							maxBodyKb: 4,
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
				connections: { 'DP Trigger': { main: [[{ node: 'Record', type: 'main', index: 0 }]] } },
			},
		];
		// A second listener whose allowlist leaves this machine out (refusal proved over real HTTP).
		workflows.push({
			id: 'e2eDpTriggerDeny',
			name: 'data platform trigger, allowlist without this machine',
			active: false,
			settings: { executionOrder: 'v1' },
			nodes: [
				{
					id: 'd1',
					name: 'DP Trigger',
					type: DP_TRIGGER,
					typeVersion: 1,
					position: [0, 0],
					webhookId: 'e2e-dp-deny',
					parameters: { path: 'deny', allowedIps: '203.0.113.7, 198.51.100.0/24' },
				},
				{
					id: 'd2',
					name: 'Record',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					position: [220, 0],
					parameters: {
						method: 'POST',
						url: `${recorder.url}/denied`,
						sendBody: true,
						specifyBody: 'json',
						jsonBody: '={{ JSON.stringify($json) }}',
					},
				},
			],
			connections: { 'DP Trigger': { main: [[{ node: 'Record', type: 'main', index: 0 }]] } },
		});
		await n8n.importWorkflows(workflows);
		({
			runs,
			executions,
			output: batchOutput,
		} = await n8n.executeBatch([
			'e2eDpContacts',
			'e2eDpContactUpdate',
			'e2eDpLead',
			'e2eDpLeadUpdate',
			'e2eDpNote',
			'e2eDpDeal',
			'e2eDpTicket',
			'e2eDpSms',
			'e2eDpWrongListener',
		]));
	});

	after(async () => {
		await n8n?.stop();
		n8n?.cleanup();
		await sim?.stop();
		await recorder?.close();
	});

	it("contact:create sends the valid items in one POST, in the doc's shapes, and pairs every output", () => {
		const posts = listenerPosts().filter((r) =>
			r.body.data.some((a) => String(a.data.name).startsWith('E2E-contact')),
		);
		assert.equal(posts.length, 1, 'one POST for the batch');
		assert.match(posts[0].headers['content-type'], /^application\/json/);
		assert.equal(posts[0].body.senderUser, SENDER);
		assert.deepEqual(
			posts[0].body.data.map((a) => a.data.name),
			['E2E-contact-0', 'E2E-contact-2'],
		);
		assert.deepEqual(posts[0].body.data[0], {
			actionType: 'add-contact',
			data: {
				name: 'E2E-contact-0',
				type: 0,
				dateOfBirth: 'Fri Jan 01 1993 00:00:00 GMT+0000',
				emails: [{ type: 'Work', value: 'c0@example.com' }],
				cusFields: [{ name: 'Pets', value: 'Dog|Cat' }],
				permit: { status: 3, group: 'Nhom Test' },
				companyContact: { name: 'E2E Company' },
			},
		});
		const out = nodeOutput(runs.e2eDpContacts, 'DP');
		assert.equal(out.length, 3);
		assert.deepEqual(
			out.map((o) => o.pairedItem),
			[{ item: 0 }, { item: 1 }, { item: 2 }],
		);
		assert.equal(out[0].json.success, true);
		assert.equal(out[0].json.actionType, 'add-contact');
		assert.match(out[0].json.response.customerId, /^PID-\d+$/);
		assert.match(
			out[1].json.error,
			/Emails \(emails\): "not-an-email" is not a valid email address/,
		);
		assert.equal(out[2].json.response.success, true);
	});

	it("contact:update sends update-contact and outputs the listener's answer", () => {
		const [action] = actionsOf('update-contact');
		assert.deepEqual(action.data, { customerId: 'PID-E2E', type: 0, title: 'E2E-updated' });
		assert.equal(
			nodeOutput(runs.e2eDpContactUpdate, 'DP')[0].json.response.message,
			'Contact updated',
		);
	});

	it('lead:create and lead:update send add-lead and update-lead', () => {
		const [add] = actionsOf('add-lead');
		assert.deepEqual(add.data, { name: 'E2E-lead', tag: 'webhook', companyLead: 'GOOGLE' });
		assert.match(nodeOutput(runs.e2eDpLead, 'DP')[0].json.response.customerId, /^LID-\d+$/);
		const [update] = actionsOf('update-lead');
		assert.deepEqual(update.data, { customerId: 'LID-E2E', title: 'E2E-lead-updated' });
		assert.equal(nodeOutput(runs.e2eDpLeadUpdate, 'DP')[0].json.response.message, 'Lead updated');
	});

	it('note:create sends add-note on a deal', () => {
		const [note] = actionsOf('add-note');
		assert.deepEqual(note.data, { body: 'E2E-note', model: 'deal', dealId: 'E2E-D1' });
		assert.equal(nodeOutput(runs.e2eDpNote, 'DP')[0].json.response.message, 'Note added');
	});

	it('deal:upsert sends add-deal with closeDate as a millisecond timestamp', () => {
		const [deal] = actionsOf('add-deal');
		assert.deepEqual(deal.data, {
			name: 'E2E-deal',
			value: 50000,
			stage: 'New',
			closeDate: 1482470382793,
			owner_opportunity: { users: ['nhanvien1@example.com'] },
			dealWith: { name: 'E2E customer', emails: [{ type: 'Work', value: 'cust@example.com' }] },
		});
		assert.equal(nodeOutput(runs.e2eDpDeal, 'DP')[0].json.response.created, true);
	});

	it('ticket:create and sms:send send add-ticket and send-sms', () => {
		const [ticket] = actionsOf('add-ticket');
		assert.deepEqual(ticket.data, {
			contactType: 'customer',
			body: 'E2E-ticket',
			email: 'seeded@example.com',
			channel: 'Kite Chat',
		});
		assert.equal(typeof nodeOutput(runs.e2eDpTicket, 'DP')[0].json.response.ticketId, 'number');
		const [sms] = actionsOf('send-sms');
		assert.deepEqual(sms.data, { content: 'E2E-sms', phones: ['0333456789', '098765431'] });
		assert.equal(nodeOutput(runs.e2eDpSms, 'DP')[0].json.response.sent, 2);
	});

	it("a wrong listener URL fails the run, and no listener path is in the run data or n8n's log", () => {
		const run = executions.e2eDpWrongListener;
		assert.equal(run.executionStatus, 'error');
		assert.match(run.error, /^CRM Data Platform: HTTP 404/);
		for (const secret of [WRONG_PATH, DATA_PLATFORM_LISTENER_SECRET]) {
			assert.ok(!batchOutput.includes(secret), `${secret} is not in the run summary`);
			assert.ok(!n8n.logs.includes(secret), `${secret} is not in n8n's log`);
		}
		assert.ok(
			!JSON.stringify(runs).includes(DATA_PLATFORM_LISTENER_SECRET),
			'the listener secret is in no run data',
		);
	});

	describe('dataPlatformTrigger (n8n start, production webhook)', () => {
		let hook;
		const post = (body, headers = { 'x-listener-secret': TRIGGER_SECRET }) =>
			request('POST', hook, { headers: { 'content-type': 'application/json', ...headers }, body });
		const body = {
			senderUser: 'huy.nguyenviet@example.com',
			data: [
				{
					actionType: 'add-contact',
					data: { name: 'E2E-trigger', emails: [{ value: 'huy@example.com' }] },
				},
				{ actionType: 'send-sms', data: { content: 'filtered out', phones: ['1'] } },
				{ actionType: 'add-note', data: { body: 'E2E-trigger-note', customerId: 'PID-1' } },
			],
		};

		before(async () => {
			await n8n.activate('e2eDpTrigger');
			await n8n.activate('e2eDpTriggerDeny');
			await n8n.start();
			hook = `${n8n.url}/webhook/e2e-dp-hook/data-platform`;
			for (let i = 0; i < 40; i++) {
				const r = await post({});
				if (r.status !== 404) break;
				await new Promise((r2) => setTimeout(r2, 500));
			}
		});

		it('emits one item per kept action with senderUser and actionType, answering 200', async () => {
			const r = await post(body);
			assert.equal(r.status, 200, r.text);
			assert.deepEqual(r.json, {
				success: true,
				message: '3 actions received',
				accepted: 2,
				ignored: 1,
			});
			const received = await recorder.waitFor(2);
			assert.deepEqual(
				received.map((x) => x.body),
				[
					{
						senderUser: 'huy.nguyenviet@example.com',
						actionType: 'add-contact',
						data: { name: 'E2E-trigger', emails: [{ value: 'huy@example.com' }] },
					},
					{
						senderUser: 'huy.nguyenviet@example.com',
						actionType: 'add-note',
						data: { body: 'E2E-trigger-note', customerId: 'PID-1' },
					},
				],
			);
		});

		it('refuses a caller outside the IP allowlist with 403, starting no execution', async () => {
			const before = recorder.received.length;
			const denyHook = `${n8n.url}/webhook/e2e-dp-deny/deny`;
			let r;
			for (let i = 0; i < 20; i++) {
				r = await request('POST', denyHook, {
					headers: { 'content-type': 'application/json' },
					body,
				});
				if (r.status !== 404) break;
				await new Promise((r2) => setTimeout(r2, 500));
			}
			assert.equal(r.status, 403, r.text);
			await new Promise((r2) => setTimeout(r2, 1500));
			assert.equal(recorder.received.length, before);
			assert.ok(!recorder.received.some((x) => x.path === '/denied'));
		});

		it('refuses a wrong secret (401), a bad body (400) and an oversized body (413), starting no execution', async () => {
			const before = recorder.received.length;
			const wrong = await post(body, { 'x-listener-secret': 'nope' });
			assert.equal(wrong.status, 401);
			const missing = await post(body, {});
			assert.equal(missing.status, 401);
			const bad = await post({
				senderUser: 'huy.nguyenviet@example.com',
				data: [{ actionType: 'delete-contact', data: {} }],
			});
			assert.equal(bad.status, 400);
			assert.match(
				bad.json.message,
				/data\[0\]\.actionType "delete-contact" is not an action type/,
			);
			const noSender = await post({ data: body.data });
			assert.equal(noSender.status, 400);
			assert.equal(
				noSender.json.message,
				'senderUser is required: the email of a user of the CRM organization',
			);
			const big = await post({
				...body,
				data: [{ actionType: 'add-note', data: { body: 'x'.repeat(6000), customerId: 'PID-1' } }],
			});
			assert.equal(big.status, 413);
			await new Promise((r2) => setTimeout(r2, 1500));
			assert.equal(recorder.received.length, before);
		});

		it("the credential test (n8n's Test button) only GETs the listener and creates nothing", async () => {
			const headers = await n8n.ownerSession();
			const test = (listenerUrl) =>
				request('POST', `${n8n.url}/rest/credentials/test`, {
					headers,
					body: {
						credentials: {
							id: 'dpSim',
							name: 'Data Platform simulator',
							type: 'dataPlatformApi',
							data: { listenerUrl, senderUser: SENDER },
						},
					},
				});
			const postsBefore = listenerPosts().length;
			const good = await test(`${sim.url}${DATA_PLATFORM_LISTENER_PATH}`);
			assert.equal(good.status, 200, good.text);
			assert.equal(good.json.data.status, 'OK', good.text);
			assert.ok(
				sim.log.some((r) => r.method === 'GET' && r.path === DATA_PLATFORM_LISTENER_PATH),
				'the listener was reached',
			);
			assert.equal(listenerPosts().length, postsBefore, 'testing posted no action');
			const malformed = await test('not a listener url');
			assert.equal(malformed.json.data.status, 'Error');
			const unreachable = await test(`http://127.0.0.1:9${DATA_PLATFORM_LISTENER_PATH}`);
			assert.equal(unreachable.json.data.status, 'Error');
			assert.ok(!unreachable.text.includes(DATA_PLATFORM_LISTENER_SECRET));
		});
	});
});
