'use strict';
// The CRM Data Platform Trigger's protections in a real n8n, installed from the packed tarball:
//  - the IP allowlist reads the address n8n's Express gives (trust proxy = N8N_PROXY_HOPS): with
//    N8N_PROXY_HOPS=1 the entry the proxy appended (right-most) counts, not the left-most one the
//    sender wrote; without N8N_PROXY_HOPS, X-Forwarded-For is ignored;
//  - the shared secret comes from a credential (header or query parameter, named by the
//    credential), is checked before the body, and is in no exported workflow;
//  - a workflow saved by the node's version 1.0, with the secret in its parameters, keeps working.
// What a trigger emitted is seen through n8n's HTTP Request node posting to a recording server.
const { after, before, describe, it } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const {
	N8nInstance,
	PACKAGE_NAME,
	postWhenRegistered,
	recordedTriggerWorkflow,
	recordingServer,
	request,
} = require('../helpers/n8n');

const DP_TRIGGER = `${PACKAGE_NAME}.dataPlatformTrigger`;
const HEADER_SECRET = 'dp-trg-header-secret-7c41e9';
const QUERY_SECRET = 'dp-trg-query-secret-2b88d0';
const LEGACY_SECRET = 'dp-trg-legacy-secret-90af13';
const SENDER = 'huy.nguyenviet@example.com';
const body = (name) => ({
	senderUser: SENDER,
	data: [{ actionType: 'add-note', data: { body: name, customerId: 'PID-1' } }],
});

/** A published workflow: the trigger, then an HTTP Request node posting each item to the recorder. */
function triggerWorkflow(id, parameters, recorderUrl, credentials) {
	const trigger = {
		name: 'DP Trigger',
		type: DP_TRIGGER,
		webhookId: id,
		parameters,
		...(credentials ? { credentials } : {}),
	};
	return recordedTriggerWorkflow(
		id,
		`data platform trigger ${id}`,
		trigger,
		`${recorderUrl}/${id}`,
	);
}

describe(`CRM Data Platform Trigger protections in n8n ${process.env.E2E_N8N_MAJOR || 2}.x (tarball install)`, () => {
	let n8n;
	let recorder;
	const hook = (id, p = id) => `${n8n.url}/webhook/${id}/${p}`;
	const post = (url, payload, headers = {}) =>
		request('POST', url, {
			headers: { 'content-type': 'application/json', ...headers },
			body: payload,
		});
	const recordedFor = (id) =>
		recorder.received.filter((r) => r.path === `/${id}`).map((r) => r.body.data.body);
	// Registration can lag the start: retry a 404 for a few seconds.
	const firstPost = (url, payload, headers = {}) =>
		postWhenRegistered(url, {
			headers: { 'content-type': 'application/json', ...headers },
			body: payload,
		});
	// A refused post starts no execution: nothing reaches the recorder in the next 1.5 s.
	const noExecution = async (id, before) => {
		await new Promise((r) => setTimeout(r, 1500));
		assert.deepEqual(recordedFor(id), before);
	};

	before(async () => {
		recorder = await recordingServer();
		n8n = new N8nInstance();
		await n8n.importCredentials([
			{
				id: 'dpTrgHeader',
				name: 'DP trigger secret in a header',
				type: 'dataPlatformTriggerApi',
				data: { secret: HEADER_SECRET, location: 'header', headerName: 'X-Listener-Secret' },
			},
			{
				id: 'dpTrgQuery',
				name: 'DP trigger secret in the query',
				type: 'dataPlatformTriggerApi',
				data: { secret: QUERY_SECRET, location: 'query', queryParameterName: 'key' },
			},
		]);
		await n8n.importWorkflows([
			triggerWorkflow(
				'dptrg-allow',
				{ path: 'dptrg-allow', allowedIps: '203.0.113.7' },
				recorder.url,
			),
			// Saved before the fix with Behind a Proxy on: the setting now does nothing.
			triggerWorkflow(
				'dptrg-allow-old',
				{ path: 'dptrg-allow-old', allowedIps: '203.0.113.7', behindProxy: true },
				recorder.url,
			),
			triggerWorkflow(
				'dptrg-header',
				{ path: 'dptrg-header', authentication: 'sharedSecret', maxBodyKb: 2 },
				recorder.url,
				{ dataPlatformTriggerApi: { id: 'dpTrgHeader', name: 'DP trigger secret in a header' } },
			),
			triggerWorkflow(
				'dptrg-query',
				{ path: 'dptrg-query', authentication: 'sharedSecret' },
				recorder.url,
				{ dataPlatformTriggerApi: { id: 'dpTrgQuery', name: 'DP trigger secret in the query' } },
			),
			// As version 1.0 of the node saved it: the secret in the parameters.
			triggerWorkflow(
				'dptrg-legacy',
				{
					path: 'dptrg-legacy',
					secretLocation: 'header',
					headerName: 'X-Old-Secret',
					secret: LEGACY_SECRET,
				},
				recorder.url,
			),
		]);
		for (const id of [
			'dptrg-allow',
			'dptrg-allow-old',
			'dptrg-header',
			'dptrg-query',
			'dptrg-legacy',
		])
			await n8n.activate(id);
	});

	after(async () => {
		await n8n?.stop();
		n8n?.cleanup();
		await recorder?.close();
	});

	it('the exported workflows hold no secret of a credential, only its id and name', async () => {
		const file = path.join(n8n.userFolder, 'export-dptrg.json');
		await n8n.cli(['export:workflow', '--all', `--output=${file}`]);
		const exported = fs.readFileSync(file, 'utf8');
		const header = JSON.parse(exported).find((w) => w.id === 'dptrg-header');
		assert.deepEqual(header.nodes[0].credentials, {
			dataPlatformTriggerApi: { id: 'dpTrgHeader', name: 'DP trigger secret in a header' },
		});
		assert.deepEqual(header.nodes[0].parameters, {
			path: 'dptrg-header',
			authentication: 'sharedSecret',
			maxBodyKb: 2,
		});
		for (const secret of [HEADER_SECRET, QUERY_SECRET])
			assert.ok(!exported.includes(secret), `${secret} is in the workflow export`);
		// n8n keeps the credential encrypted: not in its plain export either.
		const creds = path.join(n8n.userFolder, 'export-dptrg-credentials.json');
		await n8n.cli(['export:credentials', '--all', `--output=${creds}`]);
		assert.ok(
			!fs.readFileSync(creds, 'utf8').includes(HEADER_SECRET),
			'the secret is in the credentials export',
		);
	});

	describe('n8n start with N8N_PROXY_HOPS=1 (one reverse proxy: this test, at 127.0.0.1)', () => {
		before(async () => {
			await n8n.start({ env: { N8N_PROXY_HOPS: '1' } });
			await firstPost(hook('dptrg-allow'), body('warm-up'), { 'x-forwarded-for': '192.0.2.1' });
		});
		after(async () => {
			await n8n.stop();
		});

		it('refuses a forged left-most X-Forwarded-For entry with 403, plain or IPv4-mapped, starting no execution', async () => {
			for (const id of ['dptrg-allow', 'dptrg-allow-old']) {
				const before = recordedFor(id);
				for (const forwarded of ['203.0.113.7, 198.18.0.9', '::ffff:203.0.113.7, 198.18.0.9']) {
					const r = await firstPost(hook(id), body(`forged ${forwarded}`), {
						'x-forwarded-for': forwarded,
					});
					assert.equal(r.status, 403, `${id} ${forwarded}: ${r.text}`);
					assert.deepEqual(r.json, {
						success: false,
						message: 'This address may not post to this listener',
					});
				}
				// No header: the proxy's own address (127.0.0.1), not listed.
				assert.equal((await post(hook(id), body('no header'))).status, 403);
				await noExecution(id, before);
			}
		});

		it('accepts the listed address the proxy appended (one hop), and runs the workflow once', async () => {
			for (const [id, forwarded] of [
				['dptrg-allow', '203.0.113.7'],
				['dptrg-allow', '::ffff:203.0.113.7'],
				['dptrg-allow-old', '198.18.0.9, 203.0.113.7'],
			]) {
				const r = await post(hook(id), body(`through the proxy ${forwarded}`), {
					'x-forwarded-for': forwarded,
				});
				assert.equal(r.status, 200, `${id} ${forwarded}: ${r.text}`);
				assert.deepEqual(r.json, {
					success: true,
					message: '1 action received',
					accepted: 1,
					ignored: 0,
				});
			}
			await recorder.waitFor(3);
			// Each post ran the workflow once; n8n may run the two executions in either order.
			assert.deepEqual(
				recordedFor('dptrg-allow').sort(),
				['through the proxy 203.0.113.7', 'through the proxy ::ffff:203.0.113.7'].sort(),
			);
			assert.deepEqual(recordedFor('dptrg-allow-old'), [
				'through the proxy 198.18.0.9, 203.0.113.7',
			]);
		});
	});

	describe('n8n start without N8N_PROXY_HOPS', () => {
		before(async () => {
			recorder.received.splice(0);
			await n8n.start();
			await firstPost(hook('dptrg-header'), body('warm-up'), {});
		});

		it('ignores X-Forwarded-For: the listed address in it is refused with 403', async () => {
			for (const id of ['dptrg-allow', 'dptrg-allow-old']) {
				const r = await firstPost(hook(id), body('forged'), { 'x-forwarded-for': '203.0.113.7' });
				assert.equal(r.status, 403, `${id}: ${r.text}`);
			}
			await noExecution('dptrg-allow', []);
			await noExecution('dptrg-allow-old', []);
		});

		it('accepts the secret of the credential in its header; a wrong, missing or misplaced one gets 401 before the body is read', async () => {
			const url = hook('dptrg-header');
			const ok = await post(url, body('header ok'), { 'x-listener-secret': HEADER_SECRET });
			assert.equal(ok.status, 200, ok.text);
			await recorder.waitFor(1);
			assert.deepEqual(recordedFor('dptrg-header'), ['header ok']);
			const refusals = [
				['wrong', body('wrong'), { 'x-listener-secret': `${HEADER_SECRET}x` }],
				['missing', body('missing'), {}],
				['in another header', body('other header'), { 'x-secret': HEADER_SECRET }],
				['not a listener body, wrong secret', [], { 'x-listener-secret': 'nope' }],
				['over the size limit, no secret', { ...body('big'), pad: 'x'.repeat(4000) }, {}],
			];
			for (const [kind, payload, headers] of refusals) {
				const r = await post(url, payload, headers);
				assert.equal(r.status, 401, `${kind}: ${r.text}`);
				assert.deepEqual(r.json, {
					success: false,
					message: 'The shared secret is missing or wrong',
				});
				assert.ok(!r.text.includes(HEADER_SECRET));
			}
			const misplaced = await post(
				`${url}?X-Listener-Secret=${HEADER_SECRET}`,
				body('in the query'),
				{},
			);
			assert.equal(misplaced.status, 401);
			// With the right secret, the body's own checks come next.
			assert.equal((await post(url, [], { 'x-listener-secret': HEADER_SECRET })).status, 400);
			assert.equal(
				(
					await post(
						url,
						{ ...body('big'), pad: 'x'.repeat(4000) },
						{ 'x-listener-secret': HEADER_SECRET },
					)
				).status,
				413,
			);
			await noExecution('dptrg-header', ['header ok']);
		});

		it('accepts the secret of the credential in its query parameter; a wrong or missing one gets 401', async () => {
			const url = hook('dptrg-query');
			const ok = await firstPost(`${url}?key=${QUERY_SECRET}`, body('query ok'), {});
			assert.equal(ok.status, 200, ok.text);
			await recorder.waitFor(2);
			assert.deepEqual(recordedFor('dptrg-query'), ['query ok']);
			for (const [kind, target, headers] of [
				['wrong', `${url}?key=nope`, {}],
				['missing', url, {}],
				['in a header', url, { key: QUERY_SECRET }],
			]) {
				const r = await post(target, body(kind), headers);
				assert.equal(r.status, 401, `${kind}: ${r.text}`);
			}
			await noExecution('dptrg-query', ['query ok']);
		});

		it('a workflow saved with the secret in its parameters (version 1.0) still requires it', async () => {
			const url = hook('dptrg-legacy');
			const wrong = await firstPost(url, body('legacy wrong'), { 'x-old-secret': 'nope' });
			assert.equal(wrong.status, 401, wrong.text);
			assert.equal((await post(url, body('legacy missing'))).status, 401);
			const ok = await post(url, body('legacy ok'), { 'x-old-secret': LEGACY_SECRET });
			assert.equal(ok.status, 200, ok.text);
			await recorder.waitFor(3);
			await noExecution('dptrg-legacy', ['legacy ok']);
		});

		it("the credential's Test button checks its form and sends nothing", async () => {
			const headers = await n8n.ownerSession();
			const test = (data) =>
				request('POST', `${n8n.url}/rest/credentials/test`, {
					headers,
					body: {
						credentials: {
							id: 'dpTrgHeader',
							name: 'DP trigger secret in a header',
							type: 'dataPlatformTriggerApi',
							data,
						},
					},
				});
			const good = await test({
				secret: HEADER_SECRET,
				location: 'header',
				headerName: 'X-Listener-Secret',
			});
			assert.equal(good.status, 200, good.text);
			assert.deepEqual(good.json.data, {
				status: 'OK',
				message:
					"Well-formed: senders must give this secret in the header X-Listener-Secret. Nothing was sent; only a post to the trigger's URL proves it.",
			});
			const empty = await test({ secret: '', location: 'header', headerName: 'X-Listener-Secret' });
			assert.deepEqual(empty.json.data, {
				status: 'Error',
				message: 'Secret is empty: enter the value senders must give',
			});
			const badName = await test({
				secret: HEADER_SECRET,
				location: 'header',
				headerName: 'X Secret',
			});
			assert.equal(badName.json.data.status, 'Error');
			assert.ok(!badName.text.includes(HEADER_SECRET));
		});

		it("no secret is in n8n's log", () => {
			for (const secret of [HEADER_SECRET, QUERY_SECRET, LEGACY_SECRET])
				assert.ok(!n8n.logs.includes(secret), `${secret} is in n8n's log`);
		});
	});
});
