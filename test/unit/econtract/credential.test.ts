import type { IHttpRequestOptions } from 'n8n-workflow';
import { EcontractApi } from '../../../credentials/EcontractApi.credentials';
import { sendHttp } from '../../helpers/context';
import { credentialVerdict } from '../../helpers/credentialVerdict';
import { CRM_API_ID, CRM_API_KEY, useSimulator } from './setup';

const sim = useSimulator();
const credential = new EcontractApi();

// n8n's credential test: the test request, authenticated, relative to the base URL.
async function credentialTest(key: string) {
	const request = credential.test.request;
	const options = await credential.authenticate(
		{ baseUrl: `${sim().url}/`, crmApiId: CRM_API_ID, crmApiKey: key },
		{ ...request, baseURL: sim().url, url: request.url!, qs: { ...(request.qs ?? {}) }, ignoreHttpStatusErrors: true, returnFullResponse: true } as IHttpRequestOptions,
	);
	return await sendHttp(options);
}

describe('Econtract credential', () => {
	it('tests with a side-effect-free GET /api/usages, ID and key in the query', async () => {
		const response = await credentialTest(CRM_API_KEY);
		expect(response.statusCode).toBe(200);
		const sent = sim().log[0];
		expect([sent.method, sent.path]).toEqual(['GET', '/api/usages']);
		expect(sent.query).toEqual({ producttype: 'electricity', segment: '1', crm_api_id: CRM_API_ID, crm_api_key: CRM_API_KEY });
	});

	it('fails the test with a wrong key (401)', async () => {
		expect((await credentialTest('nope')).statusCode).toBe(401);
	});

	it('the dialog says "Connection successful!" for the right key, and names the CRM API ID and Key for a wrong one', async () => {
		expect(credentialVerdict(credential.test, await credentialTest(CRM_API_KEY))).toEqual({ status: 'OK', message: 'Connection successful!' });
		const verdict = credentialVerdict(credential.test, await credentialTest('nope'));
		expect(verdict).toEqual({
			status: 'Error',
			message:
				'Econtract refused the CRM API ID or the CRM API Key (HTTP 401: "if either one is incorrect, or not included, the operation will be aborted", says Econtract). Check both fields.',
		});
		// Without the rules, n8n shows only the HTTP reason.
		expect(credentialVerdict({ request: credential.test.request }, await credentialTest('nope'))).toEqual({ status: 'Error', message: 'Unauthorized' });
	});

	it('adds the ID and key to a URLSearchParams body on POST, not to the query', async () => {
		const body = new URLSearchParams({ a: '1' });
		const options = await credential.authenticate({ crmApiId: 'i', crmApiKey: 'k' }, { method: 'POST', url: 'http://x/api/leads', body });
		expect((options.body as URLSearchParams).toString()).toBe('a=1&crm_api_id=i&crm_api_key=k');
		expect(options.qs).toBeUndefined();
	});
});
