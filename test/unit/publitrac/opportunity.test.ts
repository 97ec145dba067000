// The opportunity write method: opportunity:sync (syncOpportunity).
import { apiCalls, expectAuth, usePublitracWithLeads, run, sentQuery } from './setup';

const { sim } = usePublitracWithLeads();

describe('PUBLITRAC opportunity:sync (syncOpportunity)', () => {
	const opp = (
		more: Record<string, unknown> = {},
		additionalFields: Record<string, unknown> = {},
	) => ({
		resource: 'opportunity',
		operation: 'sync',
		id: '1234abc',
		name: 'PUBLITRAC',
		salesStage: 'Closed Won',
		amount: 9000,
		probability: 100,
		leads: '456zxy, 789abc',
		additionalFields: {
			dateClosed: '2010-10-10T12:00:00.000Z',
			accountName: 'PUBLITRAC',
			description: 'Marketing & <Automation>',
			...additionalFields,
		},
		...more,
	});

	it('POSTs the opportunity XML in the doc order; 5002 is success; sent again it updates', async () => {
		const { output, error } = await run(sim, opp());
		expect(error).toBeUndefined();
		const [call] = apiCalls(sim);
		expect(call.method).toBe('POST');
		expectAuth(call, 'syncOpportunity');
		const o = sentQuery(call).request.opportunity;
		expect(Object.keys(o)).toEqual([
			'id',
			'name',
			'description',
			'accountName',
			'salesStage',
			'amount',
			'dateClosed',
			'probability',
			'leads',
		]);
		expect(o).toMatchObject({
			id: '1234abc',
			description: 'Marketing & <Automation>',
			dateClosed: '2010-10-10',
			amount: '9000',
			leads: { leadId: ['456zxy', '789abc'] },
		});
		expect(output[0].json).toEqual({
			success: true,
			status: '5002',
			message: 'Opportunity synchronized.',
			id: '1234abc',
		});
		await run(sim, opp({ name: 'Renamed' }));
		expect(sim.state.opportunities).toHaveLength(1);
		expect(sim.state.opportunities[0].Name).toBe('Renamed');
	});

	it.each([
		[
			'a closed stage without Date Closed',
			opp({}, { dateClosed: '' }),
			'dateClosed: is required when the sales stage is Closed Won',
		],
		[
			'a probability over 100',
			opp({ probability: 120 }),
			'probability: "120" must be a whole number from 1 to 100',
		],
		['an amount that is not whole', opp({ amount: 12.5 }), 'amount: "12.5" is not a whole number'],
		['no lead', opp({ leads: ' ' }), 'leads: at least one lead ID is required'],
	])('refuses %s before any call', async (_name, params, message) => {
		const { error } = await run(sim, params);
		expect(error?.message).toContain(message);
		expect(apiCalls(sim)).toHaveLength(0);
	});
});
