// Where a PUBLITRAC Return All spends its time (a tool for issue 4's floor target, not a test):
// one n8n 2.41.1 execute-batch of view:getLeads over a seeded view, then the simulator's arrival
// time of every call. Call k+35 cannot leave before call k's answer + 1 s, so the shape of the
// first second (page 1 alone, then a burst) repeats each second: the printout shows, for each
// second, the first call's arrival and the spread of its calls.
//
//   node test/bench/trace.js                 20,000 leads, 2 runs
//   TRACE_LEADS=5000 TRACE_RUNS=1 node test/bench/trace.js
//   TRACE_PROFILE=1 node test/bench/trace.js the n8n process's CPU profile, top functions by self time
//
// Never run it during CI or `npm run bench` (it measures time on a shared machine).
const fs = require('fs');
const os = require('os');
const path = require('path');
const { N8nInstance, chainWorkflow } = require('../e2e/harness');
// The bench's own PUBLITRAC Return All job: same simulator, credential and node.
const { SCENARIOS, publitracFloorMs } = require('./run');

const scenario = SCENARIOS.publitracView;
const LEADS = Number(process.env.TRACE_LEADS || 20000);
const RUNS = Number(process.env.TRACE_RUNS || 2);
const WINDOW = 35;

/** Self time per function of a .cpuprofile, the largest first. */
function topFunctions(file, count = 25) {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const self = new Map();
	profile.samples.forEach((id, i) => {
		const frame = byId.get(id).callFrame;
		const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber}`;
		self.set(key, (self.get(key) || 0) + (profile.timeDeltas[i] || 0));
	});
	return [...self].sort((a, b) => b[1] - a[1]).slice(0, count).map(([key, us]) => `${String(Math.round(us / 1000)).padStart(7)} ms  ${key}`);
}

async function main() {
	const sim = await scenario.simulator(LEADS).start(0);
	const n8n = new N8nInstance({ major: 2 });
	try {
		await n8n.importCredentials([{ id: 'benchCred', name: 'bench', ...scenario.credential(sim.url) }]);
		await n8n.importWorkflows([chainWorkflow('trace1', 'trace1', scenario.node('trace', LEADS))]);
		for (let run = 1; run <= RUNS; run++) {
			const profileDir = process.env.TRACE_PROFILE ? fs.mkdtempSync(path.join(os.tmpdir(), 'crm-leads-trace-')) : undefined;
			sim.log = [];
			const { runs } = await n8n.executeBatch(['trace1'], profileDir ? { env: { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` } } : {});
			const job = runs.trace1.data.resultData.runData.Job[0];
			const arrivals = sim.log.filter((e) => e.path === '/api').map((e) => e.at);
			const t0 = arrivals[0];
			const floor = publitracFloorMs(arrivals.length);
			console.log(`\nrun ${run}: executionTime ${job.executionTime} ms, ${arrivals.length} calls, floor ${floor} ms (${(job.executionTime / floor).toFixed(2)}x)`);
			console.log(`  first call ${t0 - job.startTime} ms after the node started; last call at +${arrivals[arrivals.length - 1] - t0} ms`);
			for (let k = 0; k < arrivals.length; k += WINDOW) {
				const second = arrivals.slice(k, k + WINDOW).map((a) => a - t0);
				const gap = k >= WINDOW ? ` (${second[0] - (arrivals[k - WINDOW] - t0)} ms after call ${k - WINDOW + 1})` : '';
				console.log(`  calls ${k + 1}-${k + second.length}: first at +${second[0]} ms${gap}, last at +${second[second.length - 1]} ms, 2nd call +${(second[1] ?? second[0]) - second[0]} ms after the 1st`);
			}
			if (profileDir) {
				for (const file of fs.readdirSync(profileDir)) console.log(`  n8n CPU profile ${path.join(profileDir, file)}:\n${topFunctions(path.join(profileDir, file)).map((l) => `  ${l}`).join('\n')}`);
			}
		}
	} finally {
		await n8n.stop();
		n8n.cleanup();
		await sim.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
