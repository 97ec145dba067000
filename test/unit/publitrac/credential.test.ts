// PUBLITRAC's credential test: what n8n's credential dialog says for a right and a wrong secret.
import type { IHttpRequestOptions } from 'n8n-workflow';
import { PublitracApi } from '../../../credentials/PublitracApi.credentials';
import { sendHttp } from '../../helpers/context';
import { credentialVerdict } from '../../helpers/credentialVerdict';
import { CREDS, apiCalls, startSim } from './setup';
import type { PublitracSim } from './setup';

let sim: PublitracSim;
beforeAll(async () => {
	sim = await startSim();
});
afterAll(async () => sim.stop());
beforeEach(() => sim.reset());

const credential = new PublitracApi();

/** n8n's Test button: the test request, authenticated by the credential, then n8n's verdict. */
async function dialog(overrides: Partial<typeof CREDS> = {}, baseUrl = `${sim.url}/api`) {
	const request = credential.test.request;
	const options = await credential.authenticate(
		{ ...CREDS, baseUrl, ...overrides },
		{ ...request, baseURL: baseUrl, url: request.url!, qs: { ...(request.qs ?? {}) }, ignoreHttpStatusErrors: true, returnFullResponse: true } as IHttpRequestOptions,
	);
	return credentialVerdict(credential.test, await sendHttp(options));
}

describe('publitracApi credential test', () => {
	it('right API key, username and password: "Connection successful!", with one side-effect-free read', async () => {
		expect(await dialog()).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(apiCalls(sim).map((c) => c.query.method)).toEqual(['getCampaigns']);
	});

	it.each([['apiKey'], ['username'], ['password']])('a wrong %s: the dialog names the three fields to check', async (field) => {
		const verdict = await dialog({ [field]: 'wrong' });
		expect(verdict).toEqual({
			status: 'Error',
			message: 'PUBLITRAC refused the login (HTTP 401). Check the API Key (Configuration > Account Information in PUBLITRAC), the Username and the Password of the PUBLITRAC user.',
		});
		expect(verdict.message).not.toContain('wrong');
	});

	it('a Base URL without the API: says to check the Base URL', async () => {
		expect(await dialog({}, `${sim.url}/nothing-here`)).toEqual({ status: 'Error', message: 'No PUBLITRAC API at this Base URL (HTTP 404). Check the Base URL (by default https://app.publitrac.com/api).' });
	});

	it('without the rules the dialog said only "Unauthorized"', async () => {
		const bare = { request: credential.test.request };
		const request = bare.request;
		const options = await credential.authenticate(
			{ ...CREDS, apiKey: 'wrong', baseUrl: `${sim.url}/api` },
			{ ...request, baseURL: `${sim.url}/api`, url: '', qs: { ...(request.qs ?? {}) }, ignoreHttpStatusErrors: true, returnFullResponse: true } as IHttpRequestOptions,
		);
		expect(credentialVerdict(bare, await sendHttp(options))).toEqual({ status: 'Error', message: 'Unauthorized' });
	});
});
