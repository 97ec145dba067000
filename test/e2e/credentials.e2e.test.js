'use strict';
// n8n's credential Test button (POST /rest/credentials/test, what the credential dialog calls) for
// each of the package's six credential types, in a real n8n installed from the packed tarball,
// against the simulators: a right and a wrong secret, asserting the status and the message the
// user sees, and that no secret is in the answer.
//
// What the dialog shows (n8n 2.41.1 editor, useCredentialForm; 1.123.81 the same): for an Error,
// "Couldn't connect with these settings" with the message under it, and Save keeps the form open;
// for OK, its own "Connection tested successfully" (the message is dropped) and Save closes it.
// So the CRM Data Platform's limit (a right listener path cannot be told from a wrong one) is
// said by the Listener URL field's hint, checked here as n8n serves it to the editor.
const { after, before, describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { createPilotSimulator, PILOT_APP_KEY } = require('../../sandbox/pilot');
const { createPublitracSimulator, PUBLITRAC_CREDENTIALS } = require('../../sandbox/publitrac');
const { createSmlSimulator, SML_USERNAME, SML_PASSWORD } = require('../../sandbox/sml');
const {
	createEcontractSimulator,
	ECONTRACT_CRM_API_ID,
	ECONTRACT_CRM_API_KEY,
} = require('../../sandbox/econtract');
const {
	createDataPlatformSimulator,
	DATA_PLATFORM_LISTENER_PATH,
	DATA_PLATFORM_LISTENER_SECRET,
} = require('../../sandbox/dataPlatform');
const { N8nInstance, request } = require('../helpers/n8n');

const WRONG = 'Wrong-secret-4d1c9e';
const OK = { status: 'OK', message: 'Connection successful!' };

describe(`credential Test button in n8n ${process.env.E2E_N8N_MAJOR || 2}.x (tarball install)`, () => {
	let n8n;
	let headers;
	const sims = {};

	/** What the dialog gets for these credential data: status and message, and the whole answer's text. */
	const test = async (type, data) => {
		const answer = await request('POST', `${n8n.url}/rest/credentials/test`, {
			headers,
			body: { credentials: { id: `t-${type}`, name: `test ${type}`, type, data } },
		});
		assert.equal(answer.status, 200, answer.text);
		return { verdict: answer.json.data, text: answer.text };
	};

	before(async () => {
		sims.pilot = await createPilotSimulator().start(0);
		sims.publitrac = await createPublitracSimulator().start(0);
		sims.sml = await createSmlSimulator().start(0);
		sims.econtract = await createEcontractSimulator().start(0);
		sims.dataPlatform = await createDataPlatformSimulator().start(0);
		n8n = new N8nInstance();
		// n8n tests the data given against a saved credential of that id the user may read (the
		// dialog of a saved credential does the same): one saved credential per type.
		await n8n.importCredentials(
			[
				'pilotApi',
				'publitracApi',
				'smlApi',
				'econtractApi',
				'dataPlatformApi',
				'dataPlatformTriggerApi',
			].map((type) => ({ id: `t-${type}`, name: `test ${type}`, type, data: {} })),
		);
		await n8n.start();
		// n8n 1.x may drop a connection while it mounts its REST API after answering readiness.
		for (let attempt = 1; ; attempt++) {
			try {
				headers = await n8n.ownerSession();
				break;
			} catch (error) {
				if (attempt >= 5 || !['ECONNRESET', 'ECONNREFUSED'].includes(error.code)) throw error;
				await new Promise((r) => setTimeout(r, 1000));
			}
		}
	});

	after(async () => {
		await n8n?.stop();
		n8n?.cleanup();
		for (const sim of Object.values(sims)) await sim.stop();
	});

	it('Pilot: the right App Key passes; a wrong one is named, never shown', async () => {
		const good = await test('pilotApi', { appKey: PILOT_APP_KEY, baseUrl: sims.pilot.url });
		assert.deepEqual(good.verdict, OK);
		const bad = await test('pilotApi', { appKey: WRONG, baseUrl: sims.pilot.url });
		assert.deepEqual(bad.verdict, {
			status: 'Error',
			message: 'Pilot rejected the App Key (success: false)',
		});
		assert.ok(!bad.text.includes(WRONG));
	});

	describe('PUBLITRAC', () => {
		const data = (extra = {}) => ({
			...PUBLITRAC_CREDENTIALS,
			baseUrl: `${sims.publitrac.url}/api`,
			...extra,
		});
		const refused =
			'PUBLITRAC refused the login (HTTP 401: "Authentication failed: invalid apikey, username or password."). Check the API Key (Configuration > Account Information in PUBLITRAC), the Username and the Password of the PUBLITRAC user.';

		it('right API key, username and password: OK, after one read of the campaigns', async () => {
			const before = sims.publitrac.log.length;
			assert.deepEqual((await test('publitracApi', data())).verdict, OK);
			const sent = sims.publitrac.log.slice(before);
			assert.deepEqual(
				sent.map((r) => [r.method, r.path, r.query.method, r.query.page]),
				[['GET', '/api', 'getCampaigns', '1']],
			);
		});

		for (const field of ['apiKey', 'username', 'password']) {
			it(`a wrong ${field}: PUBLITRAC's own words and the three fields to check, no secret`, async () => {
				const bad = await test('publitracApi', data({ [field]: WRONG }));
				assert.deepEqual(bad.verdict, { status: 'Error', message: refused });
				for (const secret of [WRONG, PUBLITRAC_CREDENTIALS.apiKey, PUBLITRAC_CREDENTIALS.password])
					assert.ok(!bad.text.includes(secret), `${secret} is in the answer`);
			});
		}

		it('a Base URL without the API: says to check the Base URL', async () => {
			const bad = await test(
				'publitracApi',
				data({ baseUrl: `${sims.publitrac.url}/nothing-here` }),
			);
			assert.equal(bad.verdict.status, 'Error');
			assert.match(
				bad.verdict.message,
				/^No PUBLITRAC API at this Base URL \(HTTP 404.*\)\. Check the Base URL \(by default https:\/\/app\.publitrac\.com\/api\)\.$/,
			);
			assert.ok(!bad.text.includes(PUBLITRAC_CREDENTIALS.apiKey));
		});

		it('an unreachable server: the connection failure in words, no secret', async () => {
			const bad = await test('publitracApi', data({ baseUrl: 'http://127.0.0.1:9/api' }));
			assert.equal(bad.verdict.status, 'Error');
			assert.match(bad.verdict.message, /connection failed \(connection refused\)/);
			for (const secret of [PUBLITRAC_CREDENTIALS.apiKey, PUBLITRAC_CREDENTIALS.password])
				assert.ok(!bad.text.includes(secret), `${secret} is in the answer`);
		});
	});

	it('SML: the right password passes; a wrong one fails without showing it', async () => {
		const data = (extra = {}) => ({
			domain: sims.sml.url,
			username: SML_USERNAME,
			password: SML_PASSWORD,
			authScheme: 'Token',
			...extra,
		});
		assert.deepEqual((await test('smlApi', data())).verdict, OK);
		const bad = await test('smlApi', data({ password: WRONG }));
		assert.equal(bad.verdict.status, 'Error');
		assert.ok(bad.verdict.message.length > 0);
		assert.ok(!bad.text.includes(WRONG));
	});

	describe('Econtract', () => {
		const data = (extra = {}) => ({
			baseUrl: sims.econtract.url,
			crmApiId: ECONTRACT_CRM_API_ID,
			crmApiKey: ECONTRACT_CRM_API_KEY,
			...extra,
		});

		it('the right CRM API ID and Key: OK, after one read of the default usages', async () => {
			const before = sims.econtract.log.length;
			assert.deepEqual((await test('econtractApi', data())).verdict, OK);
			const sent = sims.econtract.log.slice(before);
			assert.deepEqual(
				sent.map((r) => [r.method, r.path, r.query.producttype, r.query.segment]),
				[['GET', '/api/usages', 'electricity', '1']],
			);
		});

		for (const field of ['crmApiId', 'crmApiKey']) {
			it(`a wrong ${field}: Econtract's own words and both fields to check, no secret`, async () => {
				const bad = await test('econtractApi', data({ [field]: WRONG }));
				assert.deepEqual(bad.verdict, {
					status: 'Error',
					message:
						'Econtract refused the CRM API ID or the CRM API Key (HTTP 401: "Unauthorized: invalid CRM API credentials"). Check the CRM API ID and the CRM API Key.',
				});
				for (const secret of [WRONG, ECONTRACT_CRM_API_KEY])
					assert.ok(!bad.text.includes(secret), `${secret} is in the answer`);
			});
		}

		it('a Base URL without the API: says to check the Base URL', async () => {
			const bad = await test(
				'econtractApi',
				data({ baseUrl: `${sims.econtract.url}/nothing-here` }),
			);
			assert.equal(bad.verdict.status, 'Error');
			assert.match(
				bad.verdict.message,
				/^No Econtract API at this Base URL \(HTTP 404.*\)\. Check the Base URL \(by default https:\/\/crm\.econtract\.be\)\.$/,
			);
			assert.ok(!bad.text.includes(ECONTRACT_CRM_API_KEY));
		});
	});

	describe('CRM Data Platform', () => {
		const listener = () => `${sims.dataPlatform.url}${DATA_PLATFORM_LISTENER_PATH}`;

		it('OK for a right listener URL and for a wrong path on the same server alike, creating nothing: the field hint says so', async () => {
			const before = sims.dataPlatform.log.length;
			const right = await test('dataPlatformApi', {
				listenerUrl: listener(),
				senderUser: 'nathan@example.com',
			});
			const wrongPath = await test('dataPlatformApi', {
				listenerUrl: `${sims.dataPlatform.url}/listener/not-the-right-one`,
				senderUser: 'nathan@example.com',
			});
			assert.deepEqual(right.verdict, OK);
			assert.deepEqual(wrongPath.verdict, OK);
			assert.deepEqual(
				sims.dataPlatform.log.slice(before).map((r) => r.method),
				['GET', 'GET'],
				'only GETs: no action posted',
			);
			// n8n's dialog drops an OK's message: the limit is in the Listener URL field's hint.
			const types = await request('GET', `${n8n.url}/types/credentials.json`, { headers });
			const listenerField = types.json
				.find((t) => t.name === 'dataPlatformApi')
				.properties.find((p) => p.name === 'listenerUrl');
			assert.match(
				listenerField.hint,
				/only checks that this is an http\(s\) URL with a path and that its server answers/,
			);
			assert.match(listenerField.hint, /cannot tell a right listener path from a wrong one/);
		});

		it('a malformed or unreachable listener URL: Error, the secret path not shown', async () => {
			assert.equal(
				(await test('dataPlatformApi', { listenerUrl: 'not a listener url' })).verdict.status,
				'Error',
			);
			const unreachable = await test('dataPlatformApi', {
				listenerUrl: `http://127.0.0.1:9${DATA_PLATFORM_LISTENER_PATH}`,
			});
			assert.equal(unreachable.verdict.status, 'Error');
			assert.ok(!unreachable.text.includes(DATA_PLATFORM_LISTENER_SECRET));
		});
	});

	it('CRM Data Platform Trigger: a well-formed secret passes with what it means; an empty one is named', async () => {
		const good = await test('dataPlatformTriggerApi', {
			secret: 'dp-trg-secret-5e0a77',
			location: 'header',
			headerName: 'X-Listener-Secret',
		});
		assert.deepEqual(good.verdict, {
			status: 'OK',
			message:
				"Well-formed: senders must give this secret in the header X-Listener-Secret. Nothing was sent; only a post to the trigger's URL proves it.",
		});
		const empty = await test('dataPlatformTriggerApi', {
			secret: '',
			location: 'header',
			headerName: 'X-Listener-Secret',
		});
		assert.deepEqual(empty.verdict, {
			status: 'Error',
			message: 'Secret is empty: enter the value senders must give',
		});
	});
});
