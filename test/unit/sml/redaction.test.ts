// SML secrets (password and the login token) never reach an error or an output item,
// through every error path, with the simulator echoing the request in its error page.
import { runSml, smlSimulator, credentialsFor, SML_USERNAME } from './setup';
import type { SmlSim } from './setup';
import type { RunResult } from '../../helpers/context';
import SECRETS from '../../fixtures/secrets.json';

let sim: SmlSim;
beforeAll(async () => {
	sim = smlSimulator({ password: 'sml-Sécret pass&=+/42' });
	await sim.start(0);
});
afterAll(async () => sim.stop());
beforeEach(() => sim.reset());

const secret = 'sml-Sécret pass&=+/42';
const forms = (s: string) => [
	s,
	encodeURIComponent(s),
	encodeURIComponent(s).replace(/%20/g, '+'),
	JSON.stringify(s).slice(1, -1),
];
function expectNoSecret(result: RunResult, value: string) {
	const seen = JSON.stringify({
		m: result.error?.message,
		d: (result.error as { description?: unknown } | undefined)?.description,
		c: (result.error as { context?: unknown } | undefined)?.context,
		o: result.output,
	});
	for (const f of forms(value)) expect(seen).not.toContain(f);
}

describe('redaction: SML password and token', () => {
	const run = (continueOnFail = false, token = '') =>
		runSml(
			sim,
			{ resource: 'lead', operation: 'get', id_lead: 1, requestOptions: { maxRetries: 0 } },
			{
				credentials: {
					smlApi: credentialsFor(sim, { password: secret, username: SML_USERNAME, token }),
				},
				continueOnFail,
			},
		);

	it('both are sent to SML (so the checks below are not vacuous)', async () => {
		await run();
		expect(sim.log[0].body).toMatchObject({ password: secret });
		expect(sim.log[1].headers.authorization).toBe(`Token ${sim.state.tokens[0].token}`);
	});

	it.each([
		['an error page that repeats the request', { kind: 'status', status: 500, echo: true }],
		[
			'a 200 answer that is not JSON and repeats the request',
			{ kind: 'status', status: 200, echo: true },
		],
	])('are removed from the error of %s on the API call', async (_name, fault) => {
		for (const continueOnFail of [false, true]) {
			sim.reset();
			const token = SECRETS.smlEchoedInErrorToken;
			sim.state.tokens.push({ token, username: SML_USERNAME });
			sim.addFault({ ...fault, path: '/api/lead/' });
			sim.log.length = 0;
			const result = await run(continueOnFail, token);
			expectNoSecret(result, token);
			expectNoSecret(result, secret);
		}
	});

	it('is not in the error of a login page that repeats the password (the page is not quoted)', async () => {
		sim.addFault({ kind: 'status', status: 500, echo: true, path: '/api/auth/login/' });
		const result = await run();
		expect(result.error!.message).toBe(
			'SML: the login answer holds no token (login refused, HTTP 500: check the Username and Password)',
		);
		expectNoSecret(result, secret);
	});

	it('is removed from output items that echo the token', async () => {
		const token = SECRETS.smlEchoedInBodyToken;
		sim.state.tokens.push({ token, username: SML_USERNAME });
		sim.addFault({
			kind: 'status',
			status: 200,
			path: '/api/lead/',
			body: JSON.stringify({ id: 1, note: `token ${token}` }),
		});
		const result = await run(false, token);
		expect(result.output[0].json.note).toBe('token [redacted]');
		expectNoSecret(result, token);
	});
});
