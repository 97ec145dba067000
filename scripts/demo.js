#!/usr/bin/env node
'use strict';
// `npm run demo` (or `bash scripts/demo.sh` on a fresh machine): builds the package,
// starts every CRM simulator, installs the packed tarball into a real n8n 2.41.1
// with credentials and the example workflows imported, starts n8n and prints the
// editor URL and the login. Ctrl-C stops everything.
const fs = require('fs');
const path = require('path');
const { startAll } = require('../sandbox/start');
const { N8nInstance, request } = require('../test/e2e/harness');

const DEMO_LISTENER = { secret: 'demo-listener-secret', location: 'header', headerName: 'X-Listener-Secret' };
const OWNER = { email: 'demo@example.com', firstName: 'Demo', lastName: 'User', password: 'Demo-password-1' };

async function main() {
	const sims = await startAll(Number(process.env.SANDBOX_PORT_BASE ?? 4710));
	console.log('simulators:');
	for (const [name, s] of Object.entries(sims)) console.log(`  ${name.padEnd(14)} ${s.url}`);

	const n8n = new N8nInstance({ major: 2 });
	// One credential per simulator, id demo<Name> (the examples refer to these ids).
	const title = (name) => name.charAt(0).toUpperCase() + name.slice(1);
	await n8n.importCredentials([
		...Object.entries(sims).map(([name, s]) => ({ id: `demo${title(name)}`, name: `${title(name)} (simulator)`, ...s.credential })),
		// The secret senders give the Data Platform listener relay (examples/dataPlatform-listener-relay.json).
		{ id: 'demoDataPlatformTrigger', name: 'DataPlatform Trigger secret (demo)', type: 'dataPlatformTriggerApi', data: DEMO_LISTENER },
	]);
	const dir = path.join(__dirname, '..', 'examples');
	const workflows = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
	await n8n.importWorkflows(workflows);
	for (const wf of workflows) if (wf.nodes.some((n) => /Trigger$/.test(n.type) && !/manualTrigger/.test(n.type))) await n8n.activate(wf.id);

	await n8n.start({ port: Number(process.env.DEMO_PORT || 5678) });
	const setup = await request('POST', `${n8n.url}/rest/owner/setup`, { headers: { 'content-type': 'application/json' }, body: OWNER });
	console.log(`\nn8n ${n8n.n8n.version} with n8n-nodes-crm-leads (from its tarball) is running:`);
	console.log(`  editor:  ${n8n.url}`);
	console.log(`  login:   ${OWNER.email} / ${OWNER.password}${setup.status === 200 ? '' : ' (owner set-up answered ' + setup.status + ')'}`);
	console.log(`  workflows: ${workflows.map((w) => w.name).join('; ')}`);
	console.log(`  Pilot-compatible webhook: ${n8n.url}/webhook/demo-pilot-form/pilot`);
	console.log(`  website form chain (Pilot fields): ${n8n.url}/webhook/chain-website-form/website-form`);
	console.log(`  Data Platform-compatible listener: ${n8n.url}/webhook/demo-data-platform-listener/data-platform (header ${DEMO_LISTENER.headerName}: ${DEMO_LISTENER.secret})`);
	console.log('Ctrl-C stops n8n and the simulators.');

	const stop = async () => {
		await n8n.stop();
		n8n.cleanup();
		for (const s of Object.values(sims)) await s.sim.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	if (process.env.DEMO_EXIT_AFTER_START) await stop();
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
