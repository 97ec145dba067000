// PUBLITRAC sends its api key, password (and, for transactions, the account token) in every
// URL: none may reach an error message, description or output item, whatever the error path.
import { PublitracApi } from '../../../credentials/PublitracApi.credentials';
import { resetRateLimiters } from '../../../nodes/shared/rateLimiter';
import { runNode } from '../../helpers/context';
import type { RunResult } from '../../helpers/context';
import { leakedForms, rfc3986 } from '../secrets/forms';
import { CREDS, apiCalls, node, startSim } from './setup';
import type { PublitracSim } from './setup';
import { http } from '../../helpers/runtime';

let sim: PublitracSim;
beforeAll(async () => {
	sim = await startSim();
});
afterAll(async () => sim.stop());

const secrets = {
	apiKey: 'pt-Key Sécret&=+/42',
	password: 'pass Wörd&x=1/?',
	accountToken: 'acct Tok&en=9/+',
};

function forms(secret: string): string[] {
	return [
		secret,
		encodeURIComponent(secret),
		encodeURIComponent(secret).replace(/%20/g, '+'),
		JSON.stringify(secret).slice(1, -1),
	];
}

function expectNoSecret(result: RunResult) {
	const seen = JSON.stringify({
		message: result.error?.message,
		description: (result.error as { description?: string } | undefined)?.description,
		context: (result.error as { context?: unknown } | undefined)?.context,
		output: result.output,
	});
	for (const secret of Object.values(secrets))
		for (const form of forms(secret)) expect(seen).not.toContain(form);
}

const run = (parameters: Record<string, unknown>, continueOnFail = false) =>
	runNode(node, {
		parameters: { requestOptions: { maxRetries: 0 }, ...parameters },
		credentials: { publitracApi: { ...CREDS, ...secrets, baseUrl: `${sim.url}/api` } },
		credentialTypes: { publitracApi: new PublitracApi() },
		continueOnFail,
	});

const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;');

const read = { resource: 'lead', operation: 'get', email: 'a@acme.com' };
const write = {
	resource: 'transaction',
	operation: 'create',
	email: 'a@acme.com',
	transaction: {
		id: '1',
		type: 'buying',
		total: '1',
		items: [{ id: '1', name: 'x', price: '1', quantity: '1' }],
	},
	options: {},
};

describe('redaction: PUBLITRAC apiKey, password, accountToken', () => {
	beforeEach(() => {
		sim.reset();
		resetRateLimiters();
		Object.assign(sim.state.credentials, secrets);
		sim.seedLeads(1)[0].email = 'a@acme.com';
	});

	it('are sent to PUBLITRAC (so the checks below are not vacuous)', async () => {
		const result = await run(write);
		expect(result.error).toBeUndefined();
		const [call] = apiCalls(sim);
		expect(call.query).toMatchObject({ apikey: secrets.apiKey, password: secrets.password });
		expect((call.body as Record<string, string>).token).toBe(secrets.accountToken);
	});

	it.each([
		[
			'an error page that repeats the request (500)',
			read,
			{ kind: 'status', status: 500, echo: true },
		],
		[
			'a 200 answer that is not XML and repeats the request',
			read,
			{ kind: 'status', status: 200, echo: true },
		],
		[
			'an error page of a write that repeats the request and its token',
			write,
			{ kind: 'status', status: 500, echo: true },
		],
		[
			'a 9xxx answer whose error lines quote the secrets',
			read,
			{
				kind: 'status',
				status: 200,
				body: `<?xml version="1.0"?><response><status>9015</status><message>bad ${esc(secrets.apiKey)}</message><errors><error>password=${encodeURIComponent(secrets.password)} and ${esc(secrets.password)} refused</error></errors></response>`,
			},
		],
		['a connection reset', read, { kind: 'reset' }],
	])('are removed from the error of %s', async (_name, params, fault) => {
		for (const continueOnFail of [false, true]) {
			sim.addFault(fault);
			const result = await run(params, continueOnFail);
			const message = String(continueOnFail ? result.output[0].json.error : result.error?.message);
			expect(message).toMatch(/^PUBLITRAC: /);
			if (fault.kind === 'status' && !('echo' in fault && fault.status === 200))
				expect(
					message + String((result.error as { description?: string })?.description ?? ''),
				).toMatch(/9015|HTTP 500/);
			expectNoSecret(result);
		}
	});

	it('are removed from output items that echo them', async () => {
		sim.addFault({
			kind: 'status',
			status: 200,
			body: `<?xml version="1.0"?><response><leads><lead><id>1</id><notes>key ${esc(secrets.apiKey)} pw ${esc(secrets.password)}</notes></lead></leads><status>2002</status><message>ok</message></response>`,
		});
		const result = await run(read);
		expect(result.output[0].json.notes).toBe('key [redacted] pw [redacted]');
		expectNoSecret(result);
	});
});

// Issue 15, items 3 and 6 and "output data is never silently changed": the values of the issue,
// sent the way n8n writes a query string (qs, RFC 3986: `*` as %2A, `!` as %21; the test
// context writes it so too, see test/helpers/context.ts).
describe('redaction: PUBLITRAC secrets written as n8n writes them', () => {
	const issue = {
		apiKey: 'Key~With!Bang-2024',
		password: 'Summer*2024-Red',
		accountToken: "acct(Tok)'s*!~",
	};
	const values = Object.values(issue);
	const runWith = (
		secretValues: Record<string, string>,
		parameters: Record<string, unknown>,
		continueOnFail = false,
	) =>
		runNode(node, {
			parameters: { requestOptions: { maxRetries: 0 }, ...parameters },
			credentials: { publitracApi: { ...CREDS, ...secretValues, baseUrl: `${sim.url}/api` } },
			credentialTypes: { publitracApi: new PublitracApi() },
			continueOnFail,
		});
	const seenOf = (result: RunResult) =>
		JSON.stringify({
			message: result.error?.message,
			description: (result.error as { description?: string } | undefined)?.description,
			stack: result.error?.stack,
			output: result.output,
		});

	beforeEach(() => {
		sim.reset();
		resetRateLimiters();
		Object.assign(sim.state.credentials, issue);
		sim.seedLeads(1)[0].email = 'a@acme.com';
	});

	it('go out RFC 3986-encoded, as n8n sends them (so the checks below see the real wire form)', async () => {
		const lines: string[] = [];
		const server = http.createServer((req, res) => {
			lines.push(String(req.url));
			res.writeHead(500, { 'content-type': 'text/plain' });
			res.end('no');
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const port = (server.address() as { port: number }).port;
		try {
			await runNode(node, {
				parameters: { requestOptions: { maxRetries: 0 }, ...read },
				credentials: {
					publitracApi: { ...CREDS, ...issue, baseUrl: `http://127.0.0.1:${port}/api` },
				},
				credentialTypes: { publitracApi: new PublitracApi() },
			});
		} finally {
			await new Promise((resolve) => server.close(resolve));
		}
		expect(lines[0]).toContain('&password=Summer%2A2024-Red');
		expect(lines[0]).toContain('&apikey=Key~With%21Bang-2024&');
	});

	it.each([
		[
			'an error page that repeats the request line (500)',
			read,
			{ kind: 'status', status: 500, echo: true },
		],
		[
			'an error page that repeats the request and its headers (403)',
			read,
			{ kind: 'status', status: 403, echo: 'headers' },
		],
		[
			'a 200 page that is not XML and repeats the request',
			read,
			{ kind: 'status', status: 200, echo: true },
		],
		[
			'an error page of a write that repeats the request and its token',
			write,
			{ kind: 'status', status: 500, echo: true },
		],
		[
			'a page quoting them lower-case percent-encoded, JSON-escaped with \\/ and as entities',
			read,
			{
				kind: 'status',
				status: 502,
				body: `<html><body>${values.map((v) => `${rfc3986(v).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())} ${JSON.stringify({ v: `/${v}/` }).replace(/\//g, '\\/')} ${[...v].map((c) => `&#${c.charCodeAt(0)};`).join('')} ${[...v].map((c) => `&#x${c.charCodeAt(0).toString(16)};`).join('')}`).join(' | ')}</body></html>`,
			},
		],
	])('are removed from the error of %s', async (_name, params, fault) => {
		for (const continueOnFail of [false, true]) {
			sim.addFault(fault);
			const result = await runWith(issue, params, continueOnFail);
			const message = String(continueOnFail ? result.output[0].json.error : result.error?.message);
			expect(message).toMatch(/^PUBLITRAC: /);
			expect(message).toContain('[redacted]');
			expect(leakedForms(seenOf(result), values)).toEqual([]);
		}
	});

	it('an API key cut at the edge of the shortened error page shows no part of itself (redacted, then shortened)', async () => {
		// A 55-character key, as in the issue, starting 10 characters before the page text is cut (300).
		const apiKey = 'Key~With!Bang-2024-9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a';
		expect(apiKey).toHaveLength(55);
		Object.assign(sim.state.credentials, { apiKey });
		for (const form of [rfc3986(apiKey), apiKey]) {
			sim.addFault({
				kind: 'status',
				status: 500,
				body: `<html><body><p>${'x'.repeat(282)} apikey=${form} ${'y'.repeat(100)}</p></body></html>`,
			});
			const result = await runWith({ ...issue, apiKey }, read);
			const message = String(result.error?.message);
			expect(message).toMatch(
				/^PUBLITRAC: HTTP 500 - x+ apikey=\[redacted\]\.\.\. \(method getLead\)$/,
			);
			for (const prefix of [apiKey.slice(0, 6), rfc3986(apiKey).slice(0, 6)])
				expect(seenOf(result)).not.toContain(prefix);
		}
	});

	it('a lead whose phone contains the password (and whose postal code equals it) reaches the output unchanged', async () => {
		const weak = { ...issue, password: '1234' };
		Object.assign(sim.state.credentials, weak);
		const [lead] = sim.seedLeads(1);
		Object.assign(lead, {
			email: 'weak@acme.com',
			phone: '0612345678',
			postalCode: '1234',
			city: 'Code 1234',
		});
		const result = await runWith(weak, {
			resource: 'lead',
			operation: 'get',
			email: 'weak@acme.com',
		});
		expect(result.error).toBeUndefined();
		expect(result.output[0].json).toMatchObject({
			email: 'weak@acme.com',
			phone: '0612345678',
			postalCode: '1234',
			city: 'Code 1234',
		});
		expect(JSON.stringify(result.output)).not.toContain('[redacted]');
	});
});
