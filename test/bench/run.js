#!/usr/bin/env node
'use strict';
// `npm run bench`: each scenario does the same job with this package's node and with
// n8n's own HTTP Request node, in one n8n run, against the same simulator. Times come
// from n8n's execution data (each node run's executionTime), not from process start.
//   BENCH=pilot,dataPlatform,sml (default all)  BENCH_ROUNDS (default 3)
//   BENCH_ITEMS overrides each scenario's item count (for a quick run)
const { createPilotSimulator, PILOT_APP_KEY } = require('../../sandbox/pilot');
const { createDataPlatformSimulator, DATA_PLATFORM_LISTENER_PATH, DATA_PLATFORM_SENDER_USERS } = require('../../sandbox/dataPlatform');
const { createSmlSimulator, SML_USERNAME, SML_PASSWORD } = require('../../sandbox/sml');
const { N8nInstance, PACKAGE_NAME, chainWorkflow } = require('../e2e/harness');

const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const count = (n) => Number(process.env.BENCH_ITEMS || n);

/** A Code node that makes `n` items {i, name} without a huge workflow file. */
const generate = (n, prefix) => ({
	name: 'Items',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	parameters: { jsCode: `return Array.from({ length: ${n} }, (_, i) => ({ json: { i, name: '${prefix}-' + i, email: '${prefix}-' + i + '@example.com' } }));` },
});

const SCENARIOS = {
	pilot: {
		title: 'Pilot lead:create, one call per lead',
		items: count(1000),
		simulator: () => createPilotSimulator(),
		credential: (url) => ({ type: 'pilotApi', data: { appKey: PILOT_APP_KEY, baseUrl: url } }),
		node: (tag, n) => [
			generate(n, tag),
			{
				name: 'Job',
				type: `${PACKAGE_NAME}.pilot`,
				credentials: { pilotApi: { id: 'benchCred', name: 'bench' } },
				parameters: { resource: 'lead', operation: 'create', pilot_contact_type_id: '1', pilot_business_type_id: '1', additionalFields: { pilot_firstname: '={{ $json.name }}', pilot_email: '={{ $json.email }}' } },
			},
		],
		http: (tag, n, url) => [
			generate(n, tag),
			{
				name: 'Job',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				parameters: {
					method: 'POST',
					url: `${url}/webhooks/welcome.php`,
					sendBody: true,
					contentType: 'form-urlencoded',
					bodyParameters: {
						parameters: [
							{ name: 'action', value: 'create' },
							{ name: 'appkey', value: PILOT_APP_KEY },
							{ name: 'pilot_contact_type_id', value: '1' },
							{ name: 'pilot_business_type_id', value: '1' },
							{ name: 'pilot_firstname', value: '={{ $json.name }}' },
							{ name: 'pilot_email', value: '={{ $json.email }}' },
						],
					},
					options: {},
				},
			},
		],
	},
	dataPlatform: {
		title: 'CRM Data Platform contact:create, batches of 50 vs one POST per contact',
		items: count(10000),
		simulator: () => createDataPlatformSimulator(),
		credential: (url) => ({ type: 'dataPlatformApi', data: { listenerUrl: `${url}${DATA_PLATFORM_LISTENER_PATH}`, senderUser: DATA_PLATFORM_SENDER_USERS[0] } }),
		node: (tag, n) => [
			generate(n, tag),
			{
				name: 'Job',
				type: `${PACKAGE_NAME}.dataPlatform`,
				credentials: { dataPlatformApi: { id: 'benchCred', name: 'bench' } },
				parameters: { resource: 'contact', operation: 'create', name: '={{ $json.name }}', type: 0, additionalFields: {} },
			},
		],
		http: (tag, n, url) => [
			generate(n, tag),
			{
				name: 'Job',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				parameters: {
					method: 'POST',
					url: `${url}${DATA_PLATFORM_LISTENER_PATH}`,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: `={{ JSON.stringify({ senderUser: '${DATA_PLATFORM_SENDER_USERS[0]}', data: [{ actionType: 'add-contact', data: { name: $json.name, type: 0 } }] }) }}`,
					options: {},
				},
			},
		],
	},
	sml: {
		title: 'SML lead:getMany Return All over 10,000 leads (DRF pages) vs HTTP Request pagination',
		items: count(10000),
		simulator: (n) => createSmlSimulator({ leads: n }),
		credential: (url) => ({ type: 'smlApi', data: { domain: url, username: SML_USERNAME, password: SML_PASSWORD, authScheme: 'Token' } }),
		node: () => [
			{
				name: 'Job',
				type: `${PACKAGE_NAME}.sml`,
				credentials: { smlApi: { id: 'benchCred', name: 'bench' } },
				parameters: { resource: 'lead', operation: 'getMany', returnAll: true, filters: {} },
			},
		],
		http: (_tag, _n, url) => [
			{
				name: 'Job',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				credentials: { smlApi: { id: 'benchCred', name: 'bench' } },
				parameters: {
					method: 'GET',
					url: `${url}/api/lead/`,
					authentication: 'predefinedCredentialType',
					nodeCredentialType: 'smlApi',
					sendQuery: true,
					queryParameters: { parameters: [{ name: 'page_size', value: '100' }] },
					options: {
						pagination: {
							pagination: {
								paginationMode: 'responseContainsNextURL',
								nextURL: '={{ $response.body.next }}',
								paginationCompleteWhen: 'other',
								completeExpression: '={{ !$response.body.next }}',
							},
						},
					},
				},
			},
		],
		// The node outputs one item per lead; the HTTP Request node one item per page.
		check: (kind, out, n) => (kind === 'node' ? out.length === n : out.length >= 1),
	},
};
for (const s of Object.values(SCENARIOS)) s.check ??= (_kind, out, n) => out.length === n && !out.some((o) => o.json.error);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function runScenario(name, scenario) {
	const n = scenario.items;
	const sim = await scenario.simulator(n).start(0);
	const n8n = new N8nInstance({ major: 2 });
	try {
		await n8n.importCredentials([{ id: 'benchCred', name: 'bench', ...scenario.credential(sim.url) }]);
		const ids = [];
		const workflows = [];
		for (let r = 0; r < ROUNDS; r++) {
			for (const kind of r % 2 === 0 ? ['node', 'http'] : ['http', 'node']) {
				const id = `bench${name}${kind}${r}`;
				ids.push(id);
				workflows.push(chainWorkflow(id, id, scenario[kind](id, n, sim.url)));
			}
		}
		await n8n.importWorkflows(workflows);
		const { runs, executions } = await n8n.executeBatch(ids);
		const result = { node: [], http: [], requests: { node: [], http: [] } };
		for (const id of ids) {
			const run = runs[id];
			if (!run) throw new Error(`${name}: run ${id} failed: ${executions[id]?.error}`);
			const job = run.data.resultData.runData.Job[0];
			const kind = id.includes('node') ? 'node' : 'http';
			if (!scenario.check(kind, job.data.main[0], n)) throw new Error(`${name}: run ${id} did not do the whole job`);
			result[kind].push(job.executionTime);
			// Requests of this run: runs are sequential, so its time window holds only its own calls.
			const requests = sim.log.filter((r) => r.at >= job.startTime - 5 && r.at <= job.startTime + job.executionTime + 5);
			result.requests[kind].push(requests.length);
		}
		const node = median(result.node);
		const http = median(result.http);
		console.log(`\n${name}: ${scenario.title} (${n} items, ${ROUNDS} runs each, n8n ${n8n.n8n.version})`);
		console.log(`  this node:          median ${node} ms (${(node / n).toFixed(3)} ms/item), requests per run ${median(result.requests.node)}; runs ${result.node.join(', ')} ms`);
		console.log(`  HTTP Request node:  median ${http} ms (${(http / n).toFixed(3)} ms/item), requests per run ${median(result.requests.http)}; runs ${result.http.join(', ')} ms`);
		console.log(`  ratio node/http: ${(node / http).toFixed(2)}x`);
	} finally {
		await n8n.stop();
		n8n.cleanup();
		await sim.stop();
	}
}

async function main() {
	const wanted = (process.env.BENCH || Object.keys(SCENARIOS).join(',')).split(',');
	for (const name of wanted) await runScenario(name, SCENARIOS[name]);
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
