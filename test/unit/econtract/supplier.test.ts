import { CRM_API_ID, CRM_API_KEY, noRetry, run, useSimulator } from './setup';

const sim = useSimulator();
const credentials = { crm_api_id: CRM_API_ID, crm_api_key: CRM_API_KEY };

describe('Econtract supplier:getRating', () => {
	it('GETs /api/suppliers/{id}/rating', async () => {
		const { output, error } = await run(sim(), {
			resource: 'supplier',
			operation: 'getRating',
			id: 10,
			requestOptions: noRetry,
		});
		expect(error).toBeUndefined();
		expect([sim().log[0].method, sim().log[0].path]).toEqual(['GET', '/api/suppliers/10/rating']);
		expect(sim().log[0].query).toEqual(credentials);
		expect(output[0].json).toEqual({ supplier_id: 10, rating: 8.4, reviews: 112 });
	});
});
