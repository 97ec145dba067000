#!/usr/bin/env node
'use strict';
// `npm run bench`: the same job done by this package's node and by n8n's own HTTP
// Request node, in one n8n run, against the same simulator. Times come from n8n's
// execution data (each node run's executionTime), not from process start.
//   BENCH_ITEMS (default 1000)  BENCH_ROUNDS (default 3)
const { createPilotSimulator, PILOT_APP_KEY } = require('../../sandbox/pilot');
const { N8nInstance, PACKAGE_NAME, chainWorkflow, itemsNode } = require('../e2e/harness');

const ITEMS = Number(process.env.BENCH_ITEMS || 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);

const leads = Array.from({ length: ITEMS }, (_, i) => ({ first: `Bench ${i}`, email: `bench${i}@example.com` }));

function pilotWorkflow(id) {
	return chainWorkflow(id, `bench pilot node ${id}`, [
		itemsNode('Leads', leads),
		{
			name: 'Job',
			type: `${PACKAGE_NAME}.pilot`,
			credentials: { pilotApi: { id: 'benchPilot', name: 'Pilot bench' } },
			parameters: {
				resource: 'lead',
				operation: 'create',
				pilot_contact_type_id: '1',
				pilot_business_type_id: '1',
				additionalFields: { pilot_firstname: '={{ $json.first }}', pilot_email: '={{ $json.email }}' },
			},
		},
	]);
}

function httpWorkflow(id, url) {
	return chainWorkflow(id, `bench http request ${id}`, [
		itemsNode('Leads', leads),
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
						{ name: 'pilot_firstname', value: '={{ $json.first }}' },
						{ name: 'pilot_email', value: '={{ $json.email }}' },
					],
				},
				options: {},
			},
		},
	]);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
	const sim = await createPilotSimulator().start(0);
	const n8n = new N8nInstance({ major: 2 });
	try {
		await n8n.importCredentials([{ id: 'benchPilot', name: 'Pilot bench', type: 'pilotApi', data: { appKey: PILOT_APP_KEY, baseUrl: sim.url } }]);
		const ids = [];
		const workflows = [];
		for (let r = 0; r < ROUNDS; r++) {
			// Alternate, so neither side always runs on a warmer process.
			const pair = r % 2 === 0 ? ['node', 'http'] : ['http', 'node'];
			for (const kind of pair) {
				const id = `bench${kind}${r}`;
				ids.push(id);
				workflows.push(kind === 'node' ? pilotWorkflow(id) : httpWorkflow(id, sim.url));
			}
		}
		await n8n.importWorkflows(workflows);
		const { runs, executions } = await n8n.executeBatch(ids);
		const times = { node: [], http: [] };
		for (const id of ids) {
			const run = runs[id];
			if (!run) throw new Error(`run ${id} failed: ${executions[id]?.error}`);
			const job = run.data.resultData.runData.Job[0];
			const out = job.data.main[0];
			if (out.length !== ITEMS || out.some((o) => o.json.error)) throw new Error(`run ${id} did not create ${ITEMS} leads`);
			times[id.includes('node') ? 'node' : 'http'].push(job.executionTime);
		}
		const created = sim.state.leads.length;
		const node = median(times.node);
		const http = median(times.http);
		console.log(`bench: ${ITEMS} Pilot lead creates per run, ${ROUNDS} runs each, n8n ${n8n.n8n.version}, same simulator (${created} leads created in all)`);
		console.log(`  Pilot node (lead:create):   median ${node} ms  (${(node / ITEMS).toFixed(3)} ms/item)  runs: ${times.node.join(', ')}`);
		console.log(`  HTTP Request node (form):   median ${http} ms  (${(http / ITEMS).toFixed(3)} ms/item)  runs: ${times.http.join(', ')}`);
		console.log(`  ratio node/http: ${(node / http).toFixed(2)}x (target <= 1.10x)`);
	} finally {
		await n8n.stop();
		n8n.cleanup();
		await sim.stop();
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
