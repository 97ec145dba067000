'use strict';
// The package in n8n's queue mode, as agencies run it: one main (`n8n start`, EXECUTIONS_MODE=queue),
// Redis, Postgres and two workers (`n8n worker`), all loading the package installed from its packed
// tarball in one shared user folder. Redis and Postgres are started by this test on free ports in
// temp folders and removed afterwards; the simulators run in this process on 127.0.0.1.
//   1. One workflow per CRM action node, started through the main (a published Webhook workflow called
//      over HTTP), runs on a worker: read back through n8n's REST API, attributed to a worker by the
//      worker's own log ("Worker started execution <id>"), both workers get work.
//   2. The three polling triggers (PUBLITRAC, SML, Econtract), active on the main, emit each new
//      record exactly once (the emitting executions run on the workers).
//   3. Two Return All view:getLeads runs of one PUBLITRAC account at the same time, one per worker:
//      with the credential's rateLimitShare 2 the simulator counts zero rate-limit violations and
//      both runs return every lead; with rateLimitShare 1 the violations are counted and reported.
// Outside the default e2e run (minutes of polling waits): `npm run test:queue`.
const { after, before, describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { execFile, spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { XMLParser } = require('fast-xml-parser');
const {
	N8nInstance,
	PACKAGE_NAME,
	freePort,
	itemsNode,
	recordingServer,
	request,
} = require('../helpers/n8n');
const { placeEcontractOrder } = require('../helpers/seed');
const { createPilotSimulator, pilotCredential, PILOT_APP_KEY } = require('../../sandbox/pilot');
const { createPublitracSimulator, publitracCredential } = require('../../sandbox/publitrac');
const {
	createSmlSimulator,
	smlCredential,
	SML_USERNAME,
	SML_PASSWORD,
} = require('../../sandbox/sml');
const {
	createEcontractSimulator,
	econtractCredential,
	ECONTRACT_CRM_API_ID,
	ECONTRACT_CRM_API_KEY,
} = require('../../sandbox/econtract');
const {
	createDataPlatformSimulator,
	dataPlatformCredential,
	DATA_PLATFORM_LISTENER_PATH,
} = require('../../sandbox/dataPlatform');

const PG_BIN = process.env.PG_BIN || '/usr/lib/postgresql/15/bin';
const REDIS_SERVER = process.env.REDIS_SERVER || '/usr/bin/redis-server';
const VIEW_LEADS = 3000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const xml = (text) =>
	new XMLParser({ parseTagValue: false, trimValues: true, ignoreDeclaration: true }).parse(text);

// ---------------------------------------------------------------- Postgres and Redis, owned by the test

function run(cmd, args, options = {}) {
	return new Promise((resolve, reject) => {
		execFile(
			cmd,
			args,
			{ encoding: 'utf8', timeout: 120_000, ...options },
			(error, stdout, stderr) => {
				if (error)
					reject(
						new Error(`${cmd} ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`),
					);
				else resolve(stdout);
			},
		);
	});
}

/** Postgres refuses to run as root: as root, run its programs as the `postgres` user. */
function asPostgres(cmd, args) {
	return process.getuid && process.getuid() === 0
		? run('runuser', ['-u', 'postgres', '--', cmd, ...args])
		: run(cmd, args);
}

async function startPostgres(port) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-leads-queue-pg-'));
	if (process.getuid && process.getuid() === 0) {
		fs.chownSync(
			dir,
			Number(await run('id', ['-u', 'postgres'])),
			Number(await run('id', ['-g', 'postgres'])),
		);
	}
	const data = path.join(dir, 'data');
	await asPostgres(path.join(PG_BIN, 'initdb'), [
		'-D',
		data,
		'-U',
		'postgres',
		'--auth=trust',
		'-E',
		'UTF8',
		'--no-sync',
	]);
	// The socket goes to the temp folder too: nothing is shared with another Postgres on the machine.
	const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
	await asPostgres(path.join(PG_BIN, 'pg_ctl'), [
		'-D',
		data,
		'-l',
		path.join(dir, 'postgres.log'),
		'-o',
		options,
		'-w',
		'-t',
		'60',
		'start',
	]);
	await run(path.join(PG_BIN, 'createdb'), [
		'-h',
		'127.0.0.1',
		'-p',
		String(port),
		'-U',
		'postgres',
		'n8n',
	]);
	return {
		port,
		async stop() {
			await asPostgres(path.join(PG_BIN, 'pg_ctl'), [
				'-D',
				data,
				'-m',
				'fast',
				'-w',
				'-t',
				'60',
				'stop',
			]).catch((e) => console.error(e.message));
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

async function startRedis(port) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-leads-queue-redis-'));
	const child = spawn(
		REDIS_SERVER,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
		],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	let out = '';
	child.stdout.on('data', (d) => (out += d));
	child.stderr.on('data', (d) => (out += d));
	const deadline = Date.now() + 30_000;
	while (!out.includes('Ready to accept connections')) {
		if (child.exitCode !== null || Date.now() > deadline)
			throw new Error(`redis-server did not start:\n${out}`);
		await sleep(100);
	}
	return {
		port,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) {
				const exited = new Promise((r) => child.once('exit', r));
				child.kill('SIGTERM');
				await exited;
			}
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

// ---------------------------------------------------------------- workflows

const node = (name, type, credentials, parameters) => ({
	name,
	type: `${PACKAGE_NAME}.${type}`,
	credentials,
	parameters,
});

/** Webhook (POST /webhook/<path>, answering with the last node's output) -> the given nodes in a chain. */
function webhookWorkflow(id, hookPath, chain, responseData = 'allEntries') {
	const nodes = [
		{
			id: `${id}-hook`,
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: `${id}-hook`,
			parameters: {
				httpMethod: 'POST',
				path: hookPath,
				responseMode: 'lastNode',
				responseData,
				options: {},
			},
		},
		...[]
			.concat(chain)
			.map((n, i) => ({ id: `${id}-${i}`, typeVersion: 1, position: [220 * (i + 1), 0], ...n })),
	];
	const connections = {};
	for (let i = 0; i < nodes.length - 1; i++)
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return {
		id,
		name: `queue ${id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes,
		connections,
	};
}

/** Polling trigger -> HTTP Request posting each emitted item to the recording server. */
function triggerWorkflow(id, trigger, recordUrl) {
	return {
		id,
		name: `queue ${id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: `${id}-trigger`, typeVersion: 1, position: [0, 0], ...trigger },
			{
				id: `${id}-record`,
				name: 'Record',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [220, 0],
				parameters: {
					method: 'POST',
					url: recordUrl,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify($json) }}',
				},
			},
		],
		connections: { [trigger.name]: { main: [[{ node: 'Record', type: 'main', index: 0 }]] } },
	};
}

const cred = {
	pilot: { pilotApi: { id: 'qPilot', name: 'Pilot simulator' } },
	econtract: { econtractApi: { id: 'qEcontract', name: 'Econtract simulator' } },
	econtractPoll: { econtractApi: { id: 'qEcontractPoll', name: 'Econtract (polled)' } },
	publitrac1: { publitracApi: { id: 'qPublitrac1', name: 'PUBLITRAC, share 1' } },
	publitrac2: { publitracApi: { id: 'qPublitrac2', name: 'PUBLITRAC, share 2' } },
	publitracPoll: { publitracApi: { id: 'qPublitracPoll', name: 'PUBLITRAC (polled)' } },
	sml: { smlApi: { id: 'qSml', name: 'SML simulator' } },
	smlPoll: { smlApi: { id: 'qSmlPoll', name: 'SML (polled)' } },
	dataPlatform: { dataPlatformApi: { id: 'qDataPlatform', name: 'Data Platform simulator' } },
};

// One representative workflow per action node, with the parameters of test/e2e/<crm>.e2e.test.js.
const ACTIONS = {
	pilot: [
		'qWfPilot',
		'q-pilot',
		node('Pilot', 'pilot', cred.pilot, {
			resource: 'lead',
			operation: 'create',
			pilot_contact_type_id: '1',
			pilot_business_type_code: 'New',
			additionalFields: {
				pilot_firstname: 'E2E-create',
				pilot_email: 'ana@example.com',
				pilot_birth_date: '1990-05-31T00:00:00',
				pilot_notes: 'Zoë & <b> 🚗',
			},
		}),
	],
	publitrac: [
		'qWfPublitrac',
		'q-publitrac',
		node('PUBLITRAC', 'publitrac', cred.publitrac2, {
			resource: 'lead',
			operation: 'sync',
			email: 'e2e-sync@acme.com',
			additionalFields: { firstName: 'Zoë & <b>', dateOfBirth: '1990-05-31T00:00:00' },
			customFields: { field: [{ name: 'carColor', value: 'Red 🚗' }] },
		}),
	],
	sml: [
		'qWfSml',
		'q-sml',
		node('SML', 'sml', cred.sml, {
			resource: 'lead',
			operation: 'create',
			source: 1,
			vehicle: { brand_model: 'E2E-create', year: 2020 },
			additionalFields: {
				client: { name: 'Ana', email: 'ana@example.com' },
				tags: { values: [{ content: 'e2e' }] },
			},
		}),
	],
	econtract: [
		'qWfEcontract',
		'q-econtract',
		node('Econtract', 'econtract', cred.econtract, {
			resource: 'client',
			operation: 'create',
			gender: 1,
			segment: 1,
			first_name: 'E2E',
			last_name: 'Client',
			email: 'e2e.client@example.com',
			language: 'nl',
			cellphone: '0499656565',
			landline: '',
			additionalFields: { birthdate: '1956-12-25T00:00:00', family_size: 3 },
		}),
	],
	dataPlatform: [
		'qWfDataPlatform',
		'q-data-platform',
		node('DP', 'dataPlatform', cred.dataPlatform, {
			resource: 'lead',
			operation: 'create',
			name: 'E2E-lead',
			additionalFields: { companyLead: 'GOOGLE', tag: 'webhook' },
			requestOptions: { maxRetries: 0 },
		}),
	],
};

// Two workers calling one PUBLITRAC account at once: a run A and a run B per scenario and share, each
// reading its own records, so every call in the simulator's log is known to belong to one run.
//   view: Return All view:getLeads over a view of VIEW_LEADS leads (pages of 100 leads, ~110 KB of
//         XML each: on a small, busy machine parsing them bounds how fast a worker pages);
//   get:  lead:get for GET_ITEMS emails, one call per email sent one after the other (light calls:
//         a worker can use its whole share of the limit, so without the share the two together go
//         over it).
const GET_ITEMS = 250;
const getEmails = { A: [], B: [] }; // filled from the seeded views before the workflows are built
const SCENARIOS = {
	view: {
		label: `Return All view:getLeads, ${VIEW_LEADS} leads each`,
		method: 'getView',
		runOf: (q) => ({ QueueViewA: 'A', QueueViewB: 'B' })[q.viewName],
		calls: VIEW_LEADS / 100,
		nodes: (run, credential) => [
			node('PUBLITRAC', 'publitrac', credential, {
				resource: 'view',
				operation: 'getLeads',
				viewName: `QueueView${run}`,
				returnAll: true,
			}),
		],
		check(items, run) {
			assert.equal(items.length, VIEW_LEADS, `run ${run} returned every lead of its view`);
			assert.equal(new Set(items.map((l) => l.json.id)).size, VIEW_LEADS, 'no lead twice');
		},
	},
	get: {
		label: `lead:get for ${GET_ITEMS} emails each, one call per email`,
		method: 'getLead',
		runOf: (q) =>
			getEmails.A.includes(q.email) ? 'A' : getEmails.B.includes(q.email) ? 'B' : undefined,
		calls: GET_ITEMS,
		nodes: (run, credential) => [
			itemsNode(
				'Emails',
				getEmails[run].map((email) => ({ email })),
			),
			node('PUBLITRAC', 'publitrac', credential, {
				resource: 'lead',
				operation: 'get',
				email: '={{ $json.email }}',
			}),
		],
		check(items, run) {
			assert.deepEqual(
				items.map((i) => i.json.email),
				getEmails[run],
				`run ${run} got every lead, in item order`,
			);
		},
	},
};
const rateRun = (scenario, share, run) => ({
	id: `qWf${scenario[0].toUpperCase()}${scenario.slice(1)}Share${share}${run}`,
	hookPath: `q-${scenario}-share${share}-${run.toLowerCase()}`,
	run,
});
const RATE_RUNS = Object.keys(SCENARIOS).flatMap((scenario) =>
	[1, 2].flatMap((share) =>
		['A', 'B'].map((run) => ({ scenario, share, ...rateRun(scenario, share, run) })),
	),
);

describe(
	'n8n 2.41.1 in queue mode: main + Redis + Postgres + two workers (tarball install)',
	{ timeout: 1_500_000 },
	() => {
		let pg;
		let redis;
		let n8n;
		let workers = [];
		let headers;
		let recorder;
		let flatted;
		const sims = {};
		let triggersActivatedAt = 0;
		const summary = { executions: {}, emitted: {}, violations: {} };

		// ------------------------------------------------------------ helpers over n8n's REST API and logs

		const rest = async (method, urlPath, body) => {
			const res = await request(method, `${n8n.url}/rest${urlPath}`, { headers, body });
			if (res.status !== 200)
				throw new Error(`${method} /rest${urlPath}: ${res.status} ${res.text.slice(0, 500)}`);
			return res.json.data;
		};
		/** Publishes a workflow the way the editor does (main instance, REST). */
		const activate = async (id) => {
			const wf = await rest('GET', `/workflows/${id}`);
			await rest('POST', `/workflows/${id}/activate`, { versionId: wf.versionId });
		};
		const executionsOf = async (workflowId) =>
			(
				await rest(
					'GET',
					`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=100`,
				)
			).results;
		/** The finished execution with its run data (n8n serialises it with flatted). */
		const execution = async (id) => {
			for (let i = 0; i < 60; i++) {
				const e = await rest('GET', `/executions/${id}`);
				if (e.finished || !['new', 'running'].includes(e.status))
					return { ...e, data: flatted.parse(e.data) };
				await sleep(500);
			}
			throw new Error(`execution ${id} did not finish`);
		};
		const outputOf = (exec, nodeName) =>
			exec.data.resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? [];
		/** Which worker ran an execution: the worker whose log says it started it. */
		const startedBy = (id) =>
			workers
				.filter((w) => new RegExp(`Worker started execution ${id} \\(job`).test(w.logs))
				.map((w) => w.name);
		const ranOn = (id) => {
			const by = startedBy(id);
			assert.equal(
				by.length,
				1,
				`execution ${id} was started by exactly one worker (got ${JSON.stringify(by)})`,
			);
			return by[0];
		};
		const note = (name, workflow, id) => {
			(summary.executions[name] ??= []).push(`${workflow} (${id})`);
		};
		/** The one production execution of a webhook workflow, finished. */
		const onlyExecution = async (workflowId) => {
			const list = await executionsOf(workflowId);
			assert.equal(list.length, 1, `${workflowId} ran once`);
			assert.equal(list[0].mode, 'webhook');
			return await execution(list[0].id);
		};
		const hook = (hookPath, body = {}) =>
			request('POST', `${n8n.url}/webhook/${hookPath}`, {
				headers: { 'content-type': 'application/json' },
				body,
			});

		before(async () => {
			pg = await startPostgres(await freePort());
			redis = await startRedis(await freePort());

			sims.pilot = await createPilotSimulator().start(0);
			sims.publitrac = await createPublitracSimulator().start(0);
			sims.sml = await createSmlSimulator({ leads: 3 }).start(0);
			sims.econtract = await createEcontractSimulator().start(0);
			sims.dataPlatform = await createDataPlatformSimulator().start(0);
			// The triggers poll simulators of their own: the action runs (the SML lead created by the
			// action test, PUBLITRAC's rate-limit runs) neither become "new records" nor share a rate
			// window with a poll.
			sims.publitracPoll = await createPublitracSimulator().start(0);
			sims.smlPoll = await createSmlSimulator({ leads: 4 }).start(0);
			sims.econtractPoll = await createEcontractSimulator().start(0);
			sims.publitrac.seedLeads(VIEW_LEADS, { view: 'QueueViewA' });
			sims.publitrac.seedLeads(VIEW_LEADS, { view: 'QueueViewB' });
			sims.publitracPoll.seedLeads(5, { view: 'QueuePollView' });
			for (const run of ['A', 'B']) {
				const inView = new Set(sims.publitrac.state.views[`QueueView${run}`].leadIds);
				getEmails[run] = sims.publitrac.state.leads
					.filter((l) => inView.has(l.id))
					.slice(0, GET_ITEMS)
					.map((l) => l.email);
			}
			recorder = await recordingServer();

			n8n = new N8nInstance({
				env: {
					EXECUTIONS_MODE: 'queue',
					QUEUE_BULL_REDIS_HOST: '127.0.0.1',
					QUEUE_BULL_REDIS_PORT: String(redis.port),
					DB_TYPE: 'postgresdb',
					DB_POSTGRESDB_HOST: '127.0.0.1',
					DB_POSTGRESDB_PORT: String(pg.port),
					DB_POSTGRESDB_DATABASE: 'n8n',
					DB_POSTGRESDB_USER: 'postgres',
					DB_POSTGRESDB_PASSWORD: 'unused-trust-auth',
					N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
				},
			});
			flatted = require(path.join(n8n.n8n.dir, 'node_modules', 'flatted'));
			const publitrac = (sim, extra = {}) => ({ ...publitracCredential(sim.url).data, ...extra });
			const sml = (sim) => smlCredential(sim.url).data;
			const econtract = (sim) => econtractCredential(sim.url).data;
			await n8n.importCredentials([
				{
					id: 'qPilot',
					name: 'Pilot simulator',
					type: 'pilotApi',
					data: pilotCredential(sims.pilot.url).data,
				},
				{
					id: 'qPublitrac1',
					name: 'PUBLITRAC, share 1',
					type: 'publitracApi',
					data: publitrac(sims.publitrac, { rateLimitShare: 1 }),
				},
				{
					id: 'qPublitrac2',
					name: 'PUBLITRAC, share 2',
					type: 'publitracApi',
					data: publitrac(sims.publitrac, { rateLimitShare: 2 }),
				},
				{
					id: 'qPublitracPoll',
					name: 'PUBLITRAC (polled)',
					type: 'publitracApi',
					data: publitrac(sims.publitracPoll),
				},
				{ id: 'qSml', name: 'SML simulator', type: 'smlApi', data: sml(sims.sml) },
				{ id: 'qSmlPoll', name: 'SML (polled)', type: 'smlApi', data: sml(sims.smlPoll) },
				{
					id: 'qEcontract',
					name: 'Econtract simulator',
					type: 'econtractApi',
					data: econtract(sims.econtract),
				},
				{
					id: 'qEcontractPoll',
					name: 'Econtract (polled)',
					type: 'econtractApi',
					data: econtract(sims.econtractPoll),
				},
				{
					id: 'qDataPlatform',
					name: 'Data Platform simulator',
					type: 'dataPlatformApi',
					data: dataPlatformCredential(sims.dataPlatform.url).data,
				},
			]);
			await n8n.importWorkflows([
				...Object.values(ACTIONS).map(([id, hookPath, action]) =>
					webhookWorkflow(id, hookPath, action),
				),
				...RATE_RUNS.map((r) =>
					webhookWorkflow(
						r.id,
						r.hookPath,
						SCENARIOS[r.scenario].nodes(r.run, cred[`publitrac${r.share}`]),
						'firstEntryJson',
					),
				),
				triggerWorkflow(
					'qWfPublitracTrigger',
					{
						name: 'PUBLITRAC Trigger',
						type: `${PACKAGE_NAME}.publitracTrigger`,
						credentials: cred.publitracPoll,
						parameters: {
							pollTimes: { item: [{ mode: 'everyMinute' }] },
							source: 'view',
							viewName: 'QueuePollView',
							event: 'new',
						},
					},
					`${recorder.url}/publitrac`,
				),
				triggerWorkflow(
					'qWfSmlTrigger',
					{
						name: 'SML Trigger',
						type: `${PACKAGE_NAME}.smlTrigger`,
						credentials: cred.smlPoll,
						parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] } },
					},
					`${recorder.url}/sml`,
				),
				triggerWorkflow(
					'qWfEcontractTrigger',
					{
						name: 'Econtract Trigger',
						type: `${PACKAGE_NAME}.econtractTrigger`,
						credentials: cred.econtractPoll,
						parameters: {
							pollTimes: { item: [{ mode: 'everyMinute' }] },
							filters: { product_type: 'gas' },
						},
					},
					`${recorder.url}/econtract`,
				),
			]);

			await n8n.start();
			// Concurrency 1: two jobs queued at once go to two different workers (each takes one job at a
			// time), which is what the rate-limit tests need to call from both workers at once.
			workers = [
				await n8n.startWorker({ name: 'worker1', concurrency: 1 }),
				await n8n.startWorker({ name: 'worker2', concurrency: 1 }),
			];
			headers = await n8n.ownerSession();
			for (const id of [...Object.values(ACTIONS).map(([wf]) => wf), ...RATE_RUNS.map((r) => r.id)])
				await activate(id);
			// The triggers are published now, so their first poll (the baseline) is long done when the
			// trigger test (the last one) adds records.
			triggersActivatedAt = Date.now();
			for (const id of ['qWfPublitracTrigger', 'qWfSmlTrigger', 'qWfEcontractTrigger'])
				await activate(id);
		});

		after(async () => {
			const perWorker = Object.fromEntries(
				workers.map((w) => [w.name, summary.executions[w.name] ?? []]),
			);
			console.log(
				[
					'--- queue mode summary ---',
					...Object.entries(perWorker).map(
						([name, runs]) => `${name}: ${runs.length} executions: ${runs.join(', ')}`,
					),
					`trigger emissions (recording server): ${JSON.stringify(summary.emitted)}`,
					...Object.entries(summary.violations).map(
						([scenario, v]) =>
							`PUBLITRAC, two workers at once (${SCENARIOS[scenario].label}): ${JSON.stringify(v)}`,
					),
				].join('\n'),
			);
			await n8n?.stop();
			n8n?.cleanup();
			for (const sim of Object.values(sims)) await sim.stop();
			await recorder?.close();
			await redis?.stop();
			await pg?.stop();
		});

		it('every CRM action node runs on a worker, started through the main, and both workers get work', async () => {
			const answers = await Promise.all(
				Object.values(ACTIONS).map(([, hookPath]) => hook(hookPath)),
			);
			answers.forEach((a, i) =>
				assert.equal(a.status, 200, `${Object.keys(ACTIONS)[i]}: ${a.text.slice(0, 500)}`),
			);
			const [pilot, publitrac, sml, econtract, dataPlatform] = answers.map((a) => a.json);
			const ran = {};
			for (const [crm, [id, , action]] of Object.entries(ACTIONS)) {
				const exec = await onlyExecution(id);
				assert.equal(
					exec.status,
					'success',
					`${crm}: ${JSON.stringify(exec.data.resultData.error ?? {})}`,
				);
				assert.equal(outputOf(exec, action.name).length, 1);
				ran[crm] = { exec, worker: ranOn(exec.id) };
				note(ran[crm].worker, id, exec.id);
			}

			// What each CRM received, and what the node output (the webhook answered with it).
			const [pilotReq] = sims.pilot.log.filter((r) => r.path === '/webhooks/welcome.php');
			assert.deepEqual(pilotReq.body, {
				action: 'create',
				appkey: PILOT_APP_KEY,
				pilot_contact_type_id: '1',
				pilot_business_type_code: 'New',
				pilot_firstname: 'E2E-create',
				pilot_email: 'ana@example.com',
				pilot_birth_date: '31/05/90',
				pilot_notes: 'Zoë & <b> 🚗',
			});
			assert.equal(typeof pilot[0].id, 'number');
			assert.deepEqual(outputOf(ran.pilot.exec, 'Pilot')[0].json, pilot[0]);

			const [sync] = sims.publitrac.log.filter((r) => r.query.method === 'syncLead');
			assert.deepEqual(xml(sync.body.query).request.lead, {
				email: 'e2e-sync@acme.com',
				firstName: 'Zoë & <b>',
				dateOfBirth: '1990-05-31',
				customFields: { carColor: 'Red 🚗' },
			});
			assert.equal(publitrac[0].status, '2006');

			const [smlReq] = sims.sml.log.filter((r) => r.method === 'POST' && r.path === '/api/lead/');
			assert.match(
				smlReq.headers.authorization,
				/^Token \S+$/,
				'the worker logged in (preAuthentication) and sent the token',
			);
			assert.deepEqual(smlReq.body, {
				source: 1,
				vehicle: { brand_model: 'E2E-create', year: 2020 },
				client: { name: 'Ana', email: 'ana@example.com' },
				tags: [{ content: 'e2e' }],
			});
			assert.equal(sml[0].vehicle.brand_model, 'E2E-create');

			const ecReq = sims.econtract.log.find(
				(r) => r.path === '/api/clients' && r.method === 'POST',
			);
			assert.deepEqual(ecReq.body, {
				gender: '1',
				segment: '1',
				first_name: 'E2E',
				last_name: 'Client',
				email: 'e2e.client@example.com',
				language: 'nl',
				cellphone: '0499656565',
				birthdate: '1956-12-25',
				family_size: '3',
				crm_api_id: ECONTRACT_CRM_API_ID,
				crm_api_key: ECONTRACT_CRM_API_KEY,
			});
			assert.equal(econtract[0].first_name, 'E2E');

			const dpReq = sims.dataPlatform.log.find(
				(r) => r.path === DATA_PLATFORM_LISTENER_PATH && r.method === 'POST',
			);
			assert.deepEqual(dpReq.body.data, [
				{
					actionType: 'add-lead',
					data: { name: 'E2E-lead', tag: 'webhook', companyLead: 'GOOGLE' },
				},
			]);
			assert.match(dataPlatform[0].response.customerId, /^LID-\d+$/);

			const used = new Set(Object.values(ran).map((r) => r.worker));
			assert.deepEqual(
				[...used].sort(),
				['worker1', 'worker2'],
				`both workers ran some of the five: ${JSON.stringify(Object.fromEntries(Object.entries(ran).map(([k, v]) => [k, v.worker])))}`,
			);
		});

		/**
		 * Starts runs A and B of a scenario at once (two webhook calls: two jobs, one per worker) and holds
		 * their calls at the simulator until both runs have called, so the two workers call the account
		 * at the same time (not one after the other because one worker picked its job up a little later).
		 * Returns what the simulator saw: violations, each run's calls, the peak calls in one second.
		 */
		async function runBothAtOnce(scenario, share) {
			const { method, runOf } = SCENARIOS[scenario];
			const sim = sims.publitrac;
			const [listener] = sim.server.listeners('request');
			const held = [];
			const seen = new Set();
			let released = false;
			const release = () => {
				released = true;
				for (const go of held.splice(0)) go();
			};
			const safety = setTimeout(release, 60_000);
			const gate = (req, res) => {
				const q = Object.fromEntries(new URL(req.url, 'http://127.0.0.1').searchParams);
				const run = !released && q.method === method ? runOf(q) : undefined;
				if (!run) return listener(req, res);
				held.push(() => listener(req, res));
				seen.add(run);
				if (seen.size === 2) release();
			};
			sim.server.removeListener('request', listener);
			sim.server.on('request', gate);
			await sleep(1500); // the simulator's one-second window starts empty
			const violationsBefore = sim.state.rateViolations;
			const since = Date.now();
			let answers;
			try {
				answers = await Promise.all(
					['A', 'B'].map((run) => hook(rateRun(scenario, share, run).hookPath)),
				);
			} finally {
				clearTimeout(safety);
				sim.server.removeListener('request', gate);
				sim.server.on('request', listener);
			}
			const calls = sim.log.filter((r) => r.at >= since && r.query.method === method);
			const stats = (run) => {
				const mine = calls.filter((r) => runOf(r.query) === run);
				return {
					count: mine.length,
					first: Math.min(...mine.map((c) => c.at)),
					last: Math.max(...mine.map((c) => c.at)),
					refused: mine.filter((c) => c.status === 429).length,
				};
			};
			const at = calls.map((r) => r.at).sort((x, y) => x - y);
			let peak = 0;
			for (let i = 0, j = 0; i < at.length; i++) {
				while (at[i] - at[j] >= 1000) j++;
				peak = Math.max(peak, i - j + 1);
			}
			const result = {
				answers,
				violations: sim.state.rateViolations - violationsBefore,
				A: stats('A'),
				B: stats('B'),
				peak,
			};
			const line = `${SCENARIOS[scenario].label}, rateLimitShare ${share}: ${result.violations} violations, peak ${peak} calls in one second (run A ${result.A.count} calls in ${result.A.last - result.A.first} ms, ${result.A.refused} refused; run B ${result.B.count} in ${result.B.last - result.B.first} ms, ${result.B.refused} refused)`;
			console.log(line);
			(summary.violations[scenario] ??= {})[`rateLimitShare${share}`] = {
				violations: result.violations,
				peakCallsInOneSecond: peak,
			};
			return result;
		}

		/** Both runs succeeded with every record, one on each worker, their calls interleaved, none refused. */
		async function assertBothRuns(scenario, share, result) {
			const { calls, check } = SCENARIOS[scenario];
			assert.equal(result.violations, 0, 'the simulator counted no call over 35 per second');
			result.answers.forEach((x) => assert.equal(x.status, 200, x.text.slice(0, 500)));
			const runners = [];
			for (const run of ['A', 'B']) {
				const { id } = rateRun(scenario, share, run);
				const exec = await onlyExecution(id);
				assert.equal(exec.status, 'success', JSON.stringify(exec.data.resultData.error ?? {}));
				check(outputOf(exec, 'PUBLITRAC'), run);
				const worker = ranOn(exec.id);
				runners.push(worker);
				note(worker, id, exec.id);
			}
			assert.deepEqual(runners.sort(), ['worker1', 'worker2'], 'one run on each worker');
			assert.equal(result.A.count, calls, 'run A: every call answered the first time');
			assert.equal(result.B.count, calls, 'run B: every call answered the first time');
			assert.ok(
				result.A.first < result.B.last && result.B.first < result.A.last,
				`the two runs called at the same time (A ${result.A.first}..${result.A.last}, B ${result.B.first}..${result.B.last})`,
			);
		}

		it(`two workers paging one PUBLITRAC account at once (${SCENARIOS.view.label}): zero rate-limit violations with rateLimitShare 2`, async () => {
			await assertBothRuns('view', 2, await runBothAtOnce('view', 2));
		});

		it(`two workers calling one PUBLITRAC account at once (${SCENARIOS.get.label}): zero rate-limit violations with rateLimitShare 2`, async () => {
			await assertBothRuns('get', 2, await runBothAtOnce('get', 2));
		});

		it('the same with rateLimitShare 1 (reported, not asserted): what the share prevents', async () => {
			for (const scenario of Object.keys(SCENARIOS)) {
				const result = await runBothAtOnce(scenario, 1);
				const runs = [];
				for (const run of ['A', 'B']) {
					const { id } = rateRun(scenario, 1, run);
					const exec = await onlyExecution(id);
					const worker = startedBy(exec.id).join('+') || '?';
					note(worker, id, exec.id);
					runs.push(
						`run ${run} on ${worker}: ${exec.status}, ${outputOf(exec, 'PUBLITRAC').length} items`,
					);
				}
				console.log(
					`  rateLimitShare 1, ${scenario}: webhook answers ${result.answers.map((x) => x.status).join(', ')}; ${runs.join('; ')}`,
				);
			}
		});

		it(
			'the polling triggers on the main emit each new record exactly once, the emissions run on workers',
			{ timeout: 600_000 },
			async () => {
				const polls = {
					publitrac: () => sims.publitracPoll.log.filter((r) => r.query.method === 'getView'),
					sml: () =>
						sims.smlPoll.log.filter(
							(r) => r.method === 'GET' && r.path === '/api/lead/' && r.status === 200,
						),
					econtract: () => sims.econtractPoll.log.filter((r) => r.path === '/api/latest'),
				};
				// The baseline poll (at activation) must be done, so the records added next are new to it.
				for (
					let i = 0;
					i < 240 &&
					Object.values(polls).some((p) => !p().some((r) => r.at >= triggersActivatedAt));
					i++
				)
					await sleep(500);
				for (const [crm, p] of Object.entries(polls))
					assert.ok(
						p().some((r) => r.at >= triggersActivatedAt),
						`${crm}: the baseline poll ran`,
					);
				assert.equal(recorder.received.length, 0, 'the baselines emit nothing');

				// Two new records per CRM.
				const created = { publitrac: [], sml: [], econtract: [] };
				created.publitrac = sims.publitracPoll
					.seedLeads(2, { view: 'QueuePollView' })
					.map((l) => l.id);
				const login = await request('POST', `${sims.smlPoll.url}/api/auth/login/`, {
					headers: { 'content-type': 'application/json' },
					body: { username: SML_USERNAME, password: SML_PASSWORD },
				});
				for (const name of ['Poll A', 'Poll B']) {
					const res = await request('POST', `${sims.smlPoll.url}/api/lead/`, {
						headers: {
							'content-type': 'application/json',
							authorization: `Token ${login.json.token}`,
						},
						body: { source: 1, vehicle: { brand_model: `E2E-${name}` }, client: { name } },
					});
					assert.equal(res.status, 201, res.text);
					created.sml.push(String(res.json.id));
				}
				for (const comparison of ['9101', '9102']) {
					const res = await placeEcontractOrder(sims.econtractPoll.url, {
						comparison_id: comparison,
						client_first_name: 'Poll',
						client_last_name: comparison,
						client_email: `poll${comparison}@example.com`,
					});
					assert.ok(res.status < 300, res.text);
					created.econtract.push(comparison);
				}
				const idOf = {
					publitrac: (b) => String(b.id),
					sml: (b) => String(b.id),
					econtract: (b) => String(b.comparison_id),
				};
				const emitted = (crm) =>
					recorder.received.filter((r) => r.path === `/${crm}`).map((r) => idOf[crm](r.body));

				// Every-minute polls fire at a fixed random second: the next one comes within two minutes.
				await recorder.waitFor(6, 150_000);
				// Then let each trigger poll once more after its records were emitted, and leave time for a
				// duplicate emission to reach the recorder if that poll emitted them again.
				const emittedAt = Date.now();
				for (
					let i = 0;
					i < 180 && Object.values(polls).some((p) => !p().some((r) => r.at > emittedAt));
					i++
				)
					await sleep(500);
				for (const [crm, p] of Object.entries(polls))
					assert.ok(
						p().some((r) => r.at > emittedAt),
						`${crm}: polled again after emitting`,
					);
				await sleep(20_000);

				for (const crm of Object.keys(created)) {
					summary.emitted[crm] = Object.fromEntries(
						created[crm].map((id) => [id, emitted(crm).filter((e) => e === id).length]),
					);
					assert.deepEqual(
						emitted(crm).sort(),
						[...created[crm]].sort(),
						`${crm}: each new record emitted exactly once`,
					);
				}
				// The emitting executions ran on the workers (the polls themselves run on the main).
				for (const id of ['qWfPublitracTrigger', 'qWfSmlTrigger', 'qWfEcontractTrigger']) {
					const list = (await executionsOf(id)).filter((e) => e.mode === 'trigger');
					assert.ok(list.length >= 1, `${id} has a trigger execution`);
					for (const e of list) {
						const exec = await execution(e.id);
						assert.equal(exec.status, 'success');
						note(ranOn(e.id), id, e.id);
					}
				}
			},
		);
	},
);
