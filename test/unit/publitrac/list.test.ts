// The list write methods: list:addLeads (addLeadsToList) and list:removeLead (removeLeadFromList).
import { apiCalls, expectAuth, usePublitracWithLeads, run, sentQuery } from './setup';

const { sim, emails } = usePublitracWithLeads();

describe('PUBLITRAC list:addLeads (addLeadsToList)', () => {
	it('POSTs one list and many leads in one call; the list is created', async () => {
		const { output, error } = await run(sim, {
			resource: 'list',
			operation: 'addLeads',
			listName: 'maListe',
			emails: `${emails[0]}, ${emails[1]}\n${emails[2]}`,
		});
		expect(error).toBeUndefined();
		const [call] = apiCalls(sim);
		expect(call.method).toBe('POST');
		expectAuth(call, 'addLeadsToList');
		expect(sentQuery(call).request).toEqual({
			list: { name: 'maListe' },
			leads: { lead: emails.map((email) => ({ email })) },
		});
		expect(output[0].json).toEqual({
			success: true,
			status: '2009',
			message: 'Add leads to list success.',
			listName: 'maListe',
			emails,
		});
		expect(sim.state.lists.maListe.leadIds).toHaveLength(3);
	});

	it("gives 9013 with the vendor's lines for unknown leads (e.g. 9005 - (x) Leads not found.)", async () => {
		const { error } = await run(sim, {
			resource: 'list',
			operation: 'addLeads',
			listName: 'maListe',
			emails: ['someone1@gmail.com', 'someone2@gmail.com'],
		});
		expect(error?.message).toBe(
			'PUBLITRAC: 9013 ERROR_ADD_LEAD_TO_LIST (adding leads to the list failed): Add Leads To List failed. - 9005 - (someone1@gmail.com) Leads not found. - 9005 - (someone2@gmail.com) Leads not found.',
		);
	});

	it('refuses a list name of 50 characters or more, before any call', async () => {
		const { error } = await run(sim, {
			resource: 'list',
			operation: 'addLeads',
			listName: 'x'.repeat(50),
			emails: emails[0],
		});
		expect(error?.message).toBe('listName: has 50 characters. Expected fewer than 50');
		expect(apiCalls(sim)).toHaveLength(0);
	});
});

describe('PUBLITRAC list:removeLead (removeLeadFromList)', () => {
	it('POSTs the list and the lead; 2008 is success', async () => {
		sim.state.lists.maListe = { leadIds: [sim.state.leads[0].id] };
		const { output, error } = await run(sim, {
			resource: 'list',
			operation: 'removeLead',
			listName: 'maListe',
			email: emails[0],
		});
		expect(error).toBeUndefined();
		expectAuth(apiCalls(sim)[0], 'removeLeadFromList');
		expect(sentQuery(apiCalls(sim)[0]).request).toEqual({
			list: { name: 'maListe' },
			leads: { lead: { email: emails[0] } },
		});
		expect(output[0].json).toMatchObject({ success: true, status: '2008' });
		expect(sim.state.lists.maListe.leadIds).toEqual([]);
	});

	it('gives 9014 and the vendor line for an unknown list', async () => {
		const { error } = await run(sim, {
			resource: 'list',
			operation: 'removeLead',
			listName: 'Nope',
			email: emails[0],
		});
		expect(error?.message).toBe(
			'PUBLITRAC: 9014 ERROR_REMOVE_LEAD_FROM_LIST (removing the lead from the list failed): Remove lead from list failed. - 9009 - List does not exist.',
		);
	});
});
