// The history write methods: history:addWebVisit, history:addClickLink and history:addFormFill.
import { apiCalls, expectAuth, usePublitracWithLeads, run, sentQuery, sentXml } from './setup';

const { sim, emails } = usePublitracWithLeads();

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
