// The write methods other than leads: lists, history, campaigns, opportunities, transactions.
import type { IDataObject } from 'n8n-workflow';
import { resetRateLimiters } from '../../../nodes/shared/rateLimiter';
import { Publitrac } from '../../../nodes/Publitrac/Publitrac.node';
import {
	CREDS,
	apiCalls,
	credentialsFor,
	expectAuth,
	run,
	sentQuery,
	sentXml,
	startSim,
} from './setup';
import type { PublitracSim } from './setup';

let sim: PublitracSim;
let emails: string[];
beforeAll(async () => {
	sim = await startSim();
});
afterAll(async () => sim.stop());
beforeEach(() => {
	sim.reset();
	resetRateLimiters();
	emails = sim.seedLeads(3).map((l) => l.email);
});

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

describe('PUBLITRAC history:addWebVisit (addWebVisitHistory)', () => {
	it('POSTs the email in the query string and <webvisitleadhistory> as the XML query', async () => {
		const fields = {
			information: '/blog',
			context: 'Blog viewed',
			url: 'http://www.acme.com/blog?a=1&b=2',
			query: 'blog_post=abc',
			ip: '71.23.75.32',
			sessionId: 's1',
		};
		const { output, error } = await run(sim, {
			resource: 'history',
			operation: 'addWebVisit',
			email: emails[0],
			additionalFields: fields,
		});
		expect(error).toBeUndefined();
		const [call] = apiCalls(sim);
		expect(call.method).toBe('POST');
		expectAuth(call, 'addWebVisitHistory');
		expect(call.query.email).toBe(emails[0]);
		expect(sentQuery(call).request.webvisitleadhistory).toEqual(fields);
		expect(output[0].json).toEqual({
			success: true,
			status: '3002',
			message: 'Add web page history success.',
			email: emails[0],
		});
	});

	it('refuses an email of 50 characters or more (doc Remarques)', async () => {
		const { error } = await run(sim, {
			resource: 'history',
			operation: 'addWebVisit',
			email: `${'a'.repeat(40)}@acme.com.com`,
			additionalFields: {},
		});
		expect(error?.message).toContain('email: has 53 characters. Expected fewer than 50');
		expect(apiCalls(sim)).toHaveLength(0);
	});
});

describe('PUBLITRAC history:addClickLink (addClickLinkHistory)', () => {
	it('POSTs <clicklinkleadhistory>; 3003 is success', async () => {
		const { output } = await run(sim, {
			resource: 'history',
			operation: 'addClickLink',
			email: emails[1],
			additionalFields: { url: 'http://acme.com/x', referral: 'http://linkedin.com' },
		});
		expectAuth(apiCalls(sim)[0], 'addClickLinkHistory');
		expect(sentQuery(apiCalls(sim)[0]).request.clicklinkleadhistory).toEqual({
			url: 'http://acme.com/x',
			referral: 'http://linkedin.com',
		});
		expect(output[0].json).toMatchObject({ success: true, status: '3003' });
	});
});

describe('PUBLITRAC history:addFormFill (addFillFormHistory)', () => {
	it('POSTs <fillformleadhistory> in the doc order with the values as CDATA', async () => {
		const values = 'Firstname: Claude\nEmail: claude@sage.com ]]> <x>';
		const { output, error } = await run(sim, {
			resource: 'history',
			operation: 'addFormFill',
			email: emails[2],
			formName: 'Infolettre',
			additionalFields: { url: '/infolettre.php', values, information: 'Registration Form' },
		});
		expect(error).toBeUndefined();
		const xml = sentXml(apiCalls(sim)[0]);
		expect(xml).toContain('<![CDATA[Firstname: Claude');
		expect(xml.indexOf('<information>')).toBeLessThan(xml.indexOf('<formName>'));
		expect(sentQuery(apiCalls(sim)[0]).request.fillformleadhistory).toEqual({
			information: 'Registration Form',
			formName: 'Infolettre',
			url: '/infolettre.php',
			values,
		});
		expect(output[0].json).toMatchObject({ success: true, status: '3004' });
	});
});

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

describe('PUBLITRAC transaction:create (e-commerce)', () => {
	const transaction = {
		id: '1000',
		type: 'buying',
		total: '40',
		currency: 'EUR',
		items: [{ id: '9991', name: 'Bunnies', sku: 'DD23444', price: '10', quantity: '1' }],
	};

	it('POSTs transaction (JSON), the account token and the email as form fields', async () => {
		const { output, error } = await run(sim, {
			resource: 'transaction',
			operation: 'create',
			email: emails[0],
			transaction: JSON.stringify(transaction),
			options: {},
		});
		expect(error).toBeUndefined();
		const [call] = apiCalls(sim);
		expect(call.method).toBe('POST');
		expectAuth(call, 'addTransaction');
		const body = call.body as Record<string, string>;
		expect(body.token).toBe(CREDS.accountToken);
		expect(body.email).toBe(emails[0]);
		expect(JSON.parse(body.transaction)).toEqual({
			...transaction,
			token: CREDS.accountToken,
			email: emails[0],
		});
		expect(output[0].json).toMatchObject({ success: true, id: '1000', email: emails[0] });
		expect(sim.state.transactions).toHaveLength(1);
	});

	// The doc shows a saved transaction answered "200 OK"; the API's XML envelope with that status
	// is the same answer. Only the 9xxx family is an error (appendix "Codes d'erreurs").
	it.each([
		[
			'the XML envelope with <status>200</status>',
			'envelope200',
			{ status: '200', message: 'Transaction saved.' },
		],
		['the doc\'s plain "200 OK"', 'plain', { status: '200', message: 'OK' }],
		['the envelope with 2001', 'xml', { status: '2001', message: 'Transaction success.' }],
	])('a saved transaction answered with %s is success', async (_name, style, answer) => {
		sim.state.transactionAnswer = style;
		const { output, error } = await run(sim, {
			resource: 'transaction',
			operation: 'create',
			email: emails[0],
			transaction,
			options: {},
		});
		expect(error).toBeUndefined();
		expect(output[0].json).toEqual({ success: true, ...answer, id: '1000', email: emails[0] });
		expect(sim.state.transactions).toHaveLength(1);
		expect(apiCalls(sim)).toHaveLength(1);
	});

	it('a 9xxx status stays an error, with its meaning and the vendor line', async () => {
		sim.state.transactionAnswer = 'envelope200';
		const { error } = await run(sim, {
			resource: 'transaction',
			operation: 'create',
			email: 'nobody@acme.com',
			transaction,
			options: {},
		});
		expect(error?.message).toBe(
			'PUBLITRAC: 9005 ERROR_LEAD_DOES_NOT_EXISTS (the lead does not exist): Transaction failed. - 9005 - (nobody@acme.com) Lead not found.',
		);
		expect(sim.state.transactions).toHaveLength(0);
	});

	it('opens with an empty Transaction (no sample order), refused naming the field before any call', async () => {
		const field = new Publitrac().description.properties.find(
			(p) => p.name === 'transaction' && p.displayOptions?.show?.resource?.includes('transaction'),
		);
		expect(field?.default).toBe('{}');
		const { error } = await run(sim, {
			resource: 'transaction',
			operation: 'create',
			email: emails[0],
			transaction: field?.default,
			options: {},
		});
		expect(error?.message).toMatch(
			/^Transaction: is empty\. Expected the transaction as a JSON object/,
		);
		expect(apiCalls(sim)).toHaveLength(0);
	});

	it('refuses a transaction without items, and a credential without account token, before any call', async () => {
		const noItems = await run(sim, {
			resource: 'transaction',
			operation: 'create',
			email: emails[0],
			transaction: { ...transaction, items: [] },
			options: {},
		});
		expect(noItems.error?.message).toContain('transaction.items: must be a non-empty array');
		const noToken = await run(
			sim,
			{ resource: 'transaction', operation: 'create', email: emails[0], transaction, options: {} },
			{ credentials: credentialsFor(sim, { accountToken: '' }) },
		);
		expect(noToken.error?.message).toContain('Account Token');
		expect(apiCalls(sim)).toHaveLength(0);
	});
});

// The same rule for every method: a status outside the doc's 9xxx error family is the answer of
// a call PUBLITRAC carried out, never an error (here each write answered <status>200</status>).
describe('PUBLITRAC answers with a status the doc does not list', () => {
	const envelope = (status: string, message: string) =>
		`<?xml version="1.0" encoding="UTF-8"?>\n<response>\n<status>${status}</status>\n<message>${message}</message>\n</response>`;
	const writes: Array<[string, () => IDataObject, string]> = [
		[
			'list:addLeads',
			() => ({ resource: 'list', operation: 'addLeads', listName: 'maListe', emails: emails[0] }),
			'addLeadsToList',
		],
		[
			'history:addWebVisit',
			() => ({
				resource: 'history',
				operation: 'addWebVisit',
				email: emails[0],
				additionalFields: { url: 'http://www.acme.com/' },
			}),
			'addWebVisitHistory',
		],
		[
			'opportunity:sync',
			() => ({
				resource: 'opportunity',
				operation: 'sync',
				id: 'o1',
				name: 'Deal',
				salesStage: 'Prospecting',
				amount: 10,
				probability: 10,
				leads: 'x1',
				additionalFields: {},
			}),
			'syncOpportunity',
		],
		[
			'lead:sync',
			() => ({
				resource: 'lead',
				operation: 'sync',
				email: emails[0],
				additionalFields: { firstName: 'Ana' },
			}),
			'syncLead',
		],
	];

	it.each(writes)(
		'%s: <status>200</status> is success, and the write was carried out once',
		async (_name, params, method) => {
			// `processed`: the simulator carries the call out, then answers with this envelope.
			sim.addFault({
				kind: 'status',
				status: 200,
				processed: true,
				body: envelope('200', 'Saved.'),
				contentType: 'text/xml',
			});
			const { output, error } = await run(sim, params());
			expect(error).toBeUndefined();
			expect(output[0].json).toMatchObject({ success: true, status: '200', message: 'Saved.' });
			const calls = apiCalls(sim);
			expect(calls).toHaveLength(1);
			expect(calls[0].query.method).toBe(method);
			expect(calls[0].handlerStatus).toBe(200);
		},
	);

	it.each([
		['9011', 'PUBLITRAC: 9011 ERROR_INVALID_XML (invalid XML): Bad.'],
		['9999', 'PUBLITRAC: 9999: Bad.'],
	])('a %s status is an error', async (status, message) => {
		sim.addFault({
			kind: 'status',
			status: 200,
			processed: true,
			body: envelope(status, 'Bad.'),
			contentType: 'text/xml',
		});
		const { error } = await run(sim, writes[0][1]());
		expect(error?.message).toBe(message);
	});
});
