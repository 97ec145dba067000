import { CRM_API_ID, CRM_API_KEY, noRetry, run, useSimulator } from './setup';

const sim = useSimulator();
const credentials = { crm_api_id: CRM_API_ID, crm_api_key: CRM_API_KEY };

describe('Econtract usage:getDefaults', () => {
	it('refuses a Family Size outside 0 to 5 before any request, naming the field', async () => {
		const { error } = await run(sim(), {
			resource: 'usage',
			operation: 'getDefaults',
			producttype: 'electricity',
			segment: 1,
			additionalFields: { family_size: 7 },
			requestOptions: noRetry,
		});
		expect(error?.message).toBe(
			'Family Size (family_size): 7 is out of range. Expected a number of people from 0 to 5',
		);
		expect(sim().log).toHaveLength(0);
	});

	it('GETs /api/usages with every filter as the doc writes it', async () => {
		const { output, error } = await run(sim(), {
			resource: 'usage',
			operation: 'getDefaults',
			producttype: 'dualfuel_pack',
			segment: 1,
			additionalFields: {
				family_size: 4,
				residence_type: 3,
				home_size: 120,
				meter_type: 3,
				has_solar: false,
				roof_isolation: 1,
				wall_isolation: 0,
				glass: 'double',
				boiler: '>10',
				cv: '<10',
			},
			requestOptions: noRetry,
		});
		expect(error).toBeUndefined();
		const sent = sim().log[0];
		expect([sent.method, sent.path]).toEqual(['GET', '/api/usages']);
		expect(sent.query).toEqual({
			producttype: 'dualfuel_pack',
			segment: '1',
			family_size: '4',
			residence_type: '3',
			home_size: '120',
			meter_type: '3',
			has_solar: '0',
			roof_isolation: '1',
			wall_isolation: '0',
			glass: 'double',
			boiler: '>10',
			cv: '<10',
			...credentials,
		});
		expect(output[0].json).toMatchObject({
			producttype: 'dualfuel_pack',
			usage_day: 3000,
			usage_gas: 20500,
		});
	});

	it('refuses a segment that is not a whole number', async () => {
		const { error } = await run(sim(), {
			resource: 'usage',
			operation: 'getDefaults',
			producttype: 'gas',
			segment: 'x',
			additionalFields: {},
			requestOptions: noRetry,
		});
		expect(error?.message).toBe(
			`Market Segment (segment): must be a value from your CRM's parameters page (a whole number of 1 or more), not "x"`,
		);
		expect(sim().log).toHaveLength(0);
	});
});
