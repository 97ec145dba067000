// The listener URL is the platform's only protection (doc 2.1 step 3): neither the URL,
// nor its path, nor its query may appear in any error, description or output item.
import type { RunResult } from '../../helpers/context';
import type { Simulator } from '../../helpers/sims';
import { dataPlatformSimulator, LISTENER_PATH, LISTENER_SECRET, posts, run } from './setup';

let sim: Simulator;
beforeAll(async () => {
	sim = await dataPlatformSimulator().start(0);
});
afterAll(async () => sim.stop());
beforeEach(() => sim.reset());

function forms(secret: string): string[] {
	return [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)];
}

function expectNoSecret(result: RunResult, secrets: string[]) {
	const seen = JSON.stringify({
		message: result.error?.message,
		description: (result.error as { description?: string } | undefined)?.description,
		context: (result.error as { context?: unknown } | undefined)?.context,
		output: result.output,
	});
	for (const secret of secrets) for (const form of forms(secret)) expect(seen).not.toContain(form);
}

describe('redaction: Data Platform listenerUrl', () => {
	const QUERY_SECRET = 'qtok-93bd7e1f0a';
	const contact = {
		resource: 'contact',
		operation: 'create',
		name: 'A',
		type: 0,
		additionalFields: {},
		requestOptions: { maxRetries: 0, timeout: 1 },
	};
	const url = () => `${sim.url}${LISTENER_PATH}?token=${QUERY_SECRET}`;
	const secrets = () => [url(), LISTENER_PATH, LISTENER_SECRET, QUERY_SECRET];
	const go = (continueOnFail: boolean, listenerUrl = url()) =>
		run(sim, contact, { continueOnFail, credential: { listenerUrl } });

	it('is the URL the node posts to (so the checks below are not vacuous)', async () => {
		const result = await go(false);
		expect(result.error).toBeUndefined();
		expect(posts(sim)).toHaveLength(1);
		expect(posts(sim)[0].query).toEqual({ token: QUERY_SECRET });
	});

	type Fault = { kind: string; status?: number; echo?: boolean; body?: string };
	it.each<[string, Fault]>([
		['a 5xx page that echoes the request', { kind: 'status', status: 500, echo: true }],
		['a 200 page that echoes the request', { kind: 'status', status: 200, echo: true }],
		['a vendor error quoting the URL', { kind: 'status', status: 400, body: 'JSON' }],
		['a per-action refusal quoting the path', { kind: 'status', status: 200, body: 'ACTION' }],
		['a timeout', { kind: 'timeout' }],
		['a connection reset', { kind: 'reset' }],
	])('is removed from what the user sees after %s', async (_name, fault) => {
		for (const continueOnFail of [false, true]) {
			const body =
				fault.body === 'JSON'
					? JSON.stringify({
							success: false,
							message: `listener ${url()} (${LISTENER_PATH}, token ${QUERY_SECRET}) is disabled`,
						})
					: fault.body === 'ACTION'
						? JSON.stringify({
								success: true,
								data: [
									{
										success: false,
										message: `no such listener ${LISTENER_PATH}?token=${QUERY_SECRET}`,
									},
								],
							})
						: undefined;
			sim.addFault({ ...fault, ...(body ? { body } : {}) });
			const result = await go(continueOnFail);
			const seen = continueOnFail
				? JSON.stringify(result.output[0].json)
				: `${result.error?.message}`;
			if (fault.kind === 'status' && fault.status !== 200) expect(seen).toContain('[redacted]');
			if (fault.body === 'ACTION') expect(seen).toContain('[redacted]');
			expectNoSecret(result, secrets());
		}
	});

	it('is removed from the error of a listener that cannot be reached', async () => {
		const unreachable = `http://127.0.0.1:9${LISTENER_PATH}?token=${QUERY_SECRET}`;
		for (const continueOnFail of [false, true]) {
			const result = await go(continueOnFail, unreachable);
			const seen = continueOnFail
				? String(result.output[0].json.error)
				: String(result.error?.message);
			expect(seen).toContain('connection failed');
			expectNoSecret(result, [unreachable, LISTENER_PATH, LISTENER_SECRET, QUERY_SECRET]);
		}
	});

	it('is not shown when it is not a URL at all', async () => {
		const result = await go(false, `listener.example.com${LISTENER_PATH}`);
		expect(result.error?.message).toBe(
			"CRM Data Platform: the credential's Listener URL is not a URL; copy it from Settings > Other settings > Webhook > Listener",
		);
		expectNoSecret(result, [LISTENER_PATH, LISTENER_SECRET]);
		expect(posts(sim)).toHaveLength(0);
	});

	it('is removed from output items that echo it', async () => {
		sim.addFault({
			kind: 'status',
			status: 200,
			body: JSON.stringify({
				success: true,
				data: [{ success: true, message: `stored via ${url()}` }],
			}),
		});
		const result = await go(false);
		expect(result.output[0].json.response).toEqual({
			success: true,
			message: 'stored via [redacted]',
		});
		expectNoSecret(result, secrets());
	});
});

describe("redaction: the listener URL's query values are not secrets of the output", () => {
	// Issue 15, "output data is never silently changed": a listener URL with ?account=1001 turned
	// every 1001 of the platform's answer into [redacted]. The URL is the secret (its random path
	// protects it); its account number in the answer is data. In errors it stays hidden.
	const contact = {
		resource: 'contact',
		operation: 'create',
		name: 'A',
		type: 0,
		additionalFields: {},
		requestOptions: { maxRetries: 0, timeout: 1 },
	};
	const url = () => `${sim.url}${LISTENER_PATH}?account=1001`;

	it('an answer carrying the id 1001 reaches the output unchanged', async () => {
		sim.addFault({
			kind: 'status',
			status: 200,
			body: JSON.stringify({
				success: true,
				data: [{ success: true, id: '1001', account: 1001, message: 'contact 1001 stored' }],
			}),
		});
		const result = await run(sim, contact, { credential: { listenerUrl: url() } });
		expect(result.error).toBeUndefined();
		expect(result.output[0].json.response).toEqual({
			success: true,
			id: '1001',
			account: 1001,
			message: 'contact 1001 stored',
		});
	});

	it('the URL itself is still hidden when the answer echoes it, and the account in an error', async () => {
		sim.addFault({
			kind: 'status',
			status: 200,
			body: JSON.stringify({
				success: true,
				data: [{ success: true, id: '1001', message: `stored via ${url()}` }],
			}),
		});
		const echoed = await run(sim, contact, { credential: { listenerUrl: url() } });
		expect(echoed.output[0].json.response).toEqual({
			success: true,
			id: '1001',
			message: 'stored via [redacted]',
		});
		sim.addFault({ kind: 'status', status: 500, echo: true });
		const failed = await run(sim, contact, { credential: { listenerUrl: url() } });
		expect(failed.error?.message).toContain('[redacted]');
		expect(failed.error?.message).not.toContain('account=1001');
		expectNoSecret(failed, [url(), LISTENER_PATH, LISTENER_SECRET]);
	});
});
