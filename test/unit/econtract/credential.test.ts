// Econtract's credential test: what n8n's credential dialog says for a right and a wrong secret.
// The test is the nodes' econtractApiTest (testedBy), sent by the package's transport.
import { EcontractApi } from '../../../credentials/EcontractApi.credentials';
import { Econtract } from '../../../nodes/Econtract/Econtract.node';
import { EcontractTrigger } from '../../../nodes/Econtract/EcontractTrigger.node';
import { econtractApiTest } from '../../../nodes/Econtract/methods/credentialTest';
import { credentialVerdict } from '../../helpers/credentialTest';
import { CRM_API_ID, CRM_API_KEY, useSimulator } from './setup';

const sim = useSimulator();
const credential = new EcontractApi();

const REFUSED =
	'Econtract refused the CRM API ID or the CRM API Key (HTTP 401: "Unauthorized: invalid CRM API credentials"). Check the CRM API ID and the CRM API Key.';

/** n8n's Test button for these credential data. */
const dialog = async (overrides: Record<string, string> = {}) =>
	await credentialVerdict(econtractApiTest, 'econtractApi', {
		baseUrl: `${sim().url}/`,
		crmApiId: CRM_API_ID,
		crmApiKey: CRM_API_KEY,
		...overrides,
	});

describe('Econtract credential', () => {
	it('is tested by the function both Econtract nodes name (testedBy), the credential having no declarative test of its own (it would win)', () => {
		for (const node of [new Econtract(), new EcontractTrigger()]) {
			expect(node.description.credentials).toEqual([
				{ name: 'econtractApi', required: true, testedBy: 'econtractApiTest' },
			]);
			expect(node.methods.credentialTest.econtractApiTest).toBe(econtractApiTest);
		}
		expect('test' in credential).toBe(false);
	});

	it('tests with a side-effect-free GET /api/usages, ID and key in the query: "Connection successful!"', async () => {
		expect(await dialog()).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sim().log.map((r) => [r.method, r.path])).toEqual([['GET', '/api/usages']]);
		expect(sim().log[0].query).toEqual({
			producttype: 'electricity',
			segment: '1',
			crm_api_id: CRM_API_ID,
			crm_api_key: CRM_API_KEY,
		});
	});

	it.each([['crmApiId'], ['crmApiKey']])(
		"a wrong %s: Econtract's own words and both fields to check, no secret",
		async (field) => {
			const verdict = await dialog({ [field]: 'Wrong-Value-77' });
			expect(verdict).toEqual({ status: 'Error', message: REFUSED });
			for (const secret of ['Wrong-Value-77', CRM_API_KEY])
				expect(verdict.message).not.toContain(secret);
		},
	);

	it('a server page that echoes the request: quoted with the key redacted', async () => {
		sim().addFault({ kind: 'status', status: 500, echo: true, times: 5 });
		const verdict = await dialog();
		expect(verdict.status).toBe('Error');
		expect(verdict.message).toMatch(
			/^Econtract answered HTTP 500: ".*\[redacted\].*"\. Check the Base URL/,
		);
		expect(verdict.message).not.toContain(CRM_API_KEY);
	});

	it('a Base URL without the API, or not http(s): says to check the Base URL', async () => {
		const missing = await dialog({ baseUrl: `${sim().url}/nothing-here` });
		expect(missing.status).toBe('Error');
		expect(missing.message).toMatch(
			/^No Econtract API at this Base URL \(HTTP 404.*\)\. Check the Base URL \(by default https:\/\/crm\.econtract\.be\)\.$/,
		);
		expect(await dialog({ baseUrl: 'crm.econtract.be' })).toEqual({
			status: 'Error',
			message:
				'The Base URL must start with http:// or https://. Check the Base URL (by default https://crm.econtract.be).',
		});
	});

	it('adds the ID and key to a URLSearchParams body on POST, not to the query', async () => {
		const body = new URLSearchParams({ a: '1' });
		const options = await credential.authenticate(
			{ crmApiId: 'i', crmApiKey: 'k' },
			{ method: 'POST', url: 'http://x/api/leads', body },
		);
		expect((options.body as URLSearchParams).toString()).toBe('a=1&crm_api_id=i&crm_api_key=k');
		expect(options.qs).toBeUndefined();
	});
});
