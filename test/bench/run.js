#!/usr/bin/env node
'use strict';
// `npm run bench`: each scenario does the same job with this package's node and with
// n8n's own HTTP Request node, in one n8n run, against the same simulator. Times come
// from n8n's execution data (each node run's executionTime), not from process start.
//   BENCH=pilot,dataPlatform,sml,publitracView,publitracSync (default all)  BENCH_ROUNDS (default 3)
//   BENCH_ITEMS overrides each scenario's item count (for a quick run)
const { createPilotSimulator, pilotCredential, PILOT_APP_KEY } = require('../../sandbox/pilot');
const {
	createDataPlatformSimulator,
	dataPlatformCredential,
	DATA_PLATFORM_LISTENER_PATH,
	DATA_PLATFORM_SENDER_USERS,
} = require('../../sandbox/dataPlatform');
const { createSmlSimulator, smlCredential } = require('../../sandbox/sml');
const { createPublitracSimulator, publitracCredential } = require('../../sandbox/publitrac');
const { N8nInstance, PACKAGE_NAME, chainWorkflow } = require('../helpers/n8n');

const fs = require('fs');
const os = require('os');
const path = require('path');

const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const PEAK_PRELOAD = path.join(__dirname, 'peak.js');
const count = (n) => Number(process.env.BENCH_ITEMS || n);

/** A Code node that makes `n` items {i, name} without a huge workflow file. */
const generate = (n, prefix) => ({
	name: 'Items',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	parameters: {
		jsCode: `return Array.from({ length: ${n} }, (_, i) => ({ json: { i, name: '${prefix}-' + i, email: '${prefix}-' + i + '@example.com' } }));`,
	},
});

/**
 * The least time PUBLITRAC's limit allows for `requests` calls: at most 35 in any second, so
 * call k cannot reach the server before floor((k - 1) / 35) s after the first one.
 */
const publitracFloorMs = (requests) => Math.floor((requests - 1) / 35) * 1000;

const SCENARIOS = {
	pilot: {
		title: 'Pilot lead:create, one call per lead',
		items: count(1000),
		simulator: () => createPilotSimulator(),
		credential: pilotCredential,
		node: (tag, n) => [
			generate(n, tag),
			{
				name: 'Job',
				type: `${PACKAGE_NAME}.pilot`,
				credentials: { pilotApi: { id: 'benchCred', name: 'bench' } },
				parameters: {
					resource: 'lead',
					operation: 'create',
					pilot_contact_type_id: '1',
					pilot_business_type_id: '1',
					additionalFields: {
						pilot_firstname: '={{ $json.name }}',
						pilot_email: '={{ $json.email }}',
					},
				},
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
		credential: dataPlatformCredential,
		node: (tag, n) => [
			generate(n, tag),
			{
				name: 'Job',
				type: `${PACKAGE_NAME}.dataPlatform`,
				credentials: { dataPlatformApi: { id: 'benchCred', name: 'bench' } },
				parameters: {
					resource: 'contact',
					operation: 'create',
					name: '={{ $json.name }}',
					type: 0,
					additionalFields: {},
				},
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
		credential: smlCredential,
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
	publitracView: {
		title:
			'PUBLITRAC view:getLeads Return All over a 20,000-lead view (100 per page, 35 calls/s) vs HTTP Request pagination + XML + Split Out',
		items: count(20000),
		simulator: (n) => {
			const sim = createPublitracSimulator();
			sim.seedLeads(n, { view: 'Bench' });
			return sim;
		},
		credential: publitracCredential,
		node: () => [
			{
				name: 'Job',
				type: `${PACKAGE_NAME}.publitrac`,
				credentials: { publitracApi: { id: 'benchCred', name: 'bench' } },
				parameters: { resource: 'view', operation: 'getLeads', viewName: 'Bench', returnAll: true },
			},
		],
		// What a user would build: the HTTP Request node with the credential, a page parameter and
		// an interval that keeps 35 calls/s (1000 / 35 = 29 ms), then XML to JSON and Split Out.
		http: (_tag, _n, url) => [
			{
				name: 'Job',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				credentials: { publitracApi: { id: 'benchCred', name: 'bench' } },
				parameters: {
					method: 'GET',
					url: `${url}/api`,
					authentication: 'predefinedCredentialType',
					nodeCredentialType: 'publitracApi',
					sendQuery: true,
					queryParameters: {
						parameters: [
							{ name: 'method', value: 'getView' },
							{ name: 'viewName', value: 'Bench' },
						],
					},
					options: {
						response: { response: { responseFormat: 'text', outputPropertyName: 'data' } },
						pagination: {
							pagination: {
								paginationMode: 'updateAParameterInEachRequest',
								parameters: {
									parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount + 1 }}' }],
								},
								paginationCompleteWhen: 'other',
								completeExpression: "={{ !String($response.body).includes('<lead>') }}",
								requestInterval: 29,
							},
						},
					},
				},
			},
			{
				name: 'Xml',
				type: 'n8n-nodes-base.xml',
				typeVersion: 1,
				parameters: { mode: 'xmlToJson', dataPropertyName: 'data', options: {} },
			},
			{
				name: 'Split',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				parameters: { fieldToSplitOut: 'response.leads.lead', options: {} },
			},
		],
		httpNodes: ['Job', 'Xml', 'Split'],
		// The simulator counts calls over 35 in any second: both jobs must stay at zero.
		violations: (sim) => sim.state.rateViolations,
		floorMs: publitracFloorMs,
		check: (_kind, out, n) => out.length === n && new Set(out.map((o) => o.json.id)).size === n,
	},
	publitracSync: {
		title:
			'PUBLITRAC lead:sync of 5,000 leads: batches of 100 leads per syncLead call vs one call per lead (node and HTTP Request node)',
		items: count(5000),
		// One call per lead is paced by the limit: one round is enough. n8n's execute-batch stops a
		// workflow after 3 minutes, and 5,000 calls at 35/s take 143 s plus n8n's own time, over that
		// limit on a busy machine: the one-call-per-lead jobs sync 3,000 leads (floor 86 s).
		rounds: 1,
		singleItems: count(3000),
		// Only one call per lead comes near the limit (3,000 calls: 85 s); the batched job makes 50.
		floorMs: publitracFloorMs,
		simulator: () => createPublitracSimulator(),
		credential: publitracCredential,
		node: (tag, n) => [
			generate(n, tag),
			{
				name: 'Job',
				type: `${PACKAGE_NAME}.publitrac`,
				credentials: { publitracApi: { id: 'benchCred', name: 'bench' } },
				parameters: {
					resource: 'lead',
					operation: 'sync',
					email: '={{ $json.email }}',
					batch: true,
					batchSize: 100,
					additionalFields: { firstName: '={{ $json.name }}' },
				},
			},
		],
		nodeSingle: (tag, n) => [
			generate(n, tag),
			{
				name: 'Job',
				type: `${PACKAGE_NAME}.publitrac`,
				credentials: { publitracApi: { id: 'benchCred', name: 'bench' } },
				parameters: {
					resource: 'lead',
					operation: 'sync',
					email: '={{ $json.email }}',
					additionalFields: { firstName: '={{ $json.name }}' },
					requestOptions: { parallelRequests: 35 },
				},
			},
		],
		http: (tag, n, url) => [
			generate(n, tag),
			{
				name: 'Job',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				credentials: { publitracApi: { id: 'benchCred', name: 'bench' } },
				parameters: {
					method: 'POST',
					url: `${url}/api`,
					authentication: 'predefinedCredentialType',
					nodeCredentialType: 'publitracApi',
					sendQuery: true,
					queryParameters: { parameters: [{ name: 'method', value: 'syncLead' }] },
					sendBody: true,
					contentType: 'form-urlencoded',
					bodyParameters: {
						parameters: [
							{
								name: 'query',
								value:
									"={{ '<?xml version=\"1.0\" encoding=\"UTF-8\"?><request><lead><email>' + $json.email + '</email><firstName>' + $json.name + '</firstName></lead></request>' }}",
							},
						],
					},
					// One call per lead at the limit: batches of 35 items per second.
					options: { batching: { batch: { batchSize: 35, batchInterval: 1000 } } },
				},
			},
		],
		violations: (sim) => sim.state.rateViolations,
		check: (_kind, out, n) => out.length === n && !out.some((o) => o.json.error),
	},
};
for (const s of Object.values(SCENARIOS))
	s.check ??= (_kind, out, n) => out.length === n && !out.some((o) => o.json.error);

/** Peak resident memory (MB) of the n8n execute-batch process, written by peak.js at its exit. */
function peakOf(dir) {
	let peak = 0;
	for (const file of fs.readdirSync(dir)) {
		const { argv, maxRssKb } = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
		if (argv.includes('execute-batch')) peak = Math.max(peak, Math.round(maxRssKb / 1024));
	}
	return peak;
}

const summaryPerItem = (job) => job.medianMs / job.items;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const LABELS = {
	node: 'this node',
	nodeSingle: 'this node, one call per item',
	http: 'HTTP Request node',
};

async function runScenario(name, scenario) {
	const n = scenario.items;
	const sim = await scenario.simulator(n).start(0);
	const n8n = new N8nInstance({ major: 2 });
	const kinds = ['node', 'http', ...(scenario.nodeSingle ? ['nodeSingle'] : [])];
	try {
		await n8n.importCredentials([
			{ id: 'benchCred', name: 'bench', ...scenario.credential(sim.url) },
		]);
		const ids = [];
		const kindOf = {};
		const itemsOf = {};
		const workflows = [];
		const rounds = Math.min(ROUNDS, scenario.rounds ?? ROUNDS);
		for (let r = 0; r < rounds; r++) {
			// Alternate the order of the jobs from round to round.
			const order = r % 2 === 0 ? kinds : [...kinds].reverse();
			for (const kind of order) {
				const id = `bench${name}${kind}${r}`;
				itemsOf[id] = kind !== 'node' && scenario.singleItems ? scenario.singleItems : n;
				ids.push(id);
				kindOf[id] = kind;
				workflows.push(chainWorkflow(id, id, scenario[kind](id, itemsOf[id], sim.url)));
			}
		}
		await n8n.importWorkflows(workflows);
		const result = Object.fromEntries(
			kinds.map((k) => [k, { times: [], requests: [], violations: [], peakMb: [] }]),
		);
		// One workflow per execute-batch call: the simulator's counters are read between runs.
		for (const id of ids) {
			const kind = kindOf[id];
			const before = {
				log: sim.log.length,
				violations: scenario.violations ? scenario.violations(sim) : 0,
			};
			const peakDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-leads-peak-'));
			const { runs, executions } = await n8n.executeBatch([id], {
				env: { NODE_OPTIONS: `--require ${PEAK_PRELOAD}`, BENCH_PEAK_DIR: peakDir },
			});
			result[kind].peakMb.push(peakOf(peakDir));
			fs.rmSync(peakDir, { recursive: true, force: true });
			const run = runs[id];
			if (!run) throw new Error(`${name}: run ${id} failed: ${executions[id]?.error}`);
			const runData = run.data.resultData.runData;
			const jobNodes = kind === 'http' && scenario.httpNodes ? scenario.httpNodes : ['Job'];
			const out = runData[jobNodes[jobNodes.length - 1]][0].data.main[0];
			if (!scenario.check(kind, out, itemsOf[id]))
				throw new Error(`${name}: run ${id} did not do the whole job (${out.length} items)`);
			result[kind].times.push(
				jobNodes.reduce((sum, node) => sum + runData[node][0].executionTime, 0),
			);
			result[kind].requests.push(sim.log.length - before.log);
			if (scenario.violations)
				result[kind].violations.push(scenario.violations(sim) - before.violations);
		}
		const summary = {
			name,
			title: scenario.title,
			items: n,
			n8n: n8n.n8n.version,
			rounds,
			jobs: {},
		};
		console.log(
			`\n${name}: ${scenario.title} (${n} items, ${rounds} runs each, n8n ${n8n.n8n.version})`,
		);
		for (const kind of kinds) {
			const r = result[kind];
			const time = median(r.times);
			const requests = median(r.requests);
			const peak = Math.max(...r.peakMb.filter((m) => m > 0));
			const items = kind !== 'node' && scenario.singleItems ? scenario.singleItems : n;
			summary.jobs[kind] = {
				items,
				medianMs: time,
				runsMs: r.times,
				requests,
				violations: r.violations,
				peakMb: Number.isFinite(peak) ? peak : undefined,
			};
			const violations = scenario.violations
				? `, rate-limit violations at the simulator ${r.violations.join('/')}`
				: '';
			console.log(
				`  ${LABELS[kind].padEnd(30)} ${items} items: median ${time} ms (${(time / items).toFixed(3)} ms/item), requests per run ${requests}${violations}, n8n peak RSS ${summary.jobs[kind].peakMb ?? '?'} MB; runs ${r.times.join(', ')} ms`,
			);
			if (scenario.floorMs) {
				const floor = scenario.floorMs(requests);
				summary.jobs[kind].floorMs = floor;
				console.log(
					`  ${''.padEnd(30)} floor the rate limit sets for ${requests} calls: ${floor} ms; median / floor = ${(time / floor).toFixed(2)}x`,
				);
			}
		}
		for (const kind of kinds.filter((k) => k !== 'http')) {
			const perItem = (k) => summaryPerItem(summary.jobs[k]);
			console.log(
				`  ratio ${kind}/http (time per item): ${(perItem(kind) / perItem('http')).toFixed(2)}x`,
			);
		}
		return summary;
	} finally {
		await n8n.stop();
		n8n.cleanup();
		await sim.stop();
	}
}

function report(summaries, all) {
	const cpus = os.cpus();
	const lines = [
		'# Benchmarks',
		'',
		`Written by \`npm run bench\` (test/bench/run.js) on ${new Date().toISOString().slice(0, 10)}: ${cpus.length} x ${cpus[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}; n8n ${summaries[0]?.n8n ?? '?'} (Node 24), package installed from its packed tarball.`,
		'',
		'Each job runs in its own n8n `execute-batch` process against the simulator of the CRM (in the bench process, over loopback). Time = the',
		"job's nodes' `executionTime` in n8n's run data (median of the runs); requests = calls the simulator received per run; peak = the n8n process's",
		"maximum resident memory (boot included); floor = the least time the CRM's published rate limit allows for that many calls.",
		'',
		'| job | items (package / HTTP) | this package | HTTP Request node | ratio per item | requests (package / HTTP) | peak MB (package / HTTP) | floor, package / floor |',
		'|---|---|---|---|---|---|---|---|',
	];
	for (const s of summaries) {
		const { node, http, nodeSingle } = s.jobs;
		const floor = node.floorMs
			? `${node.floorMs} ms, ${(node.medianMs / node.floorMs).toFixed(2)}x`
			: '-';
		lines.push(
			`| ${s.name}: ${s.title} | ${node.items} / ${http.items} | ${node.medianMs} ms | ${http.medianMs} ms | ${(summaryPerItem(node) / summaryPerItem(http)).toFixed(2)}x | ${node.requests} / ${http.requests} | ${node.peakMb ?? '?'} / ${http.peakMb ?? '?'} | ${floor} |`,
		);
		if (nodeSingle) {
			lines.push(
				`| ${s.name}, this package with one call per item | ${nodeSingle.items} / ${http.items} | ${nodeSingle.medianMs} ms | ${http.medianMs} ms | ${(summaryPerItem(nodeSingle) / summaryPerItem(http)).toFixed(2)}x | ${nodeSingle.requests} / ${http.requests} | ${nodeSingle.peakMb ?? '?'} / ${http.peakMb ?? '?'} | ${nodeSingle.floorMs ? `${nodeSingle.floorMs} ms, ${(nodeSingle.medianMs / nodeSingle.floorMs).toFixed(2)}x` : '-'} |`,
			);
		}
		const violations = Object.entries(s.jobs)
			.filter(([, j]) => j.violations.length)
			.map(([k, j]) => `${k} ${j.violations.join('/')}`);
		if (violations.length)
			lines.push(
				`| ${s.name}: rate-limit violations at the simulator per run | | ${violations.join('; ')} | | | | | |`,
			);
	}
	lines.push('', 'Runs (ms) of each job:', '');
	for (const s of summaries)
		for (const [kind, j] of Object.entries(s.jobs))
			lines.push(`- ${s.name} ${kind}: ${j.runsMs.join(', ')}`);
	const file = all
		? path.join(__dirname, '..', '..', 'BENCHMARKS.md')
		: path.join(
				__dirname,
				'..',
				'..',
				'test-output',
				`bench-${summaries.map((s) => s.name).join('-')}.md`,
			);
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, `${lines.join('\n')}\n`);
	console.log(`\nreport: ${path.relative(process.cwd(), file)}`);
}

async function main() {
	const wanted = (process.env.BENCH || Object.keys(SCENARIOS).join(',')).split(',');
	const summaries = [];
	for (const name of wanted) {
		if (!SCENARIOS[name])
			throw new Error(`unknown scenario ${name}: ${Object.keys(SCENARIOS).join(', ')}`);
		summaries.push(await runScenario(name, SCENARIOS[name]));
	}
	// BENCHMARKS.md only for the full set at full size; other runs write test-output/bench-*.md.
	report(summaries, !process.env.BENCH && !process.env.BENCH_ITEMS && !process.env.BENCH_ROUNDS);
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
