'use strict';
// The Pilot Solution Trigger against hostile and forged posts, in a real n8n installed from the
// packed tarball (issue 15, items 1, 9, 10). Item 1: a 709 KB ADF of 80,000 distinct sibling
// elements, posted as text/plain with a wrong key, blocked n8n's event loop for 52 s (quadratic
// parse, run before the key check). Here it must get 413 at once while /healthz keeps answering.
const { after, before, describe, it } = require('node:test');
const assert = require('node:assert/strict');
const os = require('node:os');
const { PILOT_APP_KEY } = require('../../sandbox/pilot');
const { request } = require('../helpers/n8n');
const { startPilotTriggerHook } = require('./pilotTriggerHook');

const SIBLINGS = 80_000;
// Bounds on a quiet machine (the quadratic parse answered after 52 s, /healthz after 49.7 s;
// the fix answers in 0.3 s as text/plain, 1.1 s as application/xml, most of it n8n's own XML
// parse). A machine doing other work runs everything slower: the bounds grow with the load
// average per core, at most 4 times (20 s and 8 s), still far below the 52 s being guarded against.
const ANSWER_BOUND_MS = 5_000;
const HEALTHZ_BOUND_MS = 2_000;
const busyFactor = () => Math.min(4, Math.max(1, os.loadavg()[0] / os.cpus().length));

// A hostile post or a /healthz poll may take long: the harness's default request timeout (30 s)
// would cap the latency measured.
const LONG_TIMEOUT_MS = 180_000;

/** Polls GET /healthz every 100 ms while `work` runs; resolves the work's result and the slowest /healthz answer. */
async function whilePollingHealthz(baseUrl, work) {
	let done = false;
	const latencies = [];
	const poller = (async () => {
		while (!done) {
			const started = Date.now();
			await request('GET', `${baseUrl}/healthz`, { timeout: LONG_TIMEOUT_MS }).catch(
				() => undefined,
			);
			latencies.push(Date.now() - started);
			await new Promise((r) => setTimeout(r, 100));
		}
	})();
	const result = await work().finally(() => (done = true));
	await poller;
	return { result, slowestHealthz: Math.max(...latencies), polls: latencies.length };
}

describe(`Pilot Solution Trigger against hostile posts, n8n ${process.env.E2E_N8N_MAJOR || 2}.x (tarball install)`, () => {
	let trigger;
	let n8n;
	let recorder;
	let hook;

	before(async () => {
		trigger = await startPilotTriggerHook({
			id: 'e2ePilotHostile',
			name: 'pilot trigger, hostile posts',
			webhookId: 'e2e-pilot-hostile',
			path: 'pilot',
			credential: {
				id: 'pilotKey',
				name: 'Pilot key',
				data: { appKey: PILOT_APP_KEY, baseUrl: 'http://127.0.0.1:9' },
			},
			parameters: { checkAppKey: true },
		});
		({ n8n, recorder, hook } = trigger);
	});

	after(async () => {
		await trigger?.stop();
	});

	const hostile = `<adf>${Array.from({ length: SIBLINGS }, (_, i) => `<e${i}/>`).join('')}<format><key>wrong-key</key></format></adf>`;

	for (const contentType of ['text/plain', 'application/xml']) {
		it(`answers a 709 KB ADF of 80,000 distinct siblings (${contentType}, wrong key) with 413 at once, /healthz answering meanwhile`, async () => {
			assert.ok(hostile.length > 700_000);
			const before = recorder.received.length;
			const { result, slowestHealthz, polls } = await whilePollingHealthz(n8n.url, () =>
				request('POST', hook, {
					headers: { 'content-type': contentType },
					body: hostile,
					timeout: LONG_TIMEOUT_MS,
				}),
			);
			// The numbers behind the issue's before/after (shown by node --test).
			console.log(
				`[${contentType}] answer ${result.status} after ${result.ms} ms; slowest /healthz ${slowestHealthz} ms over ${polls} polls`,
			);
			assert.equal(result.status, 413, result.text);
			assert.deepEqual(result.json, {
				success: false,
				message: 'Error',
				data: 'The ADF XML body is 693 KB; at most 256 KB is accepted',
			});
			const factor = busyFactor();
			assert.ok(
				result.ms < ANSWER_BOUND_MS * factor,
				`answered after ${result.ms} ms (bound ${ANSWER_BOUND_MS} ms x ${factor.toFixed(1)} for the load)`,
			);
			assert.ok(
				slowestHealthz < HEALTHZ_BOUND_MS * factor,
				`/healthz took ${slowestHealthz} ms (bound ${HEALTHZ_BOUND_MS} ms x ${factor.toFixed(1)} for the load)`,
			);
			await new Promise((r) => setTimeout(r, 1000));
			assert.equal(recorder.received.length, before, 'no execution started');
		});
	}

	it('answers a small ADF of 3,000 tags with 413, naming the limit', async () => {
		const r = await request('POST', hook, {
			headers: { 'content-type': 'text/plain' },
			body: `<adf>${'<a/>'.repeat(3000)}</adf>`,
		});
		assert.equal(r.status, 413, r.text);
		assert.equal(
			r.json.data,
			'The ADF XML body has more than 2,000 tags; an ADF email has about 50',
		);
	});

	it('still accepts a real ADF email posted as text/plain, and refuses it with a wrong key', async () => {
		const adf = (key) =>
			`<?xml version="1.0" encoding="UTF-8"?>\n<?adf version="1.0"?>\n<adf><prospect><customer><contact><name part="first">Plain</name><email>plain@example.com</email></contact></customer></prospect><format><formtype>pilot</formtype><formversion>1</formversion><key>${key}</key></format></adf>`;
		const wrong = await trigger.post('text/plain', adf('wrong-key'));
		assert.equal(wrong.r.status, 401, wrong.r.text);
		assert.equal(wrong.r.json.data, 'The appkey is not valid');
		const ok = await trigger.post('text/plain; charset=utf-8', adf(PILOT_APP_KEY));
		assert.equal(ok.r.status, 200, ok.r.text);
		assert.equal(ok.extra, 0, 'exactly one item');
		assert.deepEqual(ok.emitted[0], {
			submissionType: 'adf',
			pilot_firstname: 'Plain',
			pilot_email: 'plain@example.com',
			formtype: 'pilot',
			adf_names: [{ part: 'first', type: 'individual', value: 'Plain' }],
			adf_emails: [{ preferred: false, value: 'plain@example.com' }],
		});
	});

	it("emits the computed submissionType, not the sender's own field (item 9)", async () => {
		const before = recorder.received.length;
		const r = await request('POST', hook, {
			headers: { 'content-type': 'application/json' },
			body: {
				action: 'create',
				appkey: PILOT_APP_KEY,
				submissionType: 'survey',
				pilot_firstname: 'Forged',
				pilot_contact_type_id: '1',
				pilot_business_type_id: '1',
			},
		});
		assert.equal(r.status, 200, r.text);
		const received = await recorder.waitFor(before + 1);
		assert.deepEqual(received[before].body, {
			submissionType: 'lead',
			pilot_firstname: 'Forged',
			pilot_contact_type_id: '1',
			pilot_business_type_id: '1',
		});
	});

	it('refuses required fields that are not text or a number, and app keys sent as lists (item 10)', async () => {
		const before = recorder.received.length;
		const emptyList = await request('POST', hook, {
			headers: { 'content-type': 'application/json' },
			body: {
				appkey: PILOT_APP_KEY,
				pilot_firstname: 'x',
				pilot_contact_type_id: [],
				pilot_business_type_id: '1',
			},
		});
		assert.equal(emptyList.status, 400, emptyList.text);
		assert.deepEqual(emptyList.json, {
			success: false,
			message: 'Error',
			data: 'Field "pilot_contact_type_id" must be text or a number, not a list',
		});
		const lead = { pilot_firstname: 'x', pilot_contact_type_id: '1', pilot_business_type_id: '1' };
		const jsonArray = await request('POST', hook, {
			headers: { 'content-type': 'application/json' },
			body: { ...lead, appkey: [PILOT_APP_KEY] },
		});
		// n8n parses a form field sent twice into a list too.
		const form = `${new URLSearchParams(lead).toString()}&appkey=${encodeURIComponent(PILOT_APP_KEY)}&appkey=${encodeURIComponent(PILOT_APP_KEY)}`;
		const formTwice = await request('POST', hook, {
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: form,
		});
		for (const r of [jsonArray, formTwice]) {
			assert.equal(r.status, 401, r.text);
			assert.deepEqual(r.json, {
				success: false,
				message: 'Error',
				data: 'The appkey must be a single text value',
			});
		}
		await new Promise((r) => setTimeout(r, 1500));
		assert.equal(recorder.received.length, before, 'no execution started');
	});
});
