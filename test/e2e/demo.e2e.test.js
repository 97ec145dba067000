'use strict';
// The demo as a newcomer starts it: `bash scripts/demo.sh`, the README's command, with only
// its documented environment (other ports, so that it runs next to a demo of the user's, and a
// kept n8n folder). Then, through n8n's REST API and logged in as the demo prints: every example
// of examples/ is there, every trigger workflow is active with no activation error, every manual
// one runs green, and every curl the demo prints is answered and starts an execution that
// succeeds. A second start while it runs says in one line which port is taken, before building.
// n8n 2.x only: the demo runs n8n 2.41.1 (scripts/test.sh runs this file on the 2.x pass only).
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn, execFile, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { freePort, request, ROOT } = require('../helpers/n8n');

const EXAMPLE_FILES = fs
	.readdirSync(path.join(ROOT, 'examples'))
	.filter((f) => f.endsWith('.json'));
const EXAMPLES = EXAMPLE_FILES.map((f) =>
	JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', f), 'utf8')),
);
const isTrigger = (wf) =>
	wf.nodes.some((n) => /Trigger$/.test(n.type) && !/manualTrigger/.test(n.type));
const MCP_TRIGGER = '@n8n/n8n-nodes-langchain.mcpTrigger';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const FINISHED = ['success', 'error', 'crashed', 'canceled'];

/** Runs `bash scripts/demo.sh` as a user would; resolves {child, output(), exited}. */
function startDemo(env) {
	const child = spawn('bash', ['scripts/demo.sh'], {
		cwd: ROOT,
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (d) => (stdout += d));
	child.stderr.on('data', (d) => (stderr += d));
	// Its last output can arrive after its exit (seen on a busy machine, issue 21): `exited`
	// waits for both streams to end too, at most 5 s (a process the demo left running may hold
	// them open).
	const ended = (stream) =>
		new Promise((r) => (stream.readableEnded ? r() : stream.once('end', r)));
	const exited = new Promise((resolve) =>
		child.on('exit', (code, signal) =>
			Promise.race([Promise.all([ended(child.stdout), ended(child.stderr)]), sleep(5000)]).then(
				() => resolve({ code, signal }),
			),
		),
	);
	return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

async function waitUntil(what, fn, ms) {
	const deadline = Date.now() + ms;
	for (;;) {
		const value = await fn();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(500);
	}
}

describe('the demo (bash scripts/demo.sh) as shipped', { timeout: 420_000 }, () => {
	let demo;
	let url;
	let headers;
	let userFolder;
	const env = {};

	before(async () => {
		userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-leads-demo-e2e-'));
		fs.rmSync(userFolder, { recursive: true });
		Object.assign(env, {
			DEMO_PORT: String(await freePort()),
			SANDBOX_PORT_BASE: '0',
			DEMO_USER_FOLDER: userFolder,
		});
		demo = startDemo(env);
		const ready = await Promise.race([
			waitUntil(
				'the demo to print "Ctrl-C stops"',
				() => demo.stdout().includes('Ctrl-C stops n8n and the simulators.'),
				330_000,
			).then(() => true),
			demo.exited.then(() => false),
		]);
		assert.ok(
			ready,
			`the demo ended before it was ready:\n${demo.stdout().slice(-3000)}\n${demo.stderr().slice(-3000)}`,
		);
		url = demo.stdout().match(/^ {2}editor: +(http:\/\/\S+)/m)?.[1];
		const [, email, password] = demo.stdout().match(/^ {2}login: +(\S+) \/ (\S+)/m) || [];
		assert.ok(url && email && password, `no editor URL or login in:\n${demo.stdout()}`);
		const base = { 'content-type': 'application/json', 'browser-id': 'crm-leads-demo-e2e' };
		const login = await request('POST', `${url}/rest/login`, {
			headers: base,
			body: { emailOrLdapLoginId: email, password },
		});
		assert.equal(
			login.status,
			200,
			`the printed login does not log in: ${login.text.slice(0, 300)}`,
		);
		headers = {
			...base,
			cookie: []
				.concat(login.headers['set-cookie'])
				.map((c) => c.split(';')[0])
				.join('; '),
		};
	});

	after(async () => {
		if (demo && demo.child.exitCode === null && demo.child.signalCode === null) {
			// What Ctrl-C in the terminal does: SIGINT to the demo's process group.
			process.kill(-demo.child.pid, 'SIGINT');
			const timer = setTimeout(() => process.kill(-demo.child.pid, 'SIGKILL'), 60_000);
			await demo.exited;
			clearTimeout(timer);
		}
		if (userFolder) fs.rmSync(userFolder, { recursive: true, force: true });
	});

	const rest = async (method, p, body) => {
		const answer = await request(method, `${url}/rest${p}`, { headers, body });
		assert.ok(
			answer.status < 400,
			`${method} /rest${p}: ${answer.status} ${answer.text.slice(0, 500)}`,
		);
		return answer.json.data;
	};
	const execution = (id) =>
		waitUntil(
			`execution ${id} to finish`,
			async () => {
				const e = await rest('GET', `/executions/${id}`);
				return FINISHED.includes(e.status) && e;
			},
			120_000,
		);
	const executionsOf = async (workflowId) =>
		(await rest('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`))
			.results;

	it('prints the editor URL, the login, the n8n folder, every example with its state, a curl per webhook and the MCP server URL', () => {
		const out = demo.stdout();
		assert.match(out, /n8n 2\.41\.1 with n8n-nodes-crm-leads \(from its tarball\) is running/);
		assert.match(
			out,
			new RegExp(
				`n8n folder: ${userFolder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(kept when the demo stops\\)`,
			),
		);
		assert.match(
			out,
			new RegExp(`example workflows \\(${EXAMPLE_FILES.length}, from examples/\\)`),
		);
		for (const wf of EXAMPLES)
			assert.ok(
				out.includes(` ${isTrigger(wf) ? 'active  ' : 'manual  '} ${wf.name}`),
				`"${wf.name}" is not listed as ${isTrigger(wf) ? 'active' : 'manual'}:\n${out}`,
			);
		assert.doesNotMatch(out, /could not be published/);
		assert.match(
			out,
			/^MCP servers \(connect an MCP client to the URL: Streamable HTTP, or SSE on the same URL\):$/m,
		);
	});

	it('holds every example of examples/; every trigger workflow is active with no activation error', async () => {
		const stored = await rest('GET', '/workflows');
		assert.deepEqual(
			stored.map((w) => w.id).sort(),
			EXAMPLES.map((w) => w.id).sort(),
			'one workflow per file of examples/',
		);
		assert.equal(stored.length, EXAMPLE_FILES.length);
		const triggers = EXAMPLES.filter(isTrigger);
		assert.ok(triggers.length >= 7, 'the examples hold trigger workflows');
		for (const wf of triggers) {
			const error = await rest('GET', `/active-workflows/error/${wf.id}`);
			assert.equal(error ?? null, null, `${wf.name}: ${JSON.stringify(error)}`);
			assert.equal(
				(await rest('GET', `/workflows/${wf.id}`)).active,
				true,
				`${wf.name} is not active`,
			);
		}
		const active = await rest('GET', '/active-workflows');
		assert.deepEqual([...active].sort(), triggers.map((w) => w.id).sort());
	});

	it(
		'every manual example runs green (Execute workflow, as the editor calls it)',
		{ timeout: 300_000 },
		async () => {
			const manual = EXAMPLES.filter((wf) => !isTrigger(wf));
			assert.ok(manual.length >= 5, 'the examples hold manual workflows');
			for (const wf of manual) {
				const start = wf.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
				const { executionId } = await rest('POST', `/workflows/${wf.id}/run`, {
					triggerToStartFrom: { name: start.name },
				});
				const e = await execution(executionId);
				assert.equal(e.status, 'success', `${wf.name}: execution ${executionId} ended ${e.status}`);
			}
		},
	);

	it(
		'every curl the demo prints is answered 200 and starts an execution of its workflow that succeeds',
		{ timeout: 200_000 },
		async () => {
			const lines = demo.stdout().split('\n');
			const curls = [];
			lines.forEach((line, i) => {
				if (/^ {4}curl /.test(line))
					curls.push({ name: lines[i - 1].trim().replace(/:$/, ''), command: line.trim() });
			});
			// Webhook triggers of this package (an MCP Server Trigger has a webhookId too, but no curl: an MCP client speaks to it).
			const webhooks = EXAMPLES.filter((wf) =>
				wf.nodes.some((n) => n.webhookId && n.type !== MCP_TRIGGER),
			);
			assert.deepEqual(
				curls.map((c) => c.name).sort(),
				webhooks.map((w) => w.name).sort(),
				'one curl per webhook example',
			);
			for (const { name, command } of curls) {
				const wf = webhooks.find((w) => w.name === name);
				const seen = new Set((await executionsOf(wf.id)).map((e) => e.id));
				// As printed, through the shell; -w adds the status code on a last line.
				const out = await new Promise((resolve, reject) =>
					execFile(
						'bash',
						['-c', `${command} -w '\\n%{http_code}'`],
						{ timeout: 60_000 },
						(error, stdout, stderr) =>
							error ? reject(new Error(`${command}\n${stderr}`)) : resolve(stdout),
					),
				);
				const status = out.trim().split('\n').pop();
				assert.equal(status, '200', `${name}: ${out}`);
				const runs = await waitUntil(
					`an execution of ${name}`,
					async () => {
						const fresh = (await executionsOf(wf.id)).filter((e) => !seen.has(e.id));
						return fresh.length && fresh.every((e) => FINISHED.includes(e.status)) && fresh;
					},
					60_000,
				);
				assert.equal(runs.length, 1, `${name}: one post, one execution`);
				assert.equal(
					runs[0].status,
					'success',
					`${name}: execution ${runs[0].id} ended ${runs[0].status}`,
				);
			}
		},
	);

	it(
		"the printed MCP server URL and token serve the example's CRM tools to an MCP client (official SDK)",
		{ timeout: 120_000 },
		async () => {
			const servers = EXAMPLES.filter((wf) => wf.nodes.some((n) => n.type === MCP_TRIGGER));
			assert.ok(servers.length >= 1, 'an MCP server example');
			const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
			const {
				StreamableHTTPClientTransport,
			} = require('@modelcontextprotocol/sdk/client/streamableHttp.js');
			const printed = [
				...demo
					.stdout()
					.matchAll(/^ {4}URL: (http:\/\/\S+\/mcp\/\S+) {2}header: Authorization: Bearer (\S+)$/gm),
			];
			assert.equal(
				printed.length,
				servers.length,
				`one MCP URL per MCP example:\n${demo.stdout()}`,
			);
			for (const [, mcpUrl, token] of printed) {
				const client = new Client({ name: 'demo-e2e', version: '1.0.0' });
				await client.connect(
					new StreamableHTTPClientTransport(new URL(mcpUrl), {
						requestInit: { headers: { authorization: `Bearer ${token}` } },
					}),
				);
				try {
					const { tools } = await client.listTools();
					const wf = servers.find((w) =>
						mcpUrl.endsWith(`/mcp/${w.nodes.find((n) => n.type === MCP_TRIGGER).parameters.path}`),
					);
					assert.ok(wf, mcpUrl);
					const toolNodes = wf.nodes.filter((n) => n.type !== MCP_TRIGGER);
					assert.deepEqual(
						tools.map((t) => t.name).sort(),
						toolNodes.map((n) => n.name.replace(/ /g, '_')).sort(),
					);
					// One call reaches a simulator and comes back without error.
					const search = tools.find((t) => t.name === 'Search_SML_leads');
					if (search) {
						const result = await client.callTool({
							name: search.name,
							arguments: { search: 'Garcia' },
						});
						assert.ok(!result.isError, JSON.stringify(result));
					}
				} finally {
					await client.close();
				}
			}
		},
	);

	it('a second start while it runs stops at once with one line naming the taken port and how to choose others', async () => {
		const distBefore = fs.statSync(path.join(ROOT, 'dist')).mtimeMs;
		const second = startDemo(env);
		const started = Date.now();
		const { code } = await second.exited;
		assert.notEqual(code, 0);
		assert.equal(second.stdout(), '');
		const lines = second.stderr().trim().split('\n');
		assert.equal(lines.length, 1, second.stderr());
		assert.match(
			lines[0],
			new RegExp(
				`^Cannot start the demo: port ${env.DEMO_PORT} \\(n8n, DEMO_PORT\\) is already in use, by n8n: is a demo already running\\?`,
			),
		);
		assert.match(
			lines[0],
			/choose other ports: DEMO_PORT=\d+ SANDBOX_PORT_BASE=\d+ bash scripts\/demo\.sh$/,
		);
		// dist/'s time below proves no build ran; the time only bounds a hang (busy machine: 60 s).
		assert.ok(Date.now() - started < 60_000, 'it checks before building');
		assert.equal(fs.statSync(path.join(ROOT, 'dist')).mtimeMs, distBefore, 'dist/ was not rebuilt');
	});

	it('Ctrl-C stops n8n and the simulators and keeps the n8n folder given in DEMO_USER_FOLDER', async () => {
		process.kill(-demo.child.pid, 'SIGINT');
		const { code } = await demo.exited;
		assert.equal(code, 0);
		assert.ok(
			fs.existsSync(path.join(userFolder, '.n8n', 'database.sqlite')),
			'the n8n folder and its database are kept',
		);
		// The kept folder holds the simulators' credentials only encrypted (the import files are gone).
		const files = fs
			.readdirSync(userFolder, { recursive: true })
			.map((f) => path.join(userFolder, f))
			.filter((f) => fs.statSync(f).isFile());
		assert.deepEqual(
			files.filter((f) => /credentials-\d+\.json$/.test(f)),
			[],
		);
		// (Pilot's app key is the example of its doc, in the credential's description: the other secrets are the simulators' own.)
		const { PUBLITRAC_CREDENTIALS } = require('../../sandbox/publitrac');
		const { SML_PASSWORD } = require('../../sandbox/sml');
		for (const secret of [
			PUBLITRAC_CREDENTIALS.password,
			PUBLITRAC_CREDENTIALS.apiKey,
			SML_PASSWORD,
		]) {
			for (const f of files)
				assert.ok(
					!fs.readFileSync(f).includes(Buffer.from(secret)),
					`${f} holds a simulator's secret in plain text`,
				);
		}
		const n8nAnswers = await request('GET', `${url}/healthz`).then(
			() => true,
			() => false,
		);
		assert.equal(n8nAnswers, false, 'n8n stopped');
	});
});

describe('a fresh clone, and what a run leaves behind', () => {
	it("a packed tarball's temporary folder is removed when the process that packed it exits", () => {
		const script = "console.log(require('./test/helpers/n8n').packTarball({ build: false }))";
		const env = { ...process.env };
		delete env.E2E_TARBALL;
		const tarball = execFileSync(process.execPath, ['-e', script], {
			cwd: ROOT,
			env,
			encoding: 'utf8',
		})
			.trim()
			.split('\n')
			.pop();
		assert.match(tarball, /crm-leads-pack-[^/]+\/n8n-nodes-crm-leads-[\d.]+\.tgz$/);
		assert.equal(
			fs.existsSync(path.dirname(tarball)),
			false,
			`${path.dirname(tarball)} is left behind`,
		);
	});

	it('package-lock.json is what npm install writes (so npm ci accepts it and no install rewrites it), and .npmrc runs no dependency script', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-leads-lock-'));
		try {
			for (const f of ['package.json', 'package-lock.json', '.npmrc'])
				fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
			execFileSync('npm', ['install', '--package-lock-only', '--no-audit', '--no-fund'], {
				cwd: dir,
				stdio: ['ignore', 'ignore', 'pipe'],
			});
			const before = fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8');
			const after = fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8');
			assert.ok(
				after === before,
				`npm install changes package-lock.json (${after.split('\n').length - before.split('\n').length} lines)`,
			);
			assert.equal(
				execFileSync('npm', ['config', 'get', 'ignore-scripts'], {
					cwd: dir,
					encoding: 'utf8',
				}).trim(),
				'true',
			);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	it("two n8n installs into one cache at once: one installs, the other waits; npm's output goes to the log file it names", async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-leads-install-'));
		try {
			// A stand-in npm: records its calls, writes 600 warnings as n8n's install does, takes 2 s.
			fs.mkdirSync(path.join(dir, 'bin'));
			fs.writeFileSync(
				path.join(dir, 'bin', 'npm'),
				`#!/bin/bash\necho "$*" >> "${dir}/calls"\nfor i in $(seq 600); do echo "npm warn deprecated dep$i" >&2; done\nsleep 2\n`,
				{ mode: 0o755 },
			);
			const env = {
				...process.env,
				PATH: `${path.join(dir, 'bin')}:${process.env.PATH}`,
				N8N_CACHE_DIR: path.join(dir, 'cache'),
			};
			const run = () =>
				new Promise((resolve) => {
					const child = spawn('bash', [path.join(ROOT, 'scripts', 'install-n8n.sh'), '1'], {
						env,
						stdio: ['ignore', 'pipe', 'pipe'],
					});
					let out = '';
					let err = '';
					child.stdout.on('data', (d) => (out += d));
					child.stderr.on('data', (d) => (err += d));
					// 'close', not 'exit': the output is all read (on a busy machine the last line came
					// after the exit, issue 21).
					child.on('close', (code) => resolve({ code, out, err }));
				});
			const first = run();
			await sleep(300);
			const results = await Promise.all([first, run()]);
			const folder = path.join(dir, 'cache', 'n8n-1.123.81');
			for (const r of results) {
				assert.equal(r.code, 0, r.err);
				assert.equal(r.out.trim(), folder);
				assert.doesNotMatch(r.err, /npm warn/, 'no npm warning on the terminal');
			}
			const calls = fs.readFileSync(path.join(dir, 'calls'), 'utf8').trim().split('\n');
			assert.deepEqual(
				calls,
				['install --no-audit --no-fund --ignore-scripts n8n@1.123.81', 'rebuild sqlite3'],
				'n8n installed once',
			);
			const log = path.join(dir, 'cache', 'install-n8n1.log');
			assert.ok(
				results.some((r) => r.err.includes(`npm's output: ${log}`)),
				'the log file is named',
			);
			assert.ok(
				results.some((r) => r.err.includes('another run is installing n8n@1.123.81')),
				'the second run says it waits',
			);
			assert.equal(
				fs
					.readFileSync(log, 'utf8')
					.split('\n')
					.filter((l) => l.startsWith('npm warn')).length,
				1200,
			);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
