'use strict';
// An AI agent using the five CRMs through n8n's MCP Server Trigger, no language model needed:
// the official MCP TypeScript SDK is the agent's client. The workflow is the shipped example
// examples/mcp-server-crm-tools.json (MCP Server Trigger, Bearer auth, one tool per CRM, every
// input filled through $fromAI()), imported into a real n8n installed from the packed tarball,
// published, and served on /mcp/<path>. The client connects over Streamable HTTP (n8n 2.41.1's
// and 1.123.81's mcpTrigger v2 serve it on POST <path>, SSE on GET <path>), lists the tools as an
// agent sees them, calls each with the arguments an agent would send, and the test checks what
// each simulator received (its request log) and that the result carries the record; bad
// arguments and a CRM failure come back as tool errors the agent can read; no secret leaks.
// Runs on n8n 2.41.1 and on 1.123.81 (E2E_N8N_MAJOR): both ship mcpTrigger v2 with both transports.
const { after, before, describe, it } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const {
	StreamableHTTPClientTransport,
} = require('@modelcontextprotocol/sdk/client/streamableHttp.js');
const { SSEClientTransport } = require('@modelcontextprotocol/sdk/client/sse.js');
const { startAll } = require('../../sandbox/start');
const { N8nInstance, ROOT, request } = require('../helpers/n8n');

const MAJOR = Number(process.env.E2E_N8N_MAJOR || 2);
const EXAMPLE = JSON.parse(
	fs.readFileSync(path.join(ROOT, 'examples', 'mcp-server-crm-tools.json'), 'utf8'),
);
const MCP_TOKEN = 'e2e-mcp-client-token-7f3a9c';
// The tool names n8n makes of the node names (spaces become underscores).
const TOOL = {
	publitrac: 'Find_PUBLITRAC_lead_by_email',
	sml: 'Search_SML_leads',
	econtract: 'Search_Econtract_clients',
	pilot: 'Create_Pilot_lead',
	dataPlatform: 'Create_Data_Platform_contact',
};
// What an agent must not be shown: the CRMs' own field names and protocol words.
const WIRE_JARGON =
	/pilot_|__icontains|\bxml\b|\bjson\b|\bapi\b|https?:|\bquery string\b|\bparam(eter)?s?\b|\bpayload\b|\bendpoint\b|\/[a-z]/i;
const HTTP_VERB = /\b(POST|GET|PATCH|PUT|DELETE)\b/;
function assertPlainEnglish(text, what) {
	assert.doesNotMatch(text, WIRE_JARGON, `${what}: "${text}"`);
	assert.doesNotMatch(text, HTTP_VERB, `${what}: "${text}"`);
}

/**
 * A copy of the example (its credential ids are the demo's: the test imports credentials of these
 * ids pointing at its own simulators); `simplify` switches Simplify on in its CRM tools that offer
 * it, and `pathName` serves the copy on another path.
 */
function exampleWorkflow({ id = EXAMPLE.id, pathName, simplify = false } = {}) {
	const wf = JSON.parse(JSON.stringify(EXAMPLE));
	wf.id = id;
	for (const node of wf.nodes) {
		if (node.type.endsWith('.mcpTrigger') && pathName)
			Object.assign(node, { webhookId: `${node.webhookId}-${pathName}` }).parameters.path =
				pathName;
		if (
			simplify &&
			['publitracTool', 'smlTool', 'econtractTool'].some((t) => node.type.endsWith(`.${t}`))
		)
			node.parameters.simplify = true;
	}
	if (simplify) wf.name += ' (Simplify on)';
	return wf;
}

const textOf = (result) =>
	result.content
		.filter((c) => c.type === 'text')
		.map((c) => c.text)
		.join('\n');
const recordsOf = (result) => JSON.parse(textOf(result));
const bytes = (result) => Buffer.byteLength(JSON.stringify(result), 'utf8');

describe(
	`an MCP client using the five CRM tools through n8n ${MAJOR}.x's MCP Server Trigger (tarball install)`,
	{ timeout: 300_000 },
	() => {
		let n8n;
		let sims;
		let client;
		let tools;
		let mcpPath;
		const results = [];
		const secrets = [MCP_TOKEN];

		const logOf = (crm) => sims[crm].sim.log;
		/** Calls a tool as an agent does and keeps the result for the secrets check. */
		async function call(name, args, c = client) {
			const result = await c.callTool({ name, arguments: args });
			results.push({ name, args, result });
			return result;
		}
		async function connect(url = `${n8n.url}${mcpPath}`, token = MCP_TOKEN) {
			const c = new Client({ name: 'crm-leads-e2e-agent', version: '1.0.0' });
			await c.connect(
				new StreamableHTTPClientTransport(new URL(url), {
					requestInit: { headers: { authorization: `Bearer ${token}` } },
				}),
			);
			return c;
		}

		before(async () => {
			sims = await startAll(0);
			sims.publitrac.sim.seedLeads(3);
			sims.sml.sim.seedLeads(6);
			sims.sml.sim.seedLeads(1, {
				client: { name: 'Marta Ruiz', email: 'marta.ruiz@example.com', phone: '600123456' },
				vehicle: { brand_model: 'Seat Ibiza' },
			});
			sims.econtract.sim.seedOrders(2);
			// Every secret of the five credentials (SML's user name is no secret: SML shows it in its records).
			for (const s of Object.values(sims))
				secrets.push(
					...Object.entries(s.secrets)
						.filter(([k]) => k !== 'username')
						.map(([, v]) => v),
				);
			n8n = new N8nInstance();
			const title = (name) => name.charAt(0).toUpperCase() + name.slice(1);
			// The ids the examples use (the demo's credentials), pointing at this test's simulators.
			await n8n.importCredentials([
				...Object.entries(sims).map(([name, s]) => ({
					id: `demo${title(name)}`,
					name: `${title(name)} (simulator)`,
					...s.credential,
				})),
				{
					id: 'demoMcpBearer',
					name: 'MCP client token (demo)',
					type: 'httpBearerAuth',
					data: { token: MCP_TOKEN },
				},
			]);
			await n8n.importWorkflows([
				exampleWorkflow(),
				exampleWorkflow({ id: 'e2eMcpSimplify', pathName: 'crm-leads-simplified', simplify: true }),
			]);
			await n8n.activate(EXAMPLE.id);
			await n8n.activate('e2eMcpSimplify');
			await n8n.start();
			mcpPath = `/mcp/${EXAMPLE.nodes.find((n) => n.type.endsWith('.mcpTrigger')).parameters.path}`;
			// Registration of a published workflow's webhooks can lag the readiness: retry the connection a little.
			const deadline = Date.now() + 60_000;
			for (;;) {
				try {
					client = await connect();
					break;
				} catch (error) {
					if (Date.now() > deadline)
						throw new Error(
							`cannot connect to ${n8n.url}${mcpPath}: ${error.message}\n${n8n.logs.slice(-3000)}`,
						);
					await new Promise((r) => setTimeout(r, 1000));
				}
			}
			({ tools } = await client.listTools());
		});

		after(async () => {
			await client?.close().catch(() => {});
			await n8n?.stop();
			n8n?.cleanup();
			for (const s of Object.values(sims ?? {})) await s.sim.stop();
		});

		it('refuses a client without the Bearer token: the trigger is authenticated', async () => {
			const url = `${n8n.url}${mcpPath}`;
			const init = {
				jsonrpc: '2.0',
				id: 1,
				method: 'initialize',
				params: {
					protocolVersion: '2025-03-26',
					capabilities: {},
					clientInfo: { name: 'x', version: '1' },
				},
			};
			const headers = {
				'content-type': 'application/json',
				accept: 'application/json, text/event-stream',
			};
			const none = await request('POST', url, { headers, body: init });
			const wrong = await request('POST', url, {
				headers: { ...headers, authorization: 'Bearer not-the-token' },
				body: init,
			});
			assert.equal(none.status, 403, none.text);
			assert.equal(wrong.status, 403, wrong.text);
			await assert.rejects(connect(url, 'not-the-token'));
		});

		it('lists one tool per CRM, each saying in English what it does and what each input means', () => {
			assert.deepEqual(tools.map((t) => t.name).sort(), Object.values(TOOL).sort());
			const crmNames = {
				publitrac: 'PUBLITRAC',
				sml: 'SML',
				econtract: 'Econtract',
				pilot: 'Pilot Solution',
				dataPlatform: 'CRM Data Platform',
			};
			for (const [crm, name] of Object.entries(TOOL)) {
				const tool = tools.find((t) => t.name === name);
				// "<action> in <node>", the operation's own action text (Tool Description: Set Automatically).
				assert.match(
					tool.description,
					/^(Get|Search|Create)\b/,
					`${name}: "${tool.description}" starts with what it does`,
				);
				assert.ok(
					tool.description.endsWith(` in ${crmNames[crm]}`),
					`${name}: "${tool.description}" names its CRM`,
				);
				assertPlainEnglish(tool.description, name);
				const { properties, required, type } = tool.inputSchema;
				assert.equal(type, 'object');
				assert.ok(Object.keys(properties).length >= 1, `${name} has inputs`);
				for (const [input, schema] of Object.entries(properties)) {
					assert.equal(schema.type, 'string', `${name}.${input}`);
					assert.ok(
						schema.description && schema.description.split(' ').length >= 4,
						`${name}.${input} is described: "${schema.description}"`,
					);
					assert.match(schema.description, /^[A-Z][a-z]/, `${name}.${input}: an English sentence`);
					assertPlainEnglish(schema.description, `${name}.${input}`);
				}
				assert.deepEqual(
					[...required].sort(),
					Object.keys(properties).sort(),
					`${name}: every input is required`,
				);
			}
			const inputs = (name) =>
				Object.keys(tools.find((t) => t.name === name).inputSchema.properties).sort();
			assert.deepEqual(inputs(TOOL.publitrac), ['email']);
			assert.deepEqual(inputs(TOOL.sml), ['search']);
			assert.deepEqual(inputs(TOOL.econtract), ['query']);
			assert.deepEqual(inputs(TOOL.pilot), ['email', 'firstName', 'lastName', 'notes']);
			assert.deepEqual(inputs(TOOL.dataPlatform), ['email', 'firstName', 'lastName']);
			console.log(
				`tools as the MCP client sees them (n8n ${n8n.n8n.version}):\n${tools.map((t) => `  ${t.name}: "${t.description}" inputs ${JSON.stringify(Object.fromEntries(Object.entries(t.inputSchema.properties).map(([k, v]) => [k, v.description])))}`).join('\n')}`,
			);
		});

		it('PUBLITRAC Lead: Get finds the lead by the email the agent gives', async () => {
			const lead = sims.publitrac.sim.state.leads[1];
			const before = logOf('publitrac').length;
			const result = await call(TOOL.publitrac, { email: lead.email });
			assert.ok(!result.isError, textOf(result));
			const sent = logOf('publitrac').slice(before);
			assert.equal(sent.length, 1, JSON.stringify(sent.map((r) => [r.method, r.path, r.query])));
			assert.equal(sent[0].method, 'GET');
			// PUBLITRAC's one endpoint: the method and the email in the query, with the credential's keys.
			assert.equal(sent[0].path, '/api');
			// (The key goes as "apikey" and "apiKey": PUBLITRAC's doc spells it both ways.)
			const { apikey, apiKey, username, password, ...query } = sent[0].query;
			assert.ok(apikey && apiKey && username && password, 'the credential is sent to PUBLITRAC');
			assert.deepEqual(query, { method: 'getLead', email: lead.email });
			const [record] = recordsOf(result);
			assert.equal(record.email, lead.email);
			assert.equal(record.firstName, lead.firstName);
			assert.equal(record.id, String(lead.id));
		});

		it('SML Lead: Get Many searches with the words the agent gives, at most 5 leads', async () => {
			const before = logOf('sml').length;
			const result = await call(TOOL.sml, { search: 'Marta Ruiz' });
			assert.ok(!result.isError, textOf(result));
			const reads = logOf('sml')
				.slice(before)
				.filter((r) => r.path === '/api/lead/');
			assert.equal(reads.length, 1);
			assert.equal(reads[0].method, 'GET');
			assert.deepEqual(reads[0].query, { search: 'Marta Ruiz', page_size: '5' });
			const records = recordsOf(result);
			assert.equal(records.length, 1);
			assert.equal(records[0].client.name, 'Marta Ruiz');
			assert.equal(records[0].client.email, 'marta.ruiz@example.com');
			// The tool's Limit (5) bounds what a broad search returns: 6 seeded leads match "Seed".
			const broad = await call(TOOL.sml, { search: 'Seed' });
			assert.equal(recordsOf(broad).length, 5);
		});

		it('Econtract Client: Search posts the words the agent gives and returns the clients found', async () => {
			const client0 = sims.econtract.sim.state.clients[0];
			const before = logOf('econtract').length;
			const result = await call(TOOL.econtract, { query: client0.email });
			assert.ok(!result.isError, textOf(result));
			const sent = logOf('econtract').slice(before);
			assert.equal(sent.length, 1);
			assert.equal(sent[0].method, 'POST');
			assert.equal(sent[0].path, '/api/clients/search');
			const { crm_api_id: id, crm_api_key: key, ...body } = sent[0].body;
			assert.ok(id && key, 'the credential is sent to Econtract');
			assert.deepEqual(body, { query: client0.email });
			const records = recordsOf(result);
			assert.equal(records.length, 1);
			assert.equal(records[0].id, client0.id);
			assert.equal(records[0].last_name, client0.last_name);
		});

		it('Pilot Lead: Create sends the person the agent describes and returns the new lead id', async () => {
			const before = logOf('pilot').length;
			const args = {
				firstName: 'Ana',
				lastName: 'Garcia',
				email: 'ana.garcia@example.com',
				notes: 'Wants a test drive of a Seat Ibiza',
			};
			const result = await call(TOOL.pilot, args);
			assert.ok(!result.isError, textOf(result));
			const sent = logOf('pilot').slice(before);
			assert.equal(sent.length, 1);
			assert.equal(sent[0].method, 'POST');
			assert.equal(sent[0].path, '/webhooks/welcome.php');
			const { appkey, ...fields } = sent[0].body;
			assert.ok(appkey, 'the app key of the credential is sent to Pilot');
			assert.deepEqual(fields, {
				action: 'create',
				pilot_contact_type_id: '1',
				pilot_business_type_id: '1',
				pilot_firstname: 'Ana',
				pilot_lastname: 'Garcia',
				pilot_email: 'ana.garcia@example.com',
				pilot_notes: 'Wants a test drive of a Seat Ibiza',
			});
			const [record] = recordsOf(result);
			assert.equal(record.success, true);
			assert.equal(typeof record.id, 'number');
			assert.ok(
				sims.pilot.sim.state.leads.some(
					(l) => String(l.id) === String(record.id) && l.pilot_email === 'ana.garcia@example.com',
				),
				'Pilot stored the lead',
			);
			console.log(
				`one call as the MCP client made it: callTool(${JSON.stringify({ name: TOOL.pilot, arguments: args })})\n  -> ${JSON.stringify(result)}`,
			);
		});

		it('CRM Data Platform Contact: Create sends an add-contact action and returns the contact ids', async () => {
			const before = logOf('dataPlatform').length;
			const result = await call(TOOL.dataPlatform, {
				firstName: 'Ana',
				lastName: 'Garcia',
				email: 'ana.garcia@example.com',
			});
			assert.ok(!result.isError, textOf(result));
			const sent = logOf('dataPlatform').slice(before);
			assert.equal(sent.length, 1);
			assert.equal(sent[0].method, 'POST');
			assert.equal(sent[0].body.data.length, 1);
			assert.deepEqual(sent[0].body.data[0], {
				actionType: 'add-contact',
				data: {
					name: 'Ana',
					lastname: 'Garcia',
					type: 0,
					emails: [{ type: 'Work', value: 'ana.garcia@example.com' }],
				},
			});
			const [record] = recordsOf(result);
			assert.equal(record.success, true);
			assert.equal(record.actionType, 'add-contact');
			assert.match(record.response.customerId, /\S/);
		});

		it('bad arguments come back as tool errors naming the input, and the CRM is not called', async () => {
			const counts = () => Object.fromEntries(Object.keys(sims).map((k) => [k, logOf(k).length]));
			const before = counts();
			// A missing required input: refused against the tool's schema.
			const missing = await call(TOOL.publitrac, {});
			assert.equal(missing.isError, true, textOf(missing));
			assert.match(textOf(missing), /\bemail\b/);
			// An invalid email: the node's own check, before any request.
			const invalid = await call(TOOL.pilot, {
				firstName: 'Ana',
				lastName: 'Garcia',
				email: 'ana.garcia-at-example.com',
				notes: 'x',
			});
			assert.equal(invalid.isError, true, textOf(invalid));
			assert.match(textOf(invalid), /email/i);
			assert.match(textOf(invalid), /ana\.garcia-at-example\.com/);
			assert.match(textOf(invalid), /not a valid email address/);
			const invalidLookup = await call(TOOL.publitrac, { email: 'nobody' });
			assert.equal(invalidLookup.isError, true);
			assert.match(textOf(invalidLookup), /email: "nobody" is not a valid email address/);
			assert.deepEqual(counts(), before, 'no CRM was called');
			// An unknown record: the CRM's own "not found", as a tool error.
			const unknown = await call(TOOL.publitrac, { email: 'nobody@example.com' });
			assert.equal(unknown.isError, true, textOf(unknown));
			assert.match(textOf(unknown), /nobody@example\.com/);
			assert.match(textOf(unknown), /not found/i);
			console.log(
				`tool errors an agent reads:\n${[missing, invalid, unknown].map((r) => `  ${textOf(r).replace(/\n+/g, ' ')}`).join('\n')}`,
			);
		});

		it('a CRM failure is a tool error the agent can read; the server keeps serving', async () => {
			// SML answers 503 to every try (n8n's call is tried 4 times for a read).
			await request('POST', `${sims.sml.url}/__sim/faults`, {
				headers: { 'content-type': 'application/json' },
				body: { path: '/api/lead/', kind: 'status', status: 503, times: 4 },
			});
			const failed = await call(TOOL.sml, { search: 'Marta' });
			assert.equal(failed.isError, true, textOf(failed));
			assert.match(textOf(failed), /503|unavailable/i);
			assert.match(textOf(failed), /SML/);
			// Same session, same server: the next call works.
			const again = await call(TOOL.sml, { search: 'Marta' });
			assert.ok(!again.isError, textOf(again));
			assert.equal(recordsOf(again)[0].client.name, 'Marta Ruiz');
			assert.equal(n8n.process.exitCode, null, 'n8n is running');
			console.log(`CRM failure as the agent reads it: ${textOf(failed).replace(/\n+/g, ' ')}`);
		});

		it('the SSE transport serves the same tools', async () => {
			const sse = new Client({ name: 'crm-leads-e2e-sse', version: '1.0.0' });
			const headers = { authorization: `Bearer ${MCP_TOKEN}` };
			// The SDK sends requestInit's headers with the event stream's GET and with every POST.
			await sse.connect(
				new SSEClientTransport(new URL(`${n8n.url}${mcpPath}`), { requestInit: { headers } }),
			);
			try {
				const listed = await sse.listTools();
				assert.deepEqual(listed.tools.map((t) => t.name).sort(), Object.values(TOOL).sort());
				const lead = sims.publitrac.sim.state.leads[0];
				const result = await call(TOOL.publitrac, { email: lead.email }, sse);
				assert.ok(!result.isError, textOf(result));
				assert.equal(recordsOf(result)[0].email, lead.email);
			} finally {
				await sse.close();
			}
		});

		it('measures one tool result with and without Simplify (printed, and in the README)', async () => {
			const simplified = await connect(`${n8n.url}/mcp/crm-leads-simplified`);
			try {
				const lead = sims.publitrac.sim.state.leads[1];
				const rows = [];
				for (const [label, name, args] of [
					['PUBLITRAC Lead: Get (1 lead)', TOOL.publitrac, { email: lead.email }],
					['SML Lead: Get Many (5 leads)', TOOL.sml, { search: 'Seed' }],
					[
						'Econtract Client: Search (1 client)',
						TOOL.econtract,
						{ query: sims.econtract.sim.state.clients[0].email },
					],
				]) {
					const plain = await call(name, args);
					const simple = await call(name, args, simplified);
					assert.ok(!plain.isError && !simple.isError, `${textOf(plain)} ${textOf(simple)}`);
					const [p, s] = [recordsOf(plain), recordsOf(simple)];
					assert.equal(s.length, p.length);
					// Simplify: the common lead shape, at most ten fields, each record's id and email
					// as the CRM gave them; no copy of the record (that is what Simplify off gives).
					const KEYS = [
						'id',
						'firstName',
						'lastName',
						'email',
						'phone',
						'mobile',
						'company',
						'postalCode',
						'city',
						'country',
					];
					assert.ok(
						s.every((r) => JSON.stringify(Object.keys(r)) === JSON.stringify(KEYS)),
						JSON.stringify(s[0]),
					);
					assert.deepEqual(
						s.map((r) => r.id),
						p.map((r) => String(r.id)),
					);
					assert.deepEqual(
						s.map((r) => r.email),
						p.map((r) =>
							String(
								(r.client && typeof r.client === 'object' ? r.client.email : r.email) ?? '',
							).trim(),
						),
					);
					rows.push({ label, without: bytes(plain), with: bytes(simple) });
				}
				console.log(
					`tool result sizes (bytes of the MCP result as the client received it):\n${rows.map((r) => `  ${r.label}: without Simplify ${r.without}, with Simplify ${r.with}`).join('\n')}`,
				);
				// Simplify keeps only the common fields: it makes a result smaller.
				for (const r of rows)
					assert.ok(r.with < r.without, `${r.label}: ${r.with} vs ${r.without}`);
			} finally {
				await simplified.close();
			}
		});

		it('no secret of the credentials is in any tool result, error or success', () => {
			assert.ok(results.length >= 12, `${results.length} results`);
			// SML's session token too, as SML gave it to n8n at login.
			const tokens = sims.sml.sim.log
				.filter((r) => r.path === '/api/auth/login/' && r.status === 200)
				.map((r) => r.response?.token);
			assert.ok(
				tokens.length >= 1 && tokens.every(Boolean),
				'SML logins seen, each with its token',
			);
			for (const secret of [...secrets, ...tokens].filter(
				(s) => typeof s === 'string' && s.length >= 6,
			)) {
				for (const { name, result } of results)
					assert.ok(
						!JSON.stringify(result).includes(secret),
						`${name}: a result holds a credential secret`,
					);
			}
		});
	},
);
