// PUBLITRAC's credential test: what n8n's credential dialog says for a right and a wrong secret.
// The test is the nodes' publitracApiTest (testedBy), sent by the package's transport.
import { Publitrac } from '../../../nodes/Publitrac/Publitrac.node';
import { PublitracTrigger } from '../../../nodes/Publitrac/PublitracTrigger.node';
import { PublitracApi } from '../../../credentials/PublitracApi.credentials';
import { publitracApiTest } from '../../../nodes/Publitrac/methods/credentialTest';
import { resetRateLimiters } from '../../../nodes/shared/rateLimiter';
import { credentialVerdict } from '../../helpers/credentialTest';
import { CREDS, apiCalls, run, startSim } from './setup';
import type { PublitracSim } from './setup';

let sim: PublitracSim;
beforeAll(async () => {
	sim = await startSim();
});
afterAll(async () => sim.stop());
beforeEach(() => {
	sim.reset();
	resetRateLimiters();
});

const LOGIN_REFUSED =
	'PUBLITRAC refused the login (HTTP 401: "Authentication failed: invalid apikey, username or password."). Check the API Key (Configuration > Account Information in PUBLITRAC), the Username and the Password of the PUBLITRAC user.';

/** n8n's Test button for these credential data. */
const dialog = async (overrides: Record<string, string> = {}) =>
	await credentialVerdict(publitracApiTest, 'publitracApi', {
		...CREDS,
		baseUrl: `${sim.url}/api`,
		...overrides,
	});

describe('publitracApi credential test', () => {
	it('is the function both PUBLITRAC nodes name (testedBy), the credential having no declarative test of its own (it would win)', () => {
		for (const node of [new Publitrac(), new PublitracTrigger()]) {
			expect(node.description.credentials).toEqual([
				{ name: 'publitracApi', required: true, testedBy: 'publitracApiTest' },
			]);
			expect(node.methods.credentialTest.publitracApiTest).toBe(publitracApiTest);
		}
		expect('test' in new PublitracApi()).toBe(false);
	});

	it('right API key, username and password: "Connection successful!", with one side-effect-free read', async () => {
		expect(await dialog()).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(apiCalls(sim).map((c) => [c.method, c.query.method, c.query.page])).toEqual([
			['GET', 'getCampaigns', '1'],
		]);
		expect(apiCalls(sim)[0].query).toMatchObject({
			apikey: CREDS.apiKey,
			apiKey: CREDS.apiKey,
			username: CREDS.username,
			password: CREDS.password,
		});
	});

	it.each([['apiKey'], ['username'], ['password']])(
		"a wrong %s: PUBLITRAC's own words and the three fields to check, no secret",
		async (field) => {
			const verdict = await dialog({ [field]: 'Wrong-Value-77' });
			expect(verdict).toEqual({ status: 'Error', message: LOGIN_REFUSED });
			for (const secret of ['Wrong-Value-77', CREDS.apiKey, CREDS.password])
				expect(verdict.message).not.toContain(secret);
		},
	);

	it('a server page that echoes the request: quoted with every secret redacted', async () => {
		sim.addFault({ kind: 'status', status: 500, echo: true, times: 5 });
		const verdict = await dialog();
		expect(verdict.status).toBe('Error');
		expect(verdict.message).toMatch(
			/^PUBLITRAC answered HTTP 500: ".*\[redacted\].*"\. Check the Base URL/,
		);
		for (const secret of [CREDS.apiKey, CREDS.password])
			expect(verdict.message).not.toContain(secret);
	});

	it('a Base URL without the API: says to check the Base URL', async () => {
		const verdict = await dialog({ baseUrl: `${sim.url}/nothing-here` });
		expect(verdict.status).toBe('Error');
		expect(verdict.message).toMatch(
			/^No PUBLITRAC API at this Base URL \(HTTP 404.*\)\. Check the Base URL \(by default https:\/\/app\.publitrac\.com\/api\)\.$/,
		);
	});

	it('a Base URL that is not http(s), and a server that cannot be reached: said in words, nothing secret', async () => {
		expect(await dialog({ baseUrl: 'app.publitrac.com/api' })).toEqual({
			status: 'Error',
			message:
				'The Base URL must start with http:// or https://. Check the Base URL (by default https://app.publitrac.com/api).',
		});
		const unreachable = await dialog({ baseUrl: 'http://127.0.0.1:9/api' });
		expect(unreachable.status).toBe('Error');
		expect(unreachable.message).toMatch(/connection failed \(connection refused\)/);
		for (const secret of [CREDS.apiKey, CREDS.password])
			expect(unreachable.message).not.toContain(secret);
	});
});

describe('PUBLITRAC credential', () => {
	it('the credential test (getCampaigns page 1) sends the credentials and passes; a wrong password gets 401', async () => {
		const verdict = (password: string) =>
			credentialVerdict(publitracApiTest, 'publitracApi', {
				...CREDS,
				password,
				baseUrl: `${sim.url}/api`,
			});
		expect(await verdict(CREDS.password)).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(apiCalls(sim)[0].query).toMatchObject({
			method: 'getCampaigns',
			page: '1',
			apikey: CREDS.apiKey,
			username: CREDS.username,
			password: CREDS.password,
		});
		expect(await verdict('Wrong-pass')).toMatchObject({
			status: 'Error',
			message: expect.stringContaining('(HTTP 401'),
		});
		expect(apiCalls(sim)[1].status).toBe(401);
	});

	it('a read is resent after a 502 (reads are idempotent)', async () => {
		sim.seedLeads(1)[0].email = 'r@acme.com';
		sim.addFault({ kind: 'status', status: 502 });
		const { output, error } = await run(sim, {
			resource: 'lead',
			operation: 'get',
			email: 'r@acme.com',
			requestOptions: { maxRetries: 2 },
		});
		expect(error).toBeUndefined();
		expect(output[0].json.email).toBe('r@acme.com');
		expect(apiCalls(sim)).toHaveLength(2);
	});

	it('a wrong password is refused by the API (HTTP 401) and never shown', async () => {
		const { error } = await run(
			sim,
			{ resource: 'lead', operation: 'get', email: 'a@acme.com' },
			{
				credentials: {
					publitracApi: { ...CREDS, password: 'Wrong-pass-99', baseUrl: `${sim.url}/api` },
				},
			},
		);
		expect(error?.message).toContain('HTTP 401');
		expect(error?.message).not.toContain('Wrong-pass-99');
	});
});
