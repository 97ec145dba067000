// The campaign write methods: campaign:execute (executeCampaign) and campaign:sendEmail
// (addEmailCampaign).
import type { IDataObject } from 'n8n-workflow';
import { Publitrac } from '../../../nodes/Publitrac/Publitrac.node';
import { apiCalls, expectAuth, usePublitracWithLeads, run, sentQuery, sentXml } from './setup';

const { sim, emails } = usePublitracWithLeads();

describe('PUBLITRAC campaign:execute (executeCampaign)', () => {
	it('POSTs many leads and many campaigns in one call; 1100 is success', async () => {
		const { output, error } = await run(sim, {
			resource: 'campaign',
			operation: 'execute',
			emails: emails.slice(0, 2).join(','),
			campaigns: 'Trade Show May\nAdCenter - Drip Marketing',
		});
		expect(error).toBeUndefined();
		expectAuth(apiCalls(sim)[0], 'executeCampaign');
		expect(sentQuery(apiCalls(sim)[0]).request).toEqual({
			leads: { lead: [{ email: emails[0] }, { email: emails[1] }] },
			campaigns: { campaign: [{ name: 'Trade Show May' }, { name: 'AdCenter - Drip Marketing' }] },
		});
		expect(output[0].json).toMatchObject({
			success: true,
			status: '1100',
			message: 'Execute campaigns on leads success.',
		});
		expect(sim.state.executions).toHaveLength(4);
	});
});

describe('PUBLITRAC campaign:sendEmail (addEmailCampaign)', () => {
	const params = (leads: IDataObject[] | string[]): IDataObject => ({
		resource: 'campaign',
		operation: 'sendEmail',
		name: 'Promotion January 2014',
		fromName: 'PUBLITRAC',
		fromEmail: 'no-reply@publipage.com',
		subject: 'January Promotion',
		message: {
			html: '<html><body>Hello <strong>{{FirstName;Default=}}</strong></body></html>',
			text: 'Hello {{FirstName;Default=}}.',
		},
		leads,
		options: {},
	});

	it('POSTs the information, email and leads XML of the doc', async () => {
		const { output, error } = await run(
			sim,
			params([
				{ email: 'jsmith@acme.com', firstName: 'John', customFields: { GamePlayed: '121' } },
			]),
		);
		expect(error).toBeUndefined();
		const [call] = apiCalls(sim);
		expect(call.method).toBe('POST');
		expectAuth(call, 'addEmailCampaign');
		const q = sentQuery(call).request;
		expect(q.information).toEqual({ name: 'Promotion January 2014' });
		expect(q.email).toEqual({
			fromName: 'PUBLITRAC',
			fromEmail: 'no-reply@publipage.com',
			subject: 'January Promotion',
			message: {
				html: '<html><body>Hello <strong>{{FirstName;Default=}}</strong></body></html>',
				text: 'Hello {{FirstName;Default=}}.',
			},
			options: { sendAsSalesRep: 'false' },
		});
		expect(q.leads.lead).toEqual({
			email: 'jsmith@acme.com',
			firstName: 'John',
			customFields: { GamePlayed: '121' },
		});
		expect(sentXml(call)).toContain('<html><![CDATA[<html><body>');
		expect(output[0].json).toEqual({
			success: true,
			name: 'Promotion January 2014',
			leads: 1,
			calls: 1,
			answers: [{ status: '2001', message: 'Lead emails synchronization successfull.', leads: 1 }],
		});
	});

	it('splits 120 leads into calls of 50, 50 and 20', async () => {
		const leads = Array.from({ length: 120 }, (_, i) => `l${i}@acme.com`);
		const { output, error } = await run(sim, params(leads));
		expect(error).toBeUndefined();
		expect(apiCalls(sim).map((c) => [].concat(sentQuery(c).request.leads.lead).length)).toEqual([
			50, 50, 20,
		]);
		expect(
			apiCalls(sim).flatMap((c) =>
				[].concat(sentQuery(c).request.leads.lead).map((l: { email: string }) => l.email),
			),
		).toEqual(leads);
		expect(output[0].json).toMatchObject({ leads: 120, calls: 3 });
	});

	it('when a later call fails, says which leads were already sent', async () => {
		const leads = Array.from({ length: 60 }, (_, i) => `m${i}@acme.com`);
		// A 500 for the second call: added when that call arrives (a hook runs before the faults
		// are looked up), not by a timer racing the first call's answer.
		sim.hooks.push(() => {
			if (apiCalls(sim).length === 2) sim.addFault({ kind: 'status', status: 500 });
		});
		const { error } = await run(sim, params(leads));
		expect(apiCalls(sim)).toHaveLength(2);
		expect(error?.message).toContain('HTTP 500');
		expect((error as { description?: string }).description).toContain(
			'Leads 1 to 50 were already sent in 1 call(s); leads 51 to 60 were not.',
		);
	});

	it('opens with empty Leads (no sample lead), refused naming the field before any call', async () => {
		const field = new Publitrac().description.properties.find(
			(p) => p.name === 'leads' && p.displayOptions?.show?.resource?.includes('campaign'),
		);
		expect(field?.default).toBe('[]');
		const { error } = await run(sim, { ...params([]), leads: field?.default });
		expect(error?.message).toMatch(/^Leads: at least one lead is required/);
		expect(apiCalls(sim)).toHaveLength(0);
	});

	it('refuses a campaign name of 50 characters or more and an invalid lead email, before any call', async () => {
		const long = await run(sim, { ...params(['a@acme.com']), name: 'n'.repeat(50) });
		expect(long.error?.message).toBe('name: has 50 characters. Expected fewer than 50');
		const bad = await run(sim, params([{ email: 'a@acme.com' }, { email: 'nope' }]));
		expect(bad.error?.message).toContain('leads[1]');
		expect(bad.error?.message).toContain('"nope" is not a valid email address');
		expect(apiCalls(sim)).toHaveLength(0);
	});
});
