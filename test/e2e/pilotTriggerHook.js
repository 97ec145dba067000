'use strict';
// A real n8n (the packed tarball installed) with one active workflow: the Pilot Solution Trigger
// at a webhook path, each item it emits posted by n8n's HTTP Request node to a recording server.
// For the e2e tests that post lead documents (ADF and others) to the trigger and assert the
// answer and the items emitted.
const {
	N8nInstance,
	PACKAGE_NAME,
	postWhenRegistered,
	recordedTriggerWorkflow,
	recordingServer,
	request,
} = require('../helpers/n8n');

const PILOT_TRIGGER = `${PACKAGE_NAME}.pilotTrigger`;

/**
 * Starts n8n with the trigger workflow `id` at /webhook/<webhookId>/<path>. `credential` is the
 * pilotApi credential saved for the trigger ({id, name, data}); `parameters` the trigger's.
 * Resolves {n8n, recorder, hook, post, stop}; a set-up that fails stops what it started.
 */
async function startPilotTriggerHook({ id, name, webhookId, path, credential, parameters }) {
	const recorder = await recordingServer();
	const n8n = new N8nInstance();
	const hook = () => `${n8n.url}/webhook/${webhookId}/${path}`;

	async function stop() {
		await n8n.stop();
		n8n.cleanup();
		await recorder.close();
	}

	async function setUp() {
		await n8n.importCredentials([
			{ id: credential.id, name: credential.name, type: 'pilotApi', data: credential.data },
		]);
		await n8n.importWorkflows([
			recordedTriggerWorkflow(
				id,
				name,
				{
					name: 'Pilot Trigger',
					type: PILOT_TRIGGER,
					webhookId,
					credentials: { pilotApi: { id: credential.id, name: credential.name } },
					parameters: { path, ...parameters },
				},
				`${recorder.url}/emitted`,
			),
		]);
		await n8n.activate(id);
		await n8n.start();
		// Registration can lag the start: retry a 404 for a few seconds.
		await postWhenRegistered(hook());
	}

	/**
	 * Posts one body with this content type. For a 200 answer, waits for `items` emitted items and
	 * 300 ms more for a wrongly extra one. Resolves {r (n8n's answer), emitted (the bodies of the
	 * items emitted since the post), extra (items beyond `items`)}.
	 */
	async function post(contentType, body, items = 1) {
		const before = recorder.received.length;
		const r = await request('POST', hook(), { headers: { 'content-type': contentType }, body });
		if (r.status !== 200) return { r, emitted: [], extra: recorder.received.length - before };
		const received = await recorder.waitFor(before + items);
		await new Promise((r2) => setTimeout(r2, 300));
		return {
			r,
			emitted: received.slice(before).map((e) => e.body),
			extra: recorder.received.length - before - items,
		};
	}

	try {
		await setUp();
	} catch (error) {
		await stop();
		throw error;
	}
	return { n8n, recorder, hook: hook(), post, stop };
}

module.exports = { startPilotTriggerHook, PILOT_TRIGGER };
