'use strict';
// Hostile servers against the nodes in a real n8n, installed from the packed tarball (issue 15
// items 4 and 5): a CRM URL that redirects (302, 307) to another server must not hand that
// server the SML token, the Pilot app key or the Econtract key; a server dripping its answer
// must not hold a call past its Timeout; an answer without end must not fill n8n's memory.
// n8n's own helper follows redirects and puts Authorization back on another origin: only the
// package's transport (no redirects, a wall-clock deadline, a 50 MB cap) stands in between.
const { after, before, describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { N8nInstance, PACKAGE_NAME, chainWorkflow, nodeOutput } = require('../helpers/n8n');
const hostile = require('../helpers/hostile');

const SML_TOKEN = 'sml-token-e2e-5c1d-not-for-elsewhere';
const SML_PASSWORD = 'sml-password-e2e-8e2a';
const PILOT_KEY = 'pilot-appkey-e2e-2f7b-not-for-elsewhere';
const ECONTRACT_KEY = 'econtract-key-e2e-9a4c-not-for-elsewhere';
const SECRETS = [SML_TOKEN, SML_PASSWORD, PILOT_KEY, ECONTRACT_KEY];

const pilotLead = (requestOptions) => ({
	resource: 'lead',
	operation: 'create',
	pilot_contact_type_id: '1',
	pilot_business_type_id: '1',
	additionalFields: { pilot_firstname: 'Ana', pilot_email: 'ana@example.com' },
	requestOptions,
});
const econtractClient = {
	resource: 'client',
	operation: 'create',
	gender: 1,
	segment: 1,
	first_name: 'John',
	last_name: 'Doe',
	email: 'john.doe@server.com',
	language: 'nl',
	cellphone: '0499656565',
	landline: '',
	additionalFields: {},
	requestOptions: { maxRetries: 0, timeout: 10 },
};
const smlLeads = (requestOptions) => ({
	resource: 'lead',
	operation: 'getMany',
	returnAll: false,
	limit: 5,
	filters: {},
	requestOptions,
});

// Continue On Fail: the node outputs its error as an item, so the run's snapshot carries the message.
// Workflow ids carry a digit: n8n's execute-batch keeps only ids matching /\d+/.
const node = (name, type, credentials, parameters) => ({
	name,
	type: `${PACKAGE_NAME}.${type}`,
	credentials,
	parameters,
	onError: 'continueRegularOutput',
});

describe(`hostile servers in n8n ${process.env.E2E_N8N_MAJOR || 2}.x (tarball install)`, () => {
	let n8n;
	let elsewhere;
	let sml302;
	let pilot307;
	let econtract307;
	let drip;
	let huge;
	let result;
	const errorOf = (id, name) => {
		const items = nodeOutput(result.runs[id], name);
		assert.ok(
			items,
			`no output of ${name} in ${id}: ${JSON.stringify(result.executions[id] ?? null)}\n${result.output.slice(-3000)}`,
		);
		assert.equal(items.length, 1, JSON.stringify(items));
		return String(items[0].json.error ?? '');
	};
	const timeOf = (id, name) => result.runs[id].data.resultData.runData[name][0].executionTime;

	before(async () => {
		elsewhere = await hostile.elsewhereServer();
		sml302 = await hostile.redirectingServer({
			status: 302,
			target: elsewhere.url,
			token: SML_TOKEN,
		});
		pilot307 = await hostile.redirectingServer({ status: 307, target: elsewhere.url });
		econtract307 = await hostile.redirectingServer({ status: 307, target: elsewhere.url });
		drip = await hostile.drippingServer({ intervalMs: 500 });
		huge = await hostile.hugeAnswerServer({ totalBytes: 300 * 1024 * 1024 });
		n8n = new N8nInstance();
		await n8n.importCredentials([
			{
				id: 'smlRedirect',
				name: 'SML redirecting',
				type: 'smlApi',
				data: { domain: sml302.url, username: 'e2e', password: SML_PASSWORD, authScheme: 'Token' },
			},
			{
				id: 'smlHuge',
				name: 'SML huge answer',
				type: 'smlApi',
				data: { domain: huge.url, username: 'e2e', password: SML_PASSWORD, authScheme: 'Token' },
			},
			{
				id: 'pilotRedirect',
				name: 'Pilot redirecting',
				type: 'pilotApi',
				data: { baseUrl: pilot307.url, appKey: PILOT_KEY },
			},
			{
				id: 'pilotDrip',
				name: 'Pilot dripping',
				type: 'pilotApi',
				data: { baseUrl: drip.url, appKey: PILOT_KEY },
			},
			{
				id: 'econtractRedirect',
				name: 'Econtract redirecting',
				type: 'econtractApi',
				data: { baseUrl: econtract307.url, crmApiId: '17', crmApiKey: ECONTRACT_KEY },
			},
		]);
		await n8n.importWorkflows([
			chainWorkflow('hsSml302', 'SML behind a 302', [
				node(
					'SML',
					'sml',
					{ smlApi: { id: 'smlRedirect', name: 'SML redirecting' } },
					smlLeads({ maxRetries: 2, timeout: 10 }),
				),
			]),
			chainWorkflow('hsPilot307', 'Pilot behind a 307', [
				node(
					'Pilot',
					'pilot',
					{ pilotApi: { id: 'pilotRedirect', name: 'Pilot redirecting' } },
					pilotLead({ maxRetries: 2, timeout: 10 }),
				),
			]),
			chainWorkflow('hsEcontract307', 'Econtract behind a 307', [
				node(
					'Econtract',
					'econtract',
					{ econtractApi: { id: 'econtractRedirect', name: 'Econtract redirecting' } },
					econtractClient,
				),
			]),
			chainWorkflow('hsDrip3s', 'Pilot dripping one byte every 0.5 s, Timeout 3 s', [
				node(
					'Pilot',
					'pilot',
					{ pilotApi: { id: 'pilotDrip', name: 'Pilot dripping' } },
					pilotLead({ maxRetries: 3, timeout: 3 }),
				),
			]),
			chainWorkflow('hsHuge300', 'SML answering 300 MB', [
				node(
					'SML',
					'sml',
					{ smlApi: { id: 'smlHuge', name: 'SML huge answer' } },
					smlLeads({ maxRetries: 2, timeout: 60 }),
				),
			]),
		]);
		result = await n8n.executeBatch([
			'hsSml302',
			'hsPilot307',
			'hsEcontract307',
			'hsDrip3s',
			'hsHuge300',
		]);
		if (process.env.E2E_DUMP) require('fs').writeFileSync(process.env.E2E_DUMP, result.output);
	});

	after(async () => {
		await n8n?.stop();
		n8n?.cleanup();
		await Promise.all(
			[elsewhere, sml302, pilot307, econtract307, drip, huge].filter(Boolean).map((s) => s.close()),
		);
	});

	it('the server a redirect points to receives nothing at all', () => {
		assert.deepEqual(elsewhere.received, []);
	});

	it('SML after a 302: the token went to the SML host only, and the error names the other host without the query', () => {
		assert.deepEqual(
			sml302.received.map((r) => `${r.method} ${r.url.split('?')[0]}`),
			['POST /api/auth/login/', 'GET /api/lead/'],
			'logged in, sent the call once, never followed nor retried it',
		);
		assert.equal(sml302.received[1].headers.authorization, `Token ${SML_TOKEN}`);
		const error = errorOf('hsSml302', 'SML');
		assert.equal(
			error,
			`SML: the server answered GET /api/lead/ with a redirect (HTTP 302) to ${elsewhere.url}/api/lead/. Redirects are not followed, so the credential is never sent to another address.`,
		);
	});

	it('Pilot after a 307: the app key went in the form to the Pilot host only', () => {
		assert.equal(pilot307.received.length, 1);
		assert.match(pilot307.received[0].body, new RegExp(`appkey=${PILOT_KEY}`));
		assert.equal(
			errorOf('hsPilot307', 'Pilot'),
			`Pilot: the server answered POST /webhooks/welcome.php with a redirect (HTTP 307) to ${elsewhere.url}/webhooks/welcome.php. Redirects are not followed, so the credential is never sent to another address.`,
		);
	});

	it('Econtract after a 307: the CRM API key went in the form to the Econtract host only', () => {
		assert.equal(econtract307.received.length, 1);
		assert.match(econtract307.received[0].body, new RegExp(`crm_api_key=${ECONTRACT_KEY}`));
		assert.match(
			errorOf('hsEcontract307', 'Econtract'),
			new RegExp(
				`^Econtract: the server answered POST /api/clients with a redirect \\(HTTP 307\\) to ${elsewhere.url}/api/clients\\.`,
			),
		);
	});

	it('a server dripping its answer fails the call at its Timeout (3 s), once, with words saying so', (t) => {
		const error = errorOf('hsDrip3s', 'Pilot');
		assert.match(
			error,
			/^Pilot: no complete answer within 3 s on POST \/webhooks\/welcome\.php \(Request Options > Timeout\): \d+ bytes of it had arrived and it was still coming\. The request may have reached the server, so it was not sent again/,
		);
		assert.equal(drip.received.length, 1, 'a create is never sent again');
		const ms = timeOf('hsDrip3s', 'Pilot');
		t.diagnostic(
			`Pilot node ran ${ms} ms; the server's connection was open ${drip.drips[0].closedAt - drip.drips[0].startedAt} ms`,
		);
		assert.ok(ms >= 2900 && ms < 3000 + 4000, `the node ran ${ms} ms for a Timeout of 3 s`);
		assert.ok(drip.drips[0].closedAt !== undefined, 'the connection was closed');
		assert.ok(
			drip.drips[0].closedAt - drip.drips[0].startedAt < 3000 + 4000,
			'the connection was closed at the deadline',
		);
	});

	it('an answer without end stops at 50 MB with an error that says so, well within the Timeout', (t) => {
		assert.equal(
			errorOf('hsHuge300', 'SML'),
			'SML: answer larger than 50 MB to GET /api/lead/: reading stopped there (no answer of this CRM is that large).',
		);
		assert.equal(huge.answers.length, 1, 'not sent again: the same answer would come again');
		assert.equal(
			huge.answers[0].complete,
			false,
			'n8n stopped reading: the server could not send all of it',
		);
		assert.ok(huge.answers[0].bytes < 150 * 1024 * 1024, `${huge.answers[0].bytes} bytes sent`);
		const ms = timeOf('hsHuge300', 'SML');
		t.diagnostic(
			`SML node ran ${ms} ms; the server had sent ${huge.answers[0].bytes} bytes when n8n hung up`,
		);
		assert.ok(ms < 30_000, `the node ran ${ms} ms`);
	});

	it("no secret appears in the runs, the summary or n8n's log", () => {
		const seen = `${JSON.stringify(result.runs)}\n${result.output}\n${n8n.logs}`;
		for (const secret of SECRETS)
			assert.ok(!seen.includes(secret), `a secret (${secret.slice(0, 8)}...) was shown`);
	});
});
