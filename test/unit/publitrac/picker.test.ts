// The PUBLITRAC Lead picker (issue 18): the listSearch method searchLeads called over HTTP
// against the simulator (the getLeads query and page it sent, page 2 through the pagination
// token, a search text), and the operations reading a picked lead (From List, By Email) as well
// as a plain email saved by older workflows.
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodeProperties,
} from 'n8n-workflow';
import { PublitracApi } from '../../../credentials/PublitracApi.credentials';
import { Publitrac } from '../../../nodes/Publitrac/Publitrac.node';
import { isEmail } from '../../../nodes/shared/validation';
import { createTriggerContext } from '../../helpers/context';
import type { SimRecord } from '../../helpers/sims';
import { apiCalls, CREDS, credentialsFor, run, sentQuery, startSim } from './setup';
import type { PublitracSim } from './setup';

const rlc = (value: string, mode = 'list') => ({ __rl: true, mode, value });

describe('PUBLITRAC Lead picker (listSearch searchLeads)', () => {
	let sim: PublitracSim;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => sim.stop());
	beforeEach(() => sim.reset());

	const search = (filter?: string, token?: string, extra: Record<string, string> = {}) => {
		const ctx = createTriggerContext({
			parameters: {},
			credentials: credentialsFor(sim, extra),
			credentialTypes: { publitracApi: new PublitracApi() },
		});
		return new Publitrac().methods.listSearch.searchLeads.call(
			ctx as unknown as ILoadOptionsFunctions,
			filter,
			token,
		) as Promise<INodeListSearchResult>;
	};
	const getLeadsCalls = () => apiCalls(sim).filter((r) => r.query.method === 'getLeads');
	const addLead = (fields: IDataObject) => {
		const [lead] = sim.seedLeads(1);
		return Object.assign(lead, fields) as SimRecord;
	};

	it('Lead: Get, Lead: Update, List: Remove Lead and the History entries pick the lead: From List (searchable) first, then By Email; Create, Sync and Transaction keep a typed email', () => {
		const node = new Publitrac();
		const locators = node.description.properties.filter((p) => p.type === 'resourceLocator');
		expect(
			locators
				.map(
					(p) =>
						`${p.name}:${(p.displayOptions?.show?.resource ?? []).join()}:${(p.displayOptions?.show?.operation ?? []).join()}`,
				)
				.sort(),
		).toEqual(
			[
				'email:history:addClickLink',
				'email:history:addFormFill',
				'email:history:addWebVisit',
				'email:lead:get',
				'email:lead:update',
				'email:list:removeLead',
			].sort(),
		);
		for (const p of locators) {
			expect(p).toMatchObject({
				displayName: 'Lead',
				required: true,
				default: { mode: 'list', value: '' },
			});
			expect(p.modes!.map((m) => [m.displayName, m.name, m.type])).toEqual([
				['From List', 'list', 'list'],
				['By Email', 'email', 'string'],
			]);
			expect(p.modes![0].typeOptions).toEqual({
				searchListMethod: 'searchLeads',
				searchable: true,
			});
			expect(p.modes![1].placeholder).toBe('e.g. name@example.com');
			const rule = (
				p.modes![1].validation![0] as unknown as {
					properties: { regex: string; errorMessage: string };
				}
			).properties;
			const regex = new RegExp(rule.regex);
			expect(rule.errorMessage).toBe(
				'Not a valid email address: enter one such as name@example.com',
			);
			// The editor accepts what the node accepts (the shared email check), spaces around aside.
			for (const value of [
				'ann@example.com',
				' ann.lee+x@mail.example.co ',
				'nope',
				'a@b',
				'a@b.c',
				'two words@example.com',
				'a@@example.com',
				'<a@example.com>',
				'',
			])
				expect([value, regex.test(value)]).toEqual([value, isEmail(value.trim())]);
		}
		// The upserts (the email may be new) and Transaction: Create keep their text field.
		const typed = node.description.properties.filter(
			(p: INodeProperties) => p.name === 'email' && p.type === 'string',
		);
		expect(typed.map((p) => (p.displayOptions?.show?.operation ?? []).join()).sort()).toEqual(
			['create', 'create', 'sync'].sort(),
		);
	});

	it('lists every lead with the empty query of the doc, 100 a page, page 2 through the pagination token', async () => {
		const seeded = sim.seedLeads(130);
		const first = await search();
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({
			name: `First0 Last0 <${String(seeded[0].email)}>`,
			value: seeded[0].email,
		});
		expect(first.paginationToken).toBe('2');
		const second = await search(undefined, first.paginationToken as string);
		expect(second.results).toHaveLength(30);
		expect(second.paginationToken).toBeUndefined();
		expect([...first.results, ...second.results].map((r) => r.value)).toEqual(
			seeded.map((l) => l.email),
		);
		// What PUBLITRAC received: getLeads, the empty <queries> (doc: "a search on all leads"), page 1 then 2.
		const calls = getLeadsCalls();
		expect(calls.map((r) => [r.method, r.query.page])).toEqual([
			['GET', '1'],
			['GET', '2'],
		]);
		for (const call of calls) {
			expect(call.query).toMatchObject({ apikey: CREDS.apiKey, username: CREDS.username });
			expect(sentQuery(call)).toEqual({ request: { queries: '' } });
		}
	});

	it('a full last page: exactly 200 leads give pages 1 and 2, no page 3', async () => {
		sim.seedLeads(200);
		const first = await search();
		const second = await search('', first.paginationToken as string);
		expect([first.paginationToken, second.paginationToken]).toEqual(['2', undefined]);
		expect(second.results).toHaveLength(100);
		expect(getLeadsCalls().map((r) => r.query.page)).toEqual(['1', '2']);
	});

	it('searches the email with the text between % wildcards (like), and pages the matches', async () => {
		const ann = addLead({ firstName: 'Ann', lastName: 'Lee', email: 'ann.lee@acme.com' });
		addLead({ firstName: 'Bob', lastName: 'Ray', email: 'bob@other.org' });
		const noName = addLead({ firstName: '', lastName: '', email: 'sales@acme.com' });
		const found = await search('  acme.com ');
		expect(found).toEqual({
			results: [
				{ name: 'Ann Lee <ann.lee@acme.com>', value: ann.email },
				{ name: 'sales@acme.com', value: noName.email },
			],
		});
		expect(sentQuery(getLeadsCalls().pop()!).request.queries.query).toEqual({
			field: 'email',
			operator: 'like',
			value: '%acme.com%',
		});
		// Case does not matter to PUBLITRAC's like; nothing found is an empty list.
		expect((await search('ANN.LEE')).results.map((r) => r.value)).toEqual(['ann.lee@acme.com']);
		expect(await search('nobody-has-this')).toEqual({ results: [] });

		// 150 matches: two pages of the search, page 2 with the same query.
		for (let k = 0; k < 150; k++) addLead({ email: `team${k}@big.example` });
		const page1 = await search('big.example');
		expect(page1.results).toHaveLength(100);
		expect(page1.paginationToken).toBe('2');
		const page2 = await search('big.example', page1.paginationToken as string);
		expect(page2.results).toHaveLength(50);
		expect(page2.paginationToken).toBeUndefined();
		const last = getLeadsCalls().pop()!;
		expect(last.query.page).toBe('2');
		expect(sentQuery(last).request.queries.query.value).toBe('%big.example%');
	});

	it('names no secret when PUBLITRAC refuses the credentials', async () => {
		await expect(search('ann', undefined, { password: 'Wrong-Secret-9' })).rejects.toThrow(
			/PUBLITRAC/,
		);
		const error = await search('ann', undefined, { password: 'Wrong-Secret-9' }).catch(
			(e: Error & { description?: string }) => e,
		);
		const shown = JSON.stringify({
			message: (error as Error).message,
			description: (error as { description?: string }).description,
		});
		expect(shown).not.toContain('Wrong-Secret-9');
		expect(shown).not.toContain(CREDS.apiKey);
	});

	it('Lead: Get runs with a lead picked From List, typed By Email, or a plain email of an older workflow', async () => {
		const ann = addLead({ firstName: 'Ann', email: 'ann@acme.com' });
		const picked = (await search('ann@')).results[0].value as string;
		for (const email of [
			rlc(picked),
			rlc(' ann@acme.com ', 'email'),
			'ann@acme.com',
			' ann@acme.com ',
		]) {
			sim.log.length = 0;
			const { output, error } = await run(sim, {
				resource: 'lead',
				operation: 'get',
				email,
				simplify: false,
			});
			expect(error).toBeUndefined();
			const calls = apiCalls(sim);
			expect(calls.map((r) => [r.method, r.query.method, r.query.email])).toEqual([
				['GET', 'getLead', 'ann@acme.com'],
			]);
			expect(output[0].json).toMatchObject({ id: ann.id, email: 'ann@acme.com' });
		}
	});

	it('Lead: Update, List: Remove Lead and History: Add Web Visit send the picked email', async () => {
		const [ann] = sim.seedLeads(1, { list: 'Newsletter' });
		ann.email = 'ann@acme.com';
		// Lead: Update: the <lead> with the picked email first.
		const update = await run(sim, {
			resource: 'lead',
			operation: 'update',
			email: rlc('ann@acme.com'),
			additionalFields: { firstName: 'Anna' },
		});
		expect(update.error).toBeUndefined();
		const sentUpdate = apiCalls(sim).pop()!;
		expect(sentUpdate.query.method).toBe('updateLead');
		expect(sentQuery(sentUpdate).request.lead).toMatchObject({
			email: 'ann@acme.com',
			firstName: 'Anna',
		});
		expect(update.output[0].json).toMatchObject({ email: 'ann@acme.com' });
		// A plain email (older workflow) and By Email give the same request.
		for (const email of ['ann@acme.com', rlc('ann@acme.com ', 'email')]) {
			const again = await run(sim, {
				resource: 'lead',
				operation: 'update',
				email,
				additionalFields: { lastName: 'Lee' },
			});
			expect(again.error).toBeUndefined();
			expect(sentQuery(apiCalls(sim).pop()!).request.lead).toMatchObject({
				email: 'ann@acme.com',
				lastName: 'Lee',
			});
		}

		// History: Add Web Visit: the email in the query string.
		const visit = await run(sim, {
			resource: 'history',
			operation: 'addWebVisit',
			email: rlc('ann@acme.com'),
			additionalFields: { url: 'https://www.example.com/blog' },
		});
		expect(visit.error).toBeUndefined();
		const sentVisit = apiCalls(sim).pop()!;
		expect([sentVisit.query.method, sentVisit.query.email]).toEqual([
			'addWebVisitHistory',
			'ann@acme.com',
		]);

		// List: Remove Lead: the email in the <leads> of the XML.
		const list = await run(sim, {
			resource: 'list',
			operation: 'removeLead',
			listName: 'Newsletter',
			email: rlc('ann@acme.com', 'email'),
		});
		const sentRemove = apiCalls(sim).pop()!;
		expect(sentRemove.query.method).toBe('removeLeadFromList');
		expect(sentQuery(sentRemove).request.leads.lead.email).toBe('ann@acme.com');
		expect(list.error).toBeUndefined();
		expect(list.output[0].json).toMatchObject({ listName: 'Newsletter', email: 'ann@acme.com' });
		expect((sim.state.lists as IDataObject).Newsletter).toEqual({ leadIds: [] });
	});

	it('refuses an empty, an invalid or a too long email from the locator before any request, as for a typed one', async () => {
		for (const [parameters, message] of [
			[
				{ resource: 'lead', operation: 'get', email: rlc('') },
				'email: is required, e.g. john@acme.com',
			],
			[
				{ resource: 'lead', operation: 'get', email: rlc('nope', 'email') },
				'email: "nope" is not a valid email address. Expected the form name@domain.com',
			],
			[
				{ resource: 'list', operation: 'removeLead', listName: 'L', email: rlc('x@', 'email') },
				'email: "x@" is not a valid email address. Expected the form name@domain.com',
			],
			[
				{
					resource: 'history',
					operation: 'addWebVisit',
					email: rlc(`${'a'.repeat(40)}@acme.com.com`),
					additionalFields: {},
				},
				'email: has 53 characters. Expected fewer than 50',
			],
			[
				{ resource: 'lead', operation: 'update', email: rlc(''), additionalFields: {} },
				'email: is required. Expected the lead email address, e.g. john@acme.com',
			],
			[
				{
					resource: 'lead',
					operation: 'update',
					email: rlc('ann@acme.com'),
					additionalFields: { extraFields: '{"email": "other@acme.com"}' },
				},
				'Extra Fields (JSON): may not set "email": the lead email has its own field (Email, or Lead on Update)',
			],
		] as Array<[IDataObject, string]>) {
			sim.log.length = 0;
			const { error } = await run(sim, parameters);
			expect(error?.message).toContain(message);
			expect(apiCalls(sim)).toEqual([]);
		}
	});
});
