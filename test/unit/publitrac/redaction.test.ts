// PUBLITRAC sends its api key, password (and, for transactions, the account token) in every
// URL: none may reach an error message, description or output item, whatever the error path.
import { PublitracApi } from '../../../credentials/PublitracApi.credentials';
import { resetRateLimiters } from '../../../nodes/shared/rateLimiter';
import { runNode } from '../../helpers/context';
import type { RunResult } from '../../helpers/context';
import { CREDS, apiCalls, node, startSim } from './setup';
import type { PublitracSim } from './setup';

let sim: PublitracSim;
beforeAll(async () => {
	sim = await startSim();
});
afterAll(async () => sim.stop());

const secrets = { apiKey: 'pt-Key Sécret&=+/42', password: 'pass Wörd&x=1/?', accountToken: 'acct Tok&en=9/+' };

function forms(secret: string): string[] {
	return [secret, encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, '+'), JSON.stringify(secret).slice(1, -1)];
}

function expectNoSecret(result: RunResult) {
	const seen = JSON.stringify({
		message: result.error?.message,
		description: (result.error as { description?: string } | undefined)?.description,
		context: (result.error as { context?: unknown } | undefined)?.context,
		output: result.output,
	});
	for (const secret of Object.values(secrets)) for (const form of forms(secret)) expect(seen).not.toContain(form);
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
const write = { resource: 'transaction', operation: 'create', email: 'a@acme.com', transaction: { id: '1', type: 'buying', total: '1', items: [{ id: '1', name: 'x', price: '1', quantity: '1' }] }, options: {} };

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
		['an error page that repeats the request (500)', read, { kind: 'status', status: 500, echo: true }],
		['a 200 answer that is not XML and repeats the request', read, { kind: 'status', status: 200, echo: true }],
		['an error page of a write that repeats the request and its token', write, { kind: 'status', status: 500, echo: true }],
		[
			'a 9xxx answer whose error lines quote the secrets',
			read,
			{ kind: 'status', status: 200, body: `<?xml version="1.0"?><response><status>9015</status><message>bad ${esc(secrets.apiKey)}</message><errors><error>password=${encodeURIComponent(secrets.password)} and ${esc(secrets.password)} refused</error></errors></response>` },
		],
		['a connection reset', read, { kind: 'reset' }],
	])('are removed from the error of %s', async (_name, params, fault) => {
		for (const continueOnFail of [false, true]) {
			sim.addFault(fault);
			const result = await run(params, continueOnFail);
			const message = String(continueOnFail ? result.output[0].json.error : result.error?.message);
			expect(message).toMatch(/^PUBLITRAC: /);
			if (fault.kind === 'status' && !('echo' in fault && fault.status === 200)) expect(message + String((result.error as { description?: string })?.description ?? '')).toMatch(/9015|HTTP 500/);
			expectNoSecret(result);
		}
	});

	it('are removed from output items that echo them', async () => {
		sim.addFault({ kind: 'status', status: 200, body: `<?xml version="1.0"?><response><leads><lead><id>1</id><notes>key ${esc(secrets.apiKey)} pw ${esc(secrets.password)}</notes></lead></leads><status>2002</status><message>ok</message></response>` });
		const result = await run(read);
		expect(result.output[0].json.notes).toBe('key [redacted] pw [redacted]');
		expectNoSecret(result);
	});
});
