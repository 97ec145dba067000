import { resetRateLimiters } from '../../../nodes/shared/rateLimiter';
import type { INodeProperties } from 'n8n-workflow';
import { apiCalls, expectAuth, node, run, sentQuery, sentXml, startSim } from './setup';
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

const lead = (
	email: string,
	additionalFields: Record<string, unknown> = {},
	more: Record<string, unknown> = {},
) => ({
	resource: 'lead',
	operation: 'sync',
	email,
	additionalFields,
	customFields: {},
	useToken: false,
	mergeAnonymous: false,
	customUnicityKeys: '',
	batch: false,
	requestOptions: { maxRetries: 0 },
	...more,
});

describe('PUBLITRAC lead:sync (syncLead)', () => {
	it('POSTs the documented lead XML with the credentials in the query string, and creates the lead', async () => {
		const { output, error } = await run(
			sim,
			lead(
				'john@acme.com',
				{
					firstName: 'John',
					lastName: 'Smith',
					score: 90,
					doNotCall: false,
					dateOfBirth: '1980-02-03T10:00:00.000Z',
					middleName: '',
				},
				{
					customFields: { field: [{ name: 'carColor', value: 'Red' }] },
				},
			),
		);
		expect(error).toBeUndefined();
		const [call] = apiCalls(sim);
		expect(call.method).toBe('POST');
		expectAuth(call, 'syncLead');
		expect(call.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
		expect(sentXml(call)).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
		expect(sentQuery(call).request.lead).toEqual({
			email: 'john@acme.com',
			firstName: 'John',
			lastName: 'Smith',
			score: '90',
			doNotCall: '0',
			dateOfBirth: '1980-02-03',
			customFields: { carColor: 'Red' },
		});
		expect(sentXml(call)).not.toContain('middleName');
		expect(output).toEqual([
			{
				json: {
					success: true,
					status: '2006',
					message: 'Leads synchronization successfull.',
					email: 'john@acme.com',
					leadsInCall: 1,
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(sim.state.leads).toHaveLength(1);
		expect(sim.state.leads[0]).toMatchObject({
			email: 'john@acme.com',
			firstName: 'John',
			custom: { carColor: 'Red' },
		});
	});

	it('escapes hostile values (& < > " \' accents, emoji, CDATA end) and they arrive unchanged', async () => {
		const hostile = `Zoë & <b>"O'Brien"</b> ]]> 🚗 </lead><lead>`;
		const { error } = await run(
			sim,
			lead('zoe@acme.com', { company: hostile, notes: '<![CDATA[x]]>' }),
		);
		expect(error).toBeUndefined();
		const xml = sentXml(apiCalls(sim)[0]);
		expect(xml).toContain(
			'Zoë &amp; &lt;b&gt;&quot;O&apos;Brien&quot;&lt;/b&gt; ]]&gt; 🚗 &lt;/lead&gt;&lt;lead&gt;',
		);
		expect(sim.state.leads[0].company).toBe(hostile);
		expect(sim.state.leads[0].notes).toBe('<![CDATA[x]]>');
	});

	it('refuses a custom field name that is not an XML element name, naming it, before any call', async () => {
		const { error } = await run(
			sim,
			lead('a@acme.com', {}, { customFields: { field: [{ name: 'car color', value: 'Red' }] } }),
		);
		expect(error?.message).toContain('customFields.car color');
		expect(error?.message).toContain('not a valid XML element name');
		expect(apiCalls(sim)).toHaveLength(0);
	});

	it.each([
		['a missing email', '', {}, {}, 'email: is required'],
		[
			'an invalid email',
			'not-an-email',
			{},
			{},
			'email: "not-an-email" is not a valid email address',
		],
		[
			'mergeAnonymous without token',
			'a@acme.com',
			{},
			{ mergeAnonymous: true },
			'mergeAnonymous: needs the lead Token',
		],
		[
			'an empty unicity key value',
			'a@acme.com',
			{ firstName: 'A' },
			{ customUnicityKeys: 'crmLeadId,firstName' },
			'the unicity key "crmLeadId" has no value',
		],
		[
			'a score that is not a whole number',
			'a@acme.com',
			{ score: 'high' },
			{},
			'score: "high" is not a whole number',
		],
		[
			'a 0/1 flag given another value (9007)',
			'a@acme.com',
			{ extraFields: '{"doNotCall": "yes"}' },
			{},
			'doNotCall: "yes" must be 0 or 1',
		],
		[
			'an extra field name that is not an XML name',
			'a@acme.com',
			{ extraFields: '{"bad name": "x"}' },
			{},
			'bad name: "bad name" is not a valid XML element name',
		],
		[
			'a date that is not a date',
			'a@acme.com',
			{ dateOfBirth: 'yesterday-ish' },
			{},
			'dateOfBirth: "yesterday-ish" is not a date',
		],
	])(
		"checks the doc's frequent errors before sending: %s",
		async (_name, email, fields, more, message) => {
			const { error } = await run(sim, lead(email, fields, more));
			expect(error?.message).toContain(message);
			expect(apiCalls(sim)).toHaveLength(0);
		},
	);

	it('sends useToken, mergeAnonymous and customUnicityKeys at request level', async () => {
		// A PUBLITRAC tracking token (the visitor's cookie id), not a credential.
		const visitorTracking = '_nl-acme.com-1-2';
		const { error } = await run(
			sim,
			lead(
				'a@acme.com',
				{ token: visitorTracking, crmLeadId: 'CRM1' },
				{ useToken: true, mergeAnonymous: true, customUnicityKeys: 'email, crmLeadId' },
			),
		);
		expect(error).toBeUndefined();
		const q = sentQuery(apiCalls(sim)[0]).request;
		// doc "Sync Lead": mergeAnonymous "à 1 (vrai)"; useToken as its example writes it.
		expect(q.useToken).toBe('true');
		expect(q.mergeAnonymous).toBe('1');
		expect(q.customUnicityKeys).toBe('email,crmLeadId');
		expect(q.lead).toMatchObject({
			email: 'a@acme.com',
			token: visitorTracking,
			crmLeadId: 'CRM1',
		});
	});

	it("Extra Fields (JSON): the hint's example is a native lead field, sent in <lead>; custom fields are pointed to Custom Fields", async () => {
		const additional = node.description.properties.find(
			(p) => p.name === 'additionalFields' && p.displayOptions?.show?.operation?.includes('sync'),
		);
		const hint = String(
			(additional?.options as INodeProperties[]).find((o) => o.name === 'extraFields')?.description,
		);
		// PUBLITRAC answers 9008 (unsupported custom tag) to a custom field directly in <lead>.
		expect(hint).not.toContain('carColor');
		expect(hint).toContain('Custom Fields');
		const example = /e\.g\. (\{[^}]*\})/.exec(hint)![1];
		const { error } = await run(sim, lead('a@acme.com', { extraFields: example }));
		expect(error).toBeUndefined();
		const sent = sentQuery(apiCalls(sim)[0]).request.lead;
		expect(sent).toMatchObject(JSON.parse(example));
		expect(sent.customFields).toBeUndefined();
		// A native field of PUBLITRAC's leads (doc "Get leads" answer), not offered as its own field.
		expect(sim.state.leads[0].custom).toEqual({});
		expect((additional?.options as INodeProperties[]).map((o) => o.name)).not.toContain(
			Object.keys(JSON.parse(example))[0],
		);
	});

	it('updates, not duplicates, a lead that exists by email (upsert)', async () => {
		await run(sim, lead('a@acme.com', { firstName: 'A' }));
		await run(sim, lead('a@acme.com', { firstName: 'B' }));
		expect(sim.state.leads).toHaveLength(1);
		expect(sim.state.leads[0].firstName).toBe('B');
	});

	it('with "Send Items in One Call", sends N items in ceil(N / Leads per Call) syncLead calls', async () => {
		const items = Array.from({ length: 5 }, (_, i) => ({ email: `b${i}@acme.com` }));
		const { output, error } = await run(
			sim,
			(i) => lead(`b${i}@acme.com`, { firstName: `B${i}` }, { batch: true, batchSize: 2 }),
			{ items },
		);
		expect(error).toBeUndefined();
		const calls = apiCalls(sim);
		expect(calls).toHaveLength(3);
		expect(calls.map((c) => [].concat(sentQuery(c).request.lead).length)).toEqual([2, 2, 1]);
		expect(output.map((o) => [o.json.email, o.pairedItem])).toEqual(
			items.map((it, i) => [it.email, { item: i }]),
		);
		expect(sim.state.leads).toHaveLength(5);
	});

	it('in a batch with Continue On Fail, an invalid item fails alone and the others are sent', async () => {
		const emails = ['c0@acme.com', 'bad', 'c2@acme.com'];
		const { output, error } = await run(sim, (i) => lead(emails[i], {}, { batch: true }), {
			items: emails.map((email) => ({ email })),
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(apiCalls(sim)).toHaveLength(1);
		expect(
			[].concat(sentQuery(apiCalls(sim)[0]).request.lead).map((l: { email: string }) => l.email),
		).toEqual(['c0@acme.com', 'c2@acme.com']);
		expect(output[1].json.error).toContain('email: "bad" is not a valid email address');
		expect(output[0].json.success).toBe(true);
		expect(output[2].json.success).toBe(true);
	});

	it('without Continue On Fail, an invalid item in a batch stops the node before any call', async () => {
		const emails = ['c0@acme.com', 'bad'];
		const { error } = await run(sim, (i) => lead(emails[i], {}, { batch: true }), {
			items: emails.map((email) => ({ email })),
		});
		expect(error?.message).toContain('"bad" is not a valid email address');
		expect((error as { description?: string }).description).toBe(
			'Input item 2 is not valid, so no item was sent. Turn on "Continue On Fail" to send the valid items anyway.',
		);
		expect(apiCalls(sim)).toHaveLength(0);
	});

	it('is resent after a 502 (syncLead is an upsert)', async () => {
		sim.addFault({ kind: 'status', status: 502 });
		const { error } = await run(sim, lead('a@acme.com', {}, { requestOptions: { maxRetries: 2 } }));
		expect(error).toBeUndefined();
		expect(apiCalls(sim)).toHaveLength(2);
	});
});

describe('PUBLITRAC lead:create (addLead)', () => {
	const create = (email: string, fields: Record<string, unknown> = {}) => ({
		...lead(email, fields),
		operation: 'create',
	});

	it('POSTs addLead with the lead XML and outputs the status', async () => {
		const { output, error } = await run(sim, create('new@acme.com', { firstName: 'New' }));
		expect(error).toBeUndefined();
		const [call] = apiCalls(sim);
		expect(call.method).toBe('POST');
		expectAuth(call, 'addLead');
		expect(sentQuery(call).request.lead).toEqual({ email: 'new@acme.com', firstName: 'New' });
		expect(output[0].json).toEqual({
			success: true,
			status: '2003',
			message: 'Create new lead success.',
			email: 'new@acme.com',
		});
	});

	it('gives the 9016 code, its meaning and the vendor line when the lead exists', async () => {
		await run(sim, create('dup@acme.com'));
		const { error } = await run(sim, create('dup@acme.com'));
		expect(error?.message).toBe(
			'PUBLITRAC: 9016 ERROR_ADD_LEAD (adding the lead failed): Create new lead have errors. - 9004 - Lead with email address dup@acme.com already exists, please use the updateLead() call.',
		);
	});

	it('is not sent twice after a 502 (a create)', async () => {
		sim.addFault({ kind: 'status', status: 502 });
		const { error } = await run(sim, {
			...create('x@acme.com'),
			requestOptions: { maxRetries: 3 },
		});
		expect(error?.message).toContain('HTTP 502');
		expect(apiCalls(sim)).toHaveLength(1);
	});
});

describe('PUBLITRAC lead:update (updateLead)', () => {
	it('POSTs updateLead; an unknown lead gives 9017 with the vendor line', async () => {
		const params = { ...lead('ghost@acme.com', { city: 'Montréal' }), operation: 'update' };
		const { error } = await run(sim, params);
		expectAuth(apiCalls(sim)[0], 'updateLead');
		expect(sentQuery(apiCalls(sim)[0]).request.lead).toEqual({
			email: 'ghost@acme.com',
			city: 'Montréal',
		});
		expect(error?.message).toContain('9017 ERROR_UPDATE_LEAD');
		expect(error?.message).toContain('9005 - Lead (ghost@acme.com) does not exist.');
		sim.seedLeads(1)[0].email = 'ghost@acme.com';
		const ok = await run(sim, params);
		expect(ok.output[0].json).toMatchObject({ success: true, status: '2004' });
		expect(sim.state.leads[0].city).toBe('Montréal');
	});
});

describe('PUBLITRAC lead:get (getLead)', () => {
	it('GETs getLead with the email and outputs the lead as clean JSON (strings and 0/1 as given, custom fields kept)', async () => {
		const [seeded] = sim.seedLeads(1);
		seeded.custom.someCustomField = 'my custom field';
		const { output, error } = await run(sim, {
			resource: 'lead',
			operation: 'get',
			email: seeded.email,
		});
		expect(error).toBeUndefined();
		const [call] = apiCalls(sim);
		expect(call.method).toBe('GET');
		expectAuth(call, 'getLead');
		expect(call.query.email).toBe(seeded.email);
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({
			id: seeded.id,
			email: seeded.email,
			score: '0',
			doNotCall: '0',
			middleName: '',
			someCustomField: 'my custom field',
		});
	});

	it('decodes the numeric character references of the answer (Montr&#xE9;al, O&#039;Brien)', async () => {
		const [seeded] = sim.seedLeads(1);
		Object.assign(seeded, { firstName: "O'Brien", lastName: 'Zoé', city: 'Montréal' });
		sim.state.numericReferences = true;
		const { output, error } = await run(sim, {
			resource: 'lead',
			operation: 'get',
			email: seeded.email,
		});
		expect(error).toBeUndefined();
		// The simulator's answer to that call holds the references, not the characters.
		const { query } = apiCalls(sim)[0];
		const raw = await (await fetch(`${sim.url}/api?${new URLSearchParams(query)}`)).text();
		expect(raw).toContain('<firstName>O&#039;Brien</firstName>');
		expect(raw).toContain('<city>Montr&#xE9;al</city>');
		expect(output[0].json).toMatchObject({
			firstName: "O'Brien",
			lastName: 'Zoé',
			city: 'Montréal',
		});
	});

	it('reads an answer that starts with a newline before its XML declaration (PHP servers)', async () => {
		const [seeded] = sim.seedLeads(1);
		sim.state.answerPrefix = '\n';
		const { output, error } = await run(sim, {
			resource: 'lead',
			operation: 'get',
			email: seeded.email,
		});
		expect(error).toBeUndefined();
		const { query } = apiCalls(sim)[0];
		const raw = await (await fetch(`${sim.url}/api?${new URLSearchParams(query)}`)).text();
		expect(raw).toMatch(/^\n<\?xml version="1.0"/);
		expect(output[0].json).toMatchObject({ id: seeded.id, email: seeded.email });
		// A write too: its answer is read the same way.
		const written = await run(sim, lead('new@acme.com', { firstName: 'Ann' }));
		expect(written.error).toBeUndefined();
		expect(sim.state.leads.map((l: { email: string }) => l.email)).toContain('new@acme.com');
	});

	it('gives 9015 with the vendor line for an unknown email', async () => {
		const { error } = await run(sim, {
			resource: 'lead',
			operation: 'get',
			email: 'nobody@acme.com',
		});
		expect(error?.message).toBe(
			'PUBLITRAC: 9015 ERROR_GET_LEAD (getting the lead failed): Get lead failed. - 9005 - (nobody@acme.com) Lead not found.',
		);
		expect((error as { httpCode?: string }).httpCode).toBe('200');
	});

	it('refuses an invalid email before any call', async () => {
		const { error } = await run(sim, { resource: 'lead', operation: 'get', email: 'nope' });
		expect(error?.message).toContain('email: "nope" is not a valid email address');
		expect(apiCalls(sim)).toHaveLength(0);
	});
});

describe('PUBLITRAC lead:getByExternalId (getLeadByExternalId)', () => {
	it('GETs getLeadByExternalId with externalId', async () => {
		const [seeded] = sim.seedLeads(1);
		seeded.crmLeadId = '123ABC';
		const { output, error } = await run(sim, {
			resource: 'lead',
			operation: 'getByExternalId',
			externalId: '123ABC',
		});
		expect(error).toBeUndefined();
		expectAuth(apiCalls(sim)[0], 'getLeadByExternalId');
		expect(apiCalls(sim)[0].query.externalId).toBe('123ABC');
		expect(output.map((o) => o.json.crmLeadId)).toEqual(['123ABC']);
	});
});

describe('PUBLITRAC lead:getByToken (getLeadByTokenId)', () => {
	it('GETs getLeadByTokenId with tokenId; an invalid token gives the appendix line', async () => {
		const [seeded] = sim.seedLeads(1);
		// A PUBLITRAC tracking token as the doc shows one (the visitor's cookie id), not a credential.
		const visitorTracking = '_nl-acme.com-1282527313351-84730';
		seeded.token = visitorTracking;
		const { output } = await run(sim, {
			resource: 'lead',
			operation: 'getByToken',
			tokenId: seeded.token,
		});
		expectAuth(apiCalls(sim)[0], 'getLeadByTokenId');
		expect(apiCalls(sim)[0].query.tokenId).toBe(seeded.token);
		expect(output[0].json.token).toBe(seeded.token);
		const bad = await run(sim, { resource: 'lead', operation: 'getByToken', tokenId: 'xyz' });
		expect(bad.error?.message).toBe(
			'PUBLITRAC: 9015 ERROR_GET_LEAD (getting the lead failed): getLeadByTokenId failed. - Tok Id is invalid',
		);
	});
});

describe('PUBLITRAC lead:search (getLeads)', () => {
	it('GETs getLeads with the field/operator/value query rows', async () => {
		sim.seedLeads(3);
		sim.state.leads[1].firstName = 'John';
		sim.state.leads[1].email = 'johnsmith@acme.com';
		const { output, error } = await run(sim, {
			resource: 'lead',
			operation: 'search',
			queries: {
				query: [
					{ field: 'firstName', operator: 'like', value: 'john' },
					{ field: 'email', operator: 'like', value: 'johnsmith@%' },
				],
			},
			returnAll: true,
		});
		expect(error).toBeUndefined();
		const [call] = apiCalls(sim);
		expect(call.method).toBe('GET');
		expectAuth(call, 'getLeads');
		expect(call.query.page).toBe('1');
		expect(sentQuery(call).request.queries.query).toEqual([
			{ field: 'firstName', operator: 'like', value: 'john' },
			{ field: 'email', operator: 'like', value: 'johnsmith@%' },
		]);
		expect(output.map((o) => o.json.email)).toEqual(['johnsmith@acme.com']);
	});

	it('sends an empty <queries> and gets every lead when no row is given (doc Info)', async () => {
		sim.seedLeads(3);
		const { output } = await run(sim, {
			resource: 'lead',
			operation: 'search',
			queries: {},
			returnAll: true,
		});
		expect(sentXml(apiCalls(sim)[0])).toContain('<queries></queries>');
		expect(output).toHaveLength(3);
	});

	it('stops at Limit', async () => {
		sim.seedLeads(150);
		const { output } = await run(sim, {
			resource: 'lead',
			operation: 'search',
			queries: {},
			returnAll: false,
			limit: 120,
		});
		expect(output).toHaveLength(120);
		expect(apiCalls(sim).map((c) => c.query.page)).toEqual(['1', '2']);
	});
});
