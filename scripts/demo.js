#!/usr/bin/env node
'use strict';
// `npm run demo` (or `bash scripts/demo.sh` on a fresh machine): checks its ports, builds the
// package, starts every CRM simulator, installs the packed tarball into a real n8n 2.41.1
// with credentials and the example workflows imported, starts n8n, publishes the trigger
// workflows and prints the editor URL, the login, every example with its state and a ready
// `curl` per webhook. Ctrl-C stops everything.
//   DEMO_PORT (5678)            n8n's port
//   SANDBOX_PORT_BASE (4710)    the simulators' ports: base + 0..4 (0 picks free ports)
//   DEMO_LISTEN_ADDRESS         where n8n listens (127.0.0.1; 0.0.0.0 for other machines)
//   DEMO_USER_FOLDER            n8n's folder, kept when the demo stops and used again at the
//                               next start (default: a temporary folder, deleted at the stop)
//   node scripts/demo.js --check-ports   only the port check (scripts/demo.sh runs it first)
// Only built-in modules are loaded before the port check: it runs before `npm ci`.
const fs = require('fs');
const http = require('http');
const net = require('net');
const path = require('path');

const DEMO_LISTENER = {
	secret: 'demo-listener-secret',
	location: 'header',
	headerName: 'X-Listener-Secret',
};
// The Bearer token an MCP client gives the MCP Server Trigger of examples/mcp-server-crm-tools.json.
const DEMO_MCP_TOKEN = 'demo-mcp-token';
const OWNER = {
	email: 'demo@example.com',
	firstName: 'Demo',
	lastName: 'User',
	password: 'Demo-password-1',
};
const DEMO_PORT = Number(process.env.DEMO_PORT || 5678);
const SANDBOX_PORT_BASE = Number(process.env.SANDBOX_PORT_BASE ?? 4710);
const LISTEN_ADDRESS = process.env.DEMO_LISTEN_ADDRESS || '127.0.0.1';
const USER_FOLDER = process.env.DEMO_USER_FOLDER ? path.resolve(process.env.DEMO_USER_FOLDER) : '';
// The simulators in the order sandbox/start.js starts them (base + index).
const SIMULATOR_NAMES = ['Pilot', 'Econtract', 'PUBLITRAC', 'SML', 'CRM Data Platform'];
const EXAMPLES_DIR = path.join(__dirname, '..', 'examples');
const WEBHOOK_TRIGGERS = [
	'n8n-nodes-crm-leads.pilotTrigger',
	'n8n-nodes-crm-leads.dataPlatformTrigger',
];
const MCP_TRIGGER = '@n8n/n8n-nodes-langchain.mcpTrigger';

// ---- ports ----

function wantedPorts(n8nPort = DEMO_PORT, base = SANDBOX_PORT_BASE) {
	const ports = [{ port: n8nPort, host: LISTEN_ADDRESS, what: 'n8n, DEMO_PORT' }];
	if (base !== 0)
		SIMULATOR_NAMES.forEach((name, i) =>
			ports.push({
				port: base + i,
				host: '127.0.0.1',
				what: `${name} simulator, SANDBOX_PORT_BASE + ${i}`,
			}),
		);
	return ports;
}

/** Resolves undefined when the port can be listened on, else the error code (EADDRINUSE, EADDRNOTAVAIL, EACCES). */
function tryListen(port, host) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', (error) => resolve(error.code || String(error)));
		server.listen(port, host, () => server.close(() => resolve(undefined)));
	});
}

/** What answers on a taken port: 'n8n', 'a CRM simulator' or undefined. */
function whoListens(port) {
	const get = (p) =>
		new Promise((resolve) => {
			const req = http.get({ host: '127.0.0.1', port, path: p, timeout: 2000 }, (res) => {
				let text = '';
				res.on('data', (d) => (text += d));
				res.on('end', () => resolve({ status: res.statusCode, text }));
			});
			req.on('timeout', () => req.destroy());
			req.on('error', () => resolve(undefined));
		});
	return (async () => {
		const health = await get('/healthz');
		if (health?.status === 200 && /"status":\s*"ok"/.test(health.text)) return 'n8n';
		const sim = await get('/__sim/state');
		if (sim?.status === 200) return 'a CRM simulator (of a demo, or of npm run sandbox)';
		return undefined;
	})();
}

/** Free ports to suggest instead: the next free n8n port, and the next base (by tens) with five free ports. */
async function suggestPorts() {
	let n8nPort = DEMO_PORT + 1;
	while ((await tryListen(n8nPort, LISTEN_ADDRESS)) && n8nPort < DEMO_PORT + 200) n8nPort++;
	let base = (SANDBOX_PORT_BASE || 4710) + 10;
	for (; base < 65000; base += 10) {
		const ports = wantedPorts(n8nPort, base).slice(1);
		if (ports.some((p) => p.port === n8nPort)) continue;
		const codes = await Promise.all(ports.map((p) => tryListen(p.port, p.host)));
		if (codes.every((c) => !c)) break;
	}
	return { n8nPort, base };
}

/** One line saying which port cannot be used and how to choose others, or undefined when all are free. */
async function portProblem() {
	for (const { port, host, what } of wantedPorts()) {
		if (!Number.isInteger(port) || port < 1 || port > 65535)
			return `Cannot start the demo: ${what} gives port "${port}", not a port number (1-65535).`;
		const code = await tryListen(port, host);
		if (!code) continue;
		if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
			return `Cannot start the demo: DEMO_LISTEN_ADDRESS=${host} is not an address of this machine (use 127.0.0.1, 0.0.0.0 or one of its addresses).`;
		const who = code === 'EADDRINUSE' ? await whoListens(port) : undefined;
		const holder = who
			? `, by ${who}: ${who === 'n8n' ? 'is a demo already running? ' : ''}stop it with Ctrl-C in its terminal, or`
			: '';
		const { n8nPort, base } = await suggestPorts();
		return `Cannot start the demo: port ${port} (${what}) is already in use${code === 'EADDRINUSE' ? '' : ` (${code})`}${holder ? holder : ';'} choose other ports: DEMO_PORT=${n8nPort} SANDBOX_PORT_BASE=${base} bash scripts/demo.sh`;
	}
	return undefined;
}

// ---- example workflows ----

function readExamples() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, f), 'utf8')));
}

/** A workflow started by a trigger (polling, webhook, or n8n's MCP Server Trigger) rather than by hand: the demo publishes it. */
function isTriggerWorkflow(wf) {
	return wf.nodes.some((n) => /Trigger$/.test(n.type) && !/manualTrigger/.test(n.type));
}

/** What the demo's simulators hold before n8n starts, so that every example works as shipped. */
function seedDemoData(sims) {
	// chain-publitrac-view-to-pilot.json polls the view "Hot Leads": PUBLITRAC answers 9010 for a view that does not exist.
	sims.publitrac.sim.seedLeads(3, { view: 'Hot Leads' });
}

function shellQuote(value) {
	return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${String(value).replace(/'/g, `'\\''`)}'`;
}

/** The body a sender would post to the trigger (what its vendor's senders post), as curl arguments. */
function curlFor(node, url, sims) {
	const p = node.parameters || {};
	const hook = `${url}/webhook/${node.webhookId}/${p.path}`;
	if (node.type.endsWith('.pilotTrigger')) {
		const fields = {
			action: 'create',
			...(p.checkAppKey ? { appkey: sims.pilot.secrets.appKey } : {}),
			pilot_contact_type_id: '1',
			pilot_business_type_id: '1',
			pilot_firstname: 'Ana',
			pilot_lastname: 'Garcia',
			pilot_email: 'ana.garcia@example.com',
			pilot_cellphone: '+34 600 111 222',
			pilot_city: 'Madrid',
			pilot_car_brand: 'Seat',
			pilot_car_modelo: 'Ibiza',
			pilot_notes: 'Wants a test drive',
		};
		return [
			'curl',
			'-sS',
			hook,
			...Object.entries(fields).flatMap(([k, v]) => ['--data-urlencode', shellQuote(`${k}=${v}`)]),
		].join(' ');
	}
	// CRM Data Platform Trigger: the listener's {senderUser, data: [{actionType, data}]}.
	const actionType = (p.actionTypes && p.actionTypes[0]) || 'add-contact';
	const body = {
		senderUser: require('../sandbox/dataPlatform').DATA_PLATFORM_SENDER_USERS[0],
		data: [
			{
				actionType,
				data: {
					name: 'Ana Garcia',
					type: 0,
					email: 'ana.garcia@example.com',
					phone: '+34600111222',
				},
			},
		],
	};
	const args = ['curl', '-sS', '-H', shellQuote('content-type: application/json')];
	let target = hook;
	if (p.authentication === 'sharedSecret') {
		// The secret of the demo's dataPlatformTriggerApi credential.
		if (DEMO_LISTENER.location === 'header')
			args.push('-H', shellQuote(`${DEMO_LISTENER.headerName}: ${DEMO_LISTENER.secret}`));
		else
			target += `?${encodeURIComponent(DEMO_LISTENER.queryParameterName || 'secret')}=${encodeURIComponent(DEMO_LISTENER.secret)}`;
	} else if (p.secretLocation === 'header')
		args.push('-H', shellQuote(`${p.headerName || 'X-Listener-Secret'}: ${p.secret}`));
	else if (p.secretLocation === 'query')
		target += `?${encodeURIComponent(p.queryParameterName || 'secret')}=${encodeURIComponent(p.secret)}`;
	return [...args, shellQuote(target), '-d', shellQuote(JSON.stringify(body))].join(' ');
}

// ---- n8n's REST API (as the editor calls it) ----

async function rest(request, n8n, headers, method, p, body) {
	const answer = await request(method, `${n8n.url}/rest${p}`, { headers, body });
	if (answer.status >= 400) {
		const error = new Error(
			answer.json?.message || `${method} /rest${p} answered ${answer.status}`,
		);
		error.status = answer.status;
		throw error;
	}
	return answer.json?.data;
}

/** Publishes a workflow the way the editor's Publish button does; resolves to an error message or undefined. */
async function publish(request, n8n, headers, id) {
	try {
		const wf = await rest(request, n8n, headers, 'GET', `/workflows/${id}`);
		await rest(request, n8n, headers, 'POST', `/workflows/${id}/activate`, {
			versionId: wf.versionId,
		});
		return undefined;
	} catch (error) {
		return error.message;
	}
}

/** Each example's state as n8n reports it: 'active', 'manual', 'inactive' or 'error', with n8n's activation error. */
async function exampleStates(request, n8n, headers, workflows, publishErrors = {}) {
	const states = [];
	for (const wf of workflows) {
		const stored = await rest(request, n8n, headers, 'GET', `/workflows/${wf.id}`).catch(
			() => undefined,
		);
		const error = stored
			? await rest(request, n8n, headers, 'GET', `/active-workflows/error/${wf.id}`).catch(
					(e) => e.message,
				)
			: 'not imported';
		const message = (typeof error === 'string' ? error : error?.message) || publishErrors[wf.id];
		let state = isTriggerWorkflow(wf) ? (stored?.active ? 'active' : 'inactive') : 'manual';
		if (message) state = 'error';
		states.push({ id: wf.id, name: wf.name, state, error: message });
	}
	return states;
}

// ---- main ----

const running = { sims: undefined, n8n: undefined, stopping: false };

async function stop(code = 0) {
	if (running.stopping) return;
	running.stopping = true;
	if (running.n8n) {
		await running.n8n.stop();
		if (!USER_FOLDER) running.n8n.cleanup();
	}
	for (const s of Object.values(running.sims || {})) await s.sim.stop();
	process.exit(code);
}

async function main() {
	const problem = await portProblem();
	if (problem) {
		console.error(problem);
		process.exit(1);
	}
	if (process.argv.includes('--check-ports')) return;
	process.on('SIGINT', () => stop(0));
	process.on('SIGTERM', () => stop(0));

	const { startAll, SIMULATORS } = require('../sandbox/start');
	const { N8nInstance, request } = require('../test/helpers/n8n');
	if (SIMULATORS.length !== SIMULATOR_NAMES.length)
		throw new Error(
			'scripts/demo.js: SIMULATOR_NAMES does not list every simulator of sandbox/start.js',
		);
	const sims = (running.sims = await startAll(SANDBOX_PORT_BASE));
	seedDemoData(sims);
	console.log('simulators:');
	for (const [name, s] of Object.entries(sims)) console.log(`  ${name.padEnd(14)} ${s.url}`);

	const reused =
		Boolean(USER_FOLDER) && fs.existsSync(path.join(USER_FOLDER, '.n8n', 'database.sqlite'));
	const n8n = (running.n8n = new N8nInstance({ major: 2, userFolder: USER_FOLDER || undefined }));
	// One credential per simulator, id demo<Name> (the examples refer to these ids).
	const title = (name) => name.charAt(0).toUpperCase() + name.slice(1);
	await n8n.importCredentials([
		...Object.entries(sims).map(([name, s]) => ({
			id: `demo${title(name)}`,
			name: `${title(name)} (simulator)`,
			...s.credential,
		})),
		// The secret senders give the Data Platform listener relay (examples/dataPlatform-listener-relay.json).
		{
			id: 'demoDataPlatformTrigger',
			name: 'DataPlatform Trigger secret (demo)',
			type: 'dataPlatformTriggerApi',
			data: DEMO_LISTENER,
		},
		// The token MCP clients give the MCP server example (examples/mcp-server-crm-tools.json).
		{
			id: 'demoMcpBearer',
			name: 'MCP client token (demo)',
			type: 'httpBearerAuth',
			data: { token: DEMO_MCP_TOKEN },
		},
	]);
	const workflows = readExamples();
	// A kept folder keeps its workflows as the user left them; the credentials above point at this run's simulators.
	if (!reused) await n8n.importWorkflows(workflows);

	await n8n.start({ port: DEMO_PORT, listenAddress: LISTEN_ADDRESS });
	// A kept folder may hold a password changed in the editor: then the states are not read.
	const headers = await n8n.ownerSession(OWNER).catch((error) => {
		if (!reused) throw error;
		return undefined;
	});
	const publishErrors = {};
	if (!reused)
		for (const wf of workflows.filter(isTriggerWorkflow))
			publishErrors[wf.id] = await publish(request, n8n, headers, wf.id);
	const states = headers
		? await exampleStates(request, n8n, headers, workflows, publishErrors)
		: workflows.map((wf) => ({ name: wf.name, state: 'unknown' }));

	console.log(`\nn8n ${n8n.n8n.version} with n8n-nodes-crm-leads (from its tarball) is running:`);
	console.log(
		`  editor:  ${n8n.url}${['0.0.0.0', '::'].includes(LISTEN_ADDRESS) ? ` (listening on ${LISTEN_ADDRESS}: from other machines use this machine's address)` : ''}`,
	);
	console.log(
		`  login:   ${OWNER.email} / ${headers ? OWNER.password : '(the password you set in this n8n folder)'}`,
	);
	console.log(
		`  n8n folder: ${n8n.userFolder} (${USER_FOLDER ? 'kept when the demo stops' : 'deleted when the demo stops; DEMO_USER_FOLDER=<folder> keeps it'})`,
	);
	console.log(
		`example workflows (${states.length}, from examples/${reused ? '; as kept in the n8n folder' : ''}):`,
	);
	for (const s of states)
		console.log(
			`  ${s.state.padEnd(8)} ${s.name}${s.state === 'manual' ? ' (open it, Execute workflow)' : ''}${s.error ? `: ${s.error}` : ''}`,
		);
	const hooks = workflows.filter((wf) => wf.nodes.some((n) => WEBHOOK_TRIGGERS.includes(n.type)));
	if (hooks.length)
		console.log(
			'webhooks (each curl posts a lead the way its senders do; see the execution in the editor):',
		);
	for (const wf of hooks) {
		const node = wf.nodes.find((n) => WEBHOOK_TRIGGERS.includes(n.type));
		console.log(`  ${wf.name}:`);
		console.log(`    ${curlFor(node, n8n.url, sims)}`);
	}
	// n8n serves a published MCP Server Trigger (v2) on /mcp/<path>: Streamable HTTP (POST) and SSE (GET) on the same URL.
	const mcpServers = workflows.filter((wf) => wf.nodes.some((n) => n.type === MCP_TRIGGER));
	if (mcpServers.length)
		console.log(
			'MCP servers (connect an MCP client to the URL: Streamable HTTP, or SSE on the same URL):',
		);
	for (const wf of mcpServers) {
		const node = wf.nodes.find((n) => n.type === MCP_TRIGGER);
		console.log(`  ${wf.name}:`);
		console.log(
			`    URL: ${n8n.url}/mcp/${node.parameters.path}${node.parameters.authentication === 'bearerAuth' ? `  header: Authorization: Bearer ${DEMO_MCP_TOKEN}` : ''}`,
		);
	}
	const failed = states.filter((s) => s.state === 'error' || s.state === 'inactive');
	if (failed.length)
		console.log(`${failed.length} example(s) could not be published: see their lines above.`);
	console.log('Ctrl-C stops n8n and the simulators.');
	if (process.env.DEMO_EXIT_AFTER_START) await stop(0);
}

main().catch(async (error) => {
	console.error(error);
	await stop(1);
});
