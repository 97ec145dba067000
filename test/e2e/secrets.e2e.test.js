'use strict';
// Issue 15, items 3 and 6, in a real n8n installed from the packed tarball: PUBLITRAC credentials
// with the password `Summer*2024-Red` and API key `Key~With!Bang-2024` call a hostile
// server whose error pages repeat the request line as n8n sent it (RFC 3986: %2A, %21), decoded,
// JSON-escaped and as entities, and one whose long page has the key straddling the point where
// the error text is shortened. Neither secret, in any form (test/unit/secrets/forms.ts), may
// be in the node's error, the saved execution (GET /rest/executions/<id> and the database file)
// or n8n's log. And a weak password `1234` leaves a lead's phone 0612345678 as it is.
const { after, before, describe, it } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const http = require('http');
const path = require('path');
const Module = require('module');
const ts = require('typescript');
const { createPublitracSimulator, PUBLITRAC_CREDENTIALS } = require('../../sandbox/publitrac');
const {
	N8nInstance,
	PACKAGE_NAME,
	ROOT,
	chainWorkflow,
	nodeOutput,
	request,
} = require('../helpers/n8n');

/** test/unit/secrets/forms.ts, compiled here: the unit tests and this file search for the same forms. */
function loadForms() {
	const file = path.join(ROOT, 'test', 'unit', 'secrets', 'forms.ts');
	const js = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
		compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
	}).outputText;
	const m = new Module(file);
	m._compile(js, file);
	return m.exports;
}
const { leakedForms } = loadForms();

const NODE = `${PACKAGE_NAME}.publitrac`;
const PASSWORD = 'Summer*2024-Red';
const API_KEY = 'Key~With!Bang-2024';
// 55 characters, as in the truncation report.
const LONG_KEY = 'Key~With!Bang-2024-9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a';
const SECRETS = [PASSWORD, API_KEY, LONG_KEY];

/** A careless server: its error pages quote the request in every way a web stack does. */
function hostileServer() {
	const lines = [];
	const server = http.createServer((req, res) => {
		lines.push(req.url);
		const line = `${req.method} ${req.url} HTTP/1.1`;
		const mode = req.url.split('/')[1];
		let page;
		if (mode === 'echo')
			page = `<html><body><h1>400 Bad Request</h1><p>Error processing ${line}</p></body></html>`;
		else if (mode === 'decoded') {
			const decoded = decodeURIComponent(req.url);
			const entities = [...decoded]
				.map((c) => (/[A-Za-z0-9]/.test(c) ? c : `&#x${c.charCodeAt(0).toString(16)};`))
				.join('');
			page = `<html><body>${JSON.stringify({ url: decoded }).replace(/\//g, '\\/')} ${entities} ${req.url.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())}</body></html>`;
		} else {
			// The raw key as sent, starting 10 characters before the error text is cut (300).
			const key = /[?&]apikey=([^&]*)/.exec(req.url)?.[1] ?? '';
			page = `<html><body><p>${'x'.repeat(282)} apikey=${key} ${'y'.repeat(100)}</p></body></html>`;
		}
		res.writeHead(mode === 'ok200' ? 200 : 500, { 'content-type': 'text/html' });
		res.end(page);
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () =>
			resolve({
				url: `http://127.0.0.1:${server.address().port}`,
				lines,
				close: () => new Promise((r) => server.close(r)),
			}),
		),
	);
}

describe(`secrets in n8n ${process.env.E2E_N8N_MAJOR || 2}.x (tarball install)`, () => {
	let n8n;
	let hostile;
	let sim;
	let batch;
	const failing = ['secEcho', 'secDecoded', 'secLong', 'secEchoContinue'];

	before(async () => {
		hostile = await hostileServer();
		sim = await createPublitracSimulator().start(0);
		Object.assign(sim.state.credentials, { password: '1234' });
		const [lead] = sim.seedLeads(1);
		Object.assign(lead, { email: 'weak@acme.com', phone: '0612345678', postalCode: '1234' });
		n8n = new N8nInstance();
		const base = { ...PUBLITRAC_CREDENTIALS, password: PASSWORD, apiKey: API_KEY };
		await n8n.importCredentials([
			{
				id: 'secEchoCred',
				name: 'hostile echo',
				type: 'publitracApi',
				data: { ...base, baseUrl: `${hostile.url}/echo/api` },
			},
			{
				id: 'secDecodedCred',
				name: 'hostile decoded',
				type: 'publitracApi',
				data: { ...base, baseUrl: `${hostile.url}/decoded/api` },
			},
			{
				id: 'secLongCred',
				name: 'hostile long',
				type: 'publitracApi',
				data: { ...base, apiKey: LONG_KEY, baseUrl: `${hostile.url}/long/api` },
			},
			{
				id: 'secWeakCred',
				name: 'weak password',
				type: 'publitracApi',
				data: { ...PUBLITRAC_CREDENTIALS, password: '1234', baseUrl: `${sim.url}/api` },
			},
		]);
		const get = {
			resource: 'lead',
			operation: 'get',
			email: 'a@acme.com',
			requestOptions: { maxRetries: 0 },
		};
		const node = (credId, extra = {}, parameters = get) => ({
			name: 'PUBLITRAC',
			type: NODE,
			credentials: { publitracApi: { id: credId, name: credId } },
			parameters,
			...extra,
		});
		await n8n.importWorkflows([
			chainWorkflow('secEcho', 'secrets echo', [node('secEchoCred')]),
			chainWorkflow('secDecoded', 'secrets decoded', [node('secDecodedCred')]),
			chainWorkflow('secLong', 'secrets long', [node('secLongCred')]),
			chainWorkflow('secEchoContinue', 'secrets echo continue', [
				node('secEchoCred', { onError: 'continueRegularOutput' }),
			]),
			chainWorkflow('secWeak', 'weak password', [
				node('secWeakCred', {}, { resource: 'lead', operation: 'get', email: 'weak@acme.com' }),
			]),
		]);
		batch = await n8n.executeBatch([...failing, 'secWeak']);
		await n8n.start();
	});

	after(async () => {
		await n8n?.stop();
		n8n?.cleanup();
		await hostile?.close();
		await sim?.stop();
	});

	it('the secrets went out as n8n writes them (RFC 3986), so the searches are not vacuous', () => {
		assert.ok(
			hostile.lines.some((l) => l.includes('password=Summer%2A2024-Red')),
			hostile.lines.join('\n'),
		);
		assert.ok(hostile.lines.some((l) => l.includes('apikey=Key~With%21Bang-2024')));
	});

	it('the node errors show [redacted] and no form of a secret; the cut key shows no part of itself', () => {
		for (const id of ['secEcho', 'secDecoded', 'secLong']) {
			const run = batch.executions[id];
			assert.equal(run?.executionStatus, 'error', id);
			assert.match(run.error, /^PUBLITRAC: HTTP 500 - /, id);
			assert.match(run.error, /\[redacted\]/, id);
			assert.deepEqual(leakedForms(run.error, SECRETS), [], id);
		}
		assert.match(
			batch.executions.secLong.error,
			/apikey=\[redacted\]\.\.\. \(method getLead\)( on node PUBLITRAC)?$/,
		);
		assert.ok(!batch.executions.secLong.error.includes('Key~W'));
		const item = nodeOutput(batch.runs.secEchoContinue, 'PUBLITRAC')[0].json;
		assert.match(item.error, /\[redacted\]/);
	});

	it("n8n's log (its output and event log) holds no form of a secret", () => {
		const eventLogs = fs
			.readdirSync(path.join(n8n.userFolder, '.n8n'))
			.filter((f) => f.startsWith('n8nEventLog'))
			.map((f) => fs.readFileSync(path.join(n8n.userFolder, '.n8n', f), 'utf8'));
		assert.deepEqual(leakedForms([batch.output, n8n.logs, ...eventLogs].join('\n'), SECRETS), []);
	});

	it('the saved executions (GET /rest/executions/<id>, the database file) hold no form of a secret', async () => {
		const session = await n8n.ownerSession();
		const list = await request('GET', `${n8n.url}/rest/executions?limit=50`, { headers: session });
		assert.equal(list.status, 200, list.text.slice(0, 300));
		const results = list.json.data.results ?? list.json.data;
		assert.ok(results.length >= failing.length + 1, `saved executions: ${results.length}`);
		for (const e of results) {
			const one = await request('GET', `${n8n.url}/rest/executions/${e.id}`, { headers: session });
			assert.equal(one.status, 200);
			assert.deepEqual(leakedForms(one.text, SECRETS), [], `execution ${e.id} (${e.workflowId})`);
		}
		// The database file and its write-ahead log, as bytes read as text.
		const dir = path.join(n8n.userFolder, '.n8n');
		const db = fs
			.readdirSync(dir)
			.filter((f) => f.startsWith('database.sqlite'))
			.map((f) => fs.readFileSync(path.join(dir, f)).toString('utf8'))
			.join('\n');
		assert.ok(db.length > 0);
		assert.deepEqual(leakedForms(db, SECRETS), []);
	});

	it("a weak password (1234) leaves the lead's phone and postal code as PUBLITRAC sent them", () => {
		const out = nodeOutput(batch.runs.secWeak, 'PUBLITRAC');
		assert.equal(out[0].json.phone, '0612345678');
		assert.equal(out[0].json.postalCode, '1234');
	});
});
