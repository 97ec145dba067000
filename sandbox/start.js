#!/usr/bin/env node
'use strict';
// `npm run sandbox`: starts every CRM simulator on 127.0.0.1 and prints their URLs.
// Ports: SANDBOX_PORT_BASE (default 4710) + index; 0 picks free ports.
const { createPilotSimulator, pilotCredential, PILOT_APP_KEY } = require('./pilot');
const {
	createEcontractSimulator,
	econtractCredential,
	ECONTRACT_CRM_API_ID,
	ECONTRACT_CRM_API_KEY,
} = require('./econtract');
const {
	createPublitracSimulator,
	publitracCredential,
	PUBLITRAC_CREDENTIALS,
} = require('./publitrac');
const { createSmlSimulator, smlCredential, SML_USERNAME, SML_PASSWORD } = require('./sml');
const {
	createDataPlatformSimulator,
	dataPlatformCredential,
	DATA_PLATFORM_LISTENER_PATH,
} = require('./dataPlatform');

// credential(url): the n8n credential (type and data) that points at the running simulator,
// each simulator's own export.
const SIMULATORS = [
	{
		name: 'pilot',
		create: createPilotSimulator,
		secrets: { appKey: PILOT_APP_KEY },
		credential: pilotCredential,
	},
	{
		name: 'econtract',
		create: createEcontractSimulator,
		secrets: { crmApiId: ECONTRACT_CRM_API_ID, crmApiKey: ECONTRACT_CRM_API_KEY },
		credential: econtractCredential,
	},
	{
		name: 'publitrac',
		create: createPublitracSimulator,
		secrets: {
			apiKey: PUBLITRAC_CREDENTIALS.apiKey,
			password: PUBLITRAC_CREDENTIALS.password,
			accountToken: PUBLITRAC_CREDENTIALS.accountToken,
		},
		credential: publitracCredential,
	},
	{
		name: 'sml',
		create: createSmlSimulator,
		secrets: { username: SML_USERNAME, password: SML_PASSWORD },
		credential: smlCredential,
	},
	{
		name: 'dataPlatform',
		create: createDataPlatformSimulator,
		secrets: { listenerPath: DATA_PLATFORM_LISTENER_PATH },
		credential: dataPlatformCredential,
	},
];

async function startAll(portBase = Number(process.env.SANDBOX_PORT_BASE ?? 4710)) {
	const running = {};
	let i = 0;
	for (const s of SIMULATORS) {
		const sim = s.create();
		await sim.start(portBase === 0 ? 0 : portBase + i++);
		running[s.name] = { sim, url: sim.url, secrets: s.secrets, credential: s.credential(sim.url) };
	}
	return running;
}

module.exports = { startAll, SIMULATORS };

if (require.main === module) {
	startAll().then((running) => {
		for (const [name, r] of Object.entries(running)) console.log(`${name.padEnd(14)} ${r.url}`);
		console.log(
			'simulators running; control endpoints under /__sim/ (log, reset, faults, state). Ctrl-C stops.',
		);
		if (process.env.SANDBOX_READY_FILE)
			require('fs').writeFileSync(
				process.env.SANDBOX_READY_FILE,
				JSON.stringify(Object.fromEntries(Object.entries(running).map(([k, v]) => [k, v.url]))),
			);
	});
	const stop = () => process.exit(0);
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}
