// Record pickers (issue 18): each listSearch / loadOptions method called over HTTP against the
// simulators (pages beyond the first, a search filter), and the nodes reading a picked value (a
// resource locator) as well as a plain value saved by older workflows.
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { EcontractApi } from '../../../credentials/EcontractApi.credentials';
import { PublitracApi } from '../../../credentials/PublitracApi.credentials';
import { Econtract } from '../../../nodes/Econtract/Econtract.node';
import { Publitrac } from '../../../nodes/Publitrac/Publitrac.node';
import { Sml } from '../../../nodes/Sml/Sml.node';
import { createTriggerContext, runNode } from '../../helpers/context';
import type { Simulator, SimRecord } from '../../helpers/sims';
import { CRM_API_ID, CRM_API_KEY, econtractSimulator } from '../econtract/setup';
import {
	credentialsFor as publitracCredentials,
	publitracSimulator,
	sentQuery,
} from '../publitrac/setup';
import type { PublitracSim } from '../publitrac/setup';
import {
	apiCalls,
	credentialTypes as smlCredentialTypes,
	credentialsFor as smlCredentials,
	runSml,
	smlSimulator,
} from '../sml/setup';
import type { SmlSim } from '../sml/setup';

const rlc = (value: string, mode = 'list') => ({ __rl: true, mode, value });

const properties = (node: { description: { properties: INodeProperties[] } }, name: string) =>
	node.description.properties.filter((p) => p.name === name);

describe('SML Lead picker (listSearch searchLeads)', () => {
	let sim: SmlSim & { seedLeads(n: number, fields?: IDataObject): SimRecord[] };
	beforeAll(async () => {
		// A page size cap below the picker's 50, as DRF's max_page_size may impose.
		sim = smlSimulator({ maxPageSize: 20 }) as typeof sim;
		await sim.start(0);
	});
	afterAll(async () => sim.stop());
	beforeEach(() => sim.reset());

	const search = (filter?: string, token?: string) => {
		const ctx = createTriggerContext({
			parameters: {},
			credentials: { smlApi: smlCredentials(sim) },
			credentialTypes: smlCredentialTypes,
		});
		return new Sml().methods.listSearch.searchLeads.call(
			ctx as unknown as ILoadOptionsFunctions,
			filter,
			token,
		) as Promise<INodeListSearchResult>;
	};

	it('every operation that takes a lead shows it as a locator: From List (searchable) first, then By ID with a regex', () => {
		const locators = new Sml().description.properties.filter((p) => p.type === 'resourceLocator');
		const shownFor = locators
			.map(
				(p) =>
					`${p.name}:${(p.displayOptions?.show?.resource ?? []).join()}:${(p.displayOptions?.show?.operation ?? []).join()}`,
			)
			.sort();
		expect(shownFor).toEqual(
			[
				'id_lead:lead:assign',
				'id_lead:lead:changeStatus',
				'id_lead:lead:finalize',
				'id_lead:lead:get',
				'id_lead:lead:getHistory',
				'id_lead:lead:update',
				'lead:lead:click2call',
				'lead:task:create',
			].sort(),
		);
		for (const p of locators) {
			expect(p).toMatchObject({
				displayName: 'Lead',
				required: true,
				default: { mode: 'list', value: '' },
			});
			expect(p.modes!.map((m) => [m.name, m.type])).toEqual([
				['list', 'list'],
				['id', 'string'],
			]);
			expect(p.modes![0].typeOptions).toEqual({
				searchListMethod: 'searchLeads',
				searchable: true,
			});
			const regex = new RegExp(
				(
					p.modes![1].validation![0] as unknown as { properties: { regex: string } }
				).properties.regex,
			);
			expect(['1234', ' 984 '].every((v) => regex.test(v))).toBe(true);
			expect(['1.5', '1e3', 'abc', ''].some((v) => regex.test(v))).toBe(false);
			expect(p.modes![1].placeholder).toBe('e.g. 1234');
		}
	});

	it('reads every page through the pagination token: 45 leads in pages of 20 (the cap), no lead twice, none missing', async () => {
		sim.seedLeads(45);
		const first = await search();
		expect(first.results).toHaveLength(20);
		expect(first.results[0]).toEqual({ name: 'Cliente 984 - Seed 984 (#984)', value: '984' });
		expect(first.paginationToken).toBe('2');
		const second = await search(undefined, first.paginationToken as string);
		expect(second.paginationToken).toBe('3');
		const third = await search(undefined, second.paginationToken as string);
		expect(third.paginationToken).toBeUndefined();
		const ids = [...first.results, ...second.results, ...third.results].map((r) => Number(r.value));
		expect(ids).toEqual(Array.from({ length: 45 }, (_, n) => 984 + n));
		// What SML received: page_size asked (50, capped by SML to 20), page 2 and 3 after the first.
		const calls = apiCalls(sim).filter((r) => r.path === '/api/lead/');
		expect(calls.map((r) => [r.method, r.query.page, r.query.page_size])).toEqual([
			['GET', undefined, '50'],
			['GET', '2', '50'],
			['GET', '3', '50'],
		]);
	});

	it("searches with SML's own search and pages the matches", async () => {
		sim.seedLeads(30, { client: { name: 'Marta Ruiz' } });
		sim.seedLeads(5, { client: { name: 'Pablo Gil' } });
		const found = await search('  Pablo ');
		expect(found.results.map((r) => r.name)).toEqual(
			[1014, 1015, 1016, 1017, 1018].map((id) => `Pablo Gil - Seed ${id} (#${id})`),
		);
		expect(found.paginationToken).toBeUndefined();
		expect(apiCalls(sim).pop()!.query).toEqual({ page_size: '50', search: 'Pablo' });
		const marta = await search('marta');
		expect(marta.paginationToken).toBe('2');
		const rest = await search('marta', marta.paginationToken as string);
		expect(apiCalls(sim).pop()!.query).toEqual({ page_size: '50', search: 'marta', page: '2' });
		expect([...marta.results, ...rest.results]).toHaveLength(30);
		expect((await search('nobody-has-this')).results).toEqual([]);
	});

	it('runs with a picked lead (From List or By ID) and with a plain ID saved by an older workflow', async () => {
		const [lead] = sim.seedLeads(1);
		for (const value of [
			rlc(String(lead.id)),
			rlc(` ${lead.id} `, 'id'),
			lead.id,
			String(lead.id),
		]) {
			sim.log.length = 0;
			const { output, error } = await runSml(sim, {
				resource: 'lead',
				operation: 'get',
				id_lead: value,
				simplify: false,
			});
			expect(error).toBeUndefined();
			expect(apiCalls(sim).map((r) => [r.method, r.path])).toEqual([
				['GET', `/api/lead/${lead.id}/`],
			]);
			expect(output[0].json.id).toBe(lead.id);
		}
		// The body field `lead` (Task: Create, Click to Call) is sent as a number from the locator too.
		const task = await runSml(sim, {
			resource: 'task',
			operation: 'create',
			lead: rlc(String(lead.id)),
			additionalFields: { type: 'budget' },
		});
		expect(task.error).toBeUndefined();
		expect(apiCalls(sim).pop()!.body).toEqual({ lead: lead.id, type: 'budget' });
		const call = await runSml(sim, {
			resource: 'lead',
			operation: 'click2call',
			lead: rlc(String(lead.id), 'id'),
		});
		expect(call.error).toBeUndefined();
		expect(apiCalls(sim).pop()!.body).toEqual({ lead: lead.id });
	});

	it('refuses a lead ID that is not a positive whole number before any request, naming the field as the editor shows it', async () => {
		for (const [value, shown] of [
			[rlc('1.5', 'id'), '1.5'],
			[rlc('1e3', 'id'), '1e3'],
			['-4', '-4'],
			[0, '0'],
		] as Array<[unknown, string]>) {
			sim.log.length = 0;
			const { error } = await runSml(sim, {
				resource: 'lead',
				operation: 'finalize',
				id_lead: value as string,
			});
			expect(error?.message).toBe(
				`Lead (id_lead): "${shown}" is not a valid ID. Expected a positive whole number, e.g. 1234`,
			);
			expect(apiCalls(sim)).toEqual([]);
		}
		const empty = await runSml(sim, { resource: 'lead', operation: 'get', id_lead: rlc('') });
		expect(empty.error?.message).toBe(
			'Lead (id_lead): is required. Expected a positive whole number, e.g. 1234',
		);
	});

	it('refuses sub-object IDs of 1.5 and 1e3 (they were sent as 1.5 and 1000)', async () => {
		const [lead] = sim.seedLeads(1);
		for (const [fields, message] of [
			[
				{ vehicle: { id: '1.5', brand_model: 'B' } },
				'Vehicle ID (vehicle.id): "1.5" is not a valid ID. Expected a whole number, e.g. 1234',
			],
			[
				{ vehicle: { id: '1e3', brand_model: 'B' } },
				'Vehicle ID (vehicle.id): "1e3" is not a valid ID. Expected a whole number, e.g. 1234',
			],
			[
				{ client: { id: '-2', name: 'Ana' } },
				'Client ID (client.id): "-2" is not a valid ID. Expected a whole number, e.g. 1234',
			],
			[
				{ note: { values: [{ id: '1e3', content: 'n' }] } },
				'Note ID (note[0].id): "1e3" is not a valid ID. Expected a whole number, e.g. 1234',
			],
			[
				{ tags: { values: [{ id: 2.5, content: 't' }] } },
				'Tag ID (tags[0].id): "2.5" is not a valid ID. Expected a whole number, e.g. 1234',
			],
		] as Array<[IDataObject, string]>) {
			sim.log.length = 0;
			const { error } = await runSml(sim, {
				resource: 'lead',
				operation: 'update',
				id_lead: rlc(String(lead.id)),
				updateFields: fields,
			});
			expect(error?.message).toBe(message);
			expect(apiCalls(sim)).toEqual([]);
		}
		// A whole number is sent as a number, as before.
		const ok = await runSml(sim, {
			resource: 'lead',
			operation: 'update',
			id_lead: rlc(String(lead.id)),
			updateFields: { vehicle: { id: ` ${lead.vehicle.id} `, brand_model: 'B' } },
		});
		expect(ok.error).toBeUndefined();
		expect(apiCalls(sim).pop()!.body).toEqual({
			vehicle: { id: lead.vehicle.id, brand_model: 'B' },
		});
	});
});

describe('Econtract Client picker (listSearch searchClients)', () => {
	let sim: Simulator & { seedClients(n: number, fields?: IDataObject): SimRecord[] };
	beforeAll(async () => {
		sim = econtractSimulator() as typeof sim;
		await sim.start(0);
	});
	afterAll(async () => sim.stop());
	beforeEach(() => sim.reset());

	const credentials = () => ({
		econtractApi: { baseUrl: sim.url, crmApiId: CRM_API_ID, crmApiKey: CRM_API_KEY },
	});
	const credentialTypes = { econtractApi: new EcontractApi() };
	const search = (filter?: string) => {
		const ctx = createTriggerContext({
			parameters: {},
			credentials: credentials(),
			credentialTypes,
		});
		return new Econtract().methods.listSearch.searchClients.call(
			ctx as unknown as ILoadOptionsFunctions,
			filter,
		) as Promise<INodeListSearchResult>;
	};
	const run = (parameters: IDataObject) =>
		runNode(new Econtract(), { parameters, credentials: credentials(), credentialTypes });
	const searches = () => sim.log.filter((r) => r.path === '/api/clients/search');

	it('Client: Get, Client: Update and Address: Create pick the client: From List (a search text is needed) or By ID', () => {
		const node = new Econtract();
		const locators = node.description.properties.filter((p) => p.type === 'resourceLocator');
		expect(
			locators
				.map(
					(p) =>
						`${p.name}:${(p.displayOptions?.show?.resource ?? []).join()}:${(p.displayOptions?.show?.operation ?? []).join()}`,
				)
				.sort(),
		).toEqual(['client_id:address:create', 'id:client:get', 'id:client:update']);
		for (const p of locators) {
			expect(p).toMatchObject({
				displayName: 'Client',
				required: true,
				default: { mode: 'list', value: '' },
			});
			expect(p.modes!.map((m) => m.name)).toEqual(['list', 'id']);
			expect(p.modes![0].typeOptions).toEqual({
				searchListMethod: 'searchClients',
				searchable: true,
				searchFilterRequired: true,
			});
			expect(p.modes![1].placeholder).toBe('e.g. 666');
		}
	});

	it("finds clients by the CRM's search (name, email), all matches in one answer", async () => {
		sim.seedClients(60, { first_name: 'Ann', last_name: 'Peeters' });
		const [jan] = sim.seedClients(1, {
			first_name: 'Jan',
			last_name: 'Janssens',
			email: 'jan@example.be',
		});
		const found = await search(' jan@example ');
		expect(found).toEqual({
			results: [{ name: `Jan Janssens <jan@example.be> (#${jan.id})`, value: String(jan.id) }],
		});
		expect(searches().map((r) => r.body.query)).toEqual(['jan@example']);
		const many = await search('peeters');
		expect(many.results).toHaveLength(60);
		expect(many.paginationToken).toBeUndefined();
		expect(await search('nobody')).toEqual({ results: [] });
	});

	it('asks nothing of the CRM without a search text (its search needs one)', async () => {
		expect(await search('')).toEqual({ results: [] });
		expect(await search(undefined)).toEqual({ results: [] });
		expect(searches()).toEqual([]);
	});

	it('runs with a picked client and with a plain ID saved by an older workflow; refuses 1.5', async () => {
		const [client] = sim.seedClients(1);
		for (const value of [
			rlc(String(client.id)),
			rlc(String(client.id), 'id'),
			client.id,
			` ${client.id} `,
		]) {
			sim.log.length = 0;
			const { output, error } = await run({
				resource: 'client',
				operation: 'get',
				id: value,
				simplify: false,
			});
			expect(error).toBeUndefined();
			expect(sim.log.map((r) => [r.method, r.path])).toEqual([
				['GET', `/api/clients/${client.id}`],
			]);
			expect(output[0].json.id).toBe(client.id);
		}
		const address = await run({
			resource: 'address',
			operation: 'create',
			client_id: rlc(String(client.id)),
			street: 'Kerkstraat',
			nr: '1',
			postal_code: '3500',
			city: 'Hasselt',
			country: 'BE',
		});
		expect(address.error).toBeUndefined();
		expect(sim.log.pop()!.body).toMatchObject({
			client_id: String(client.id),
			street: 'Kerkstraat',
		});
		sim.log.length = 0;
		const bad = await run({ resource: 'client', operation: 'get', id: rlc('1.5', 'id') });
		expect(bad.error?.message).toBe(
			'Client (id): "1.5" is not a valid ID. Expected a positive whole number, e.g. 666',
		);
		expect(sim.log).toEqual([]);
	});
});

describe('PUBLITRAC Campaign Names (loadOptions getCampaigns) and Search Operator', () => {
	let sim: PublitracSim;
	beforeAll(async () => {
		sim = publitracSimulator();
		await sim.start(0);
	});
	afterAll(async () => sim.stop());
	beforeEach(() => sim.reset());

	const credentialTypes = { publitracApi: new PublitracApi() };
	const load = () => {
		const ctx = createTriggerContext({
			parameters: {},
			credentials: publitracCredentials(sim),
			credentialTypes,
		});
		return new Publitrac().methods.loadOptions.getCampaigns.call(
			ctx as unknown as ILoadOptionsFunctions,
		) as Promise<INodePropertyOptions[]>;
	};
	const run = (parameters: IDataObject) =>
		runNode(new Publitrac(), {
			parameters,
			credentials: publitracCredentials(sim),
			credentialTypes,
		});

	const seedCampaigns = (n: number) => {
		for (let k = 0; k < n; k++) {
			(sim.state.campaigns as SimRecord[]).push({
				id: String(3000 + k),
				Name: `Seeded ${String(k).padStart(3, '0')}`,
				Type: 'Email',
				Token: `CMP-${k}`,
				CampaignType: 'CAMPAIGNTRACKING',
				Created_Date: '2024-01-01 00:00:00',
				Last_Updated: '2024-01-01 00:00:00',
			});
		}
	};

	it('Campaign: Execute shows the campaigns as a dropdown of names; Lead: Search "Operator" as options', () => {
		const [campaigns] = properties(new Publitrac(), 'campaigns');
		expect(campaigns).toMatchObject({
			displayName: 'Campaign Names or IDs',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getCampaigns' },
			default: [],
		});
		const [queries] = properties(new Publitrac(), 'queries');
		const operator = (queries.options![0] as { values: INodeProperties[] }).values.find(
			(v) => v.name === 'operator',
		)!;
		expect(operator).toMatchObject({ type: 'options', default: 'like' });
		expect(operator.options!.map((o) => (o as INodePropertyOptions).value)).toEqual(['like']);
	});

	it('lists every campaign of every page (250 = pages of 100), sorted by name', async () => {
		seedCampaigns(248);
		const options = await load();
		expect(options).toHaveLength(250);
		expect(options[0]).toEqual({
			name: 'AdCenter - Drip Marketing',
			value: 'AdCenter - Drip Marketing',
		});
		expect(options.map((o) => o.name)).toContain('Seeded 247');
		expect(options.map((o) => o.name)).toContain('Trade Show May');
		const pages = sim.log
			.filter((r) => r.query.method === 'getCampaigns')
			.map((r) => r.query.page)
			.sort();
		expect(pages.slice(0, 3)).toEqual(['1', '2', '3']);
	});

	it('executes the chosen campaigns (an array) and still reads names saved as text by older workflows', async () => {
		seedCampaigns(2);
		(sim.state.leads as SimRecord[]).push({ id: '900', email: 'ann@example.com', custom: {} });
		for (const campaigns of [
			['Trade Show May', 'Seeded 001'],
			'Trade Show May, Seeded 001',
			'Trade Show May\nSeeded 001',
		]) {
			sim.log.length = 0;
			const { output, error } = await run({
				resource: 'campaign',
				operation: 'execute',
				emails: 'ann@example.com',
				campaigns,
			});
			expect(error).toBeUndefined();
			const sent = sentQuery(
				sim.log.find(
					(r) => (r.query.method ?? (r.body as IDataObject).method) === 'executeCampaign',
				)!,
			);
			expect(sent.request.campaigns.campaign.map((c: IDataObject) => c.name)).toEqual([
				'Trade Show May',
				'Seeded 001',
			]);
			expect(output[0].json).toMatchObject({
				success: true,
				campaigns: ['Trade Show May', 'Seeded 001'],
			});
		}
	});

	it('sends the operator chosen (like), and one saved as text by an older workflow as it is', async () => {
		await run({
			resource: 'lead',
			operation: 'search',
			queries: { query: [{ field: 'email', operator: 'like', value: 'ann@%' }] },
			returnAll: true,
		});
		expect(sentQuery(sim.log.pop()!).request.queries.query).toEqual({
			field: 'email',
			operator: 'like',
			value: 'ann@%',
		});
		await run({
			resource: 'lead',
			operation: 'search',
			queries: { query: [{ field: 'email', operator: '=', value: 'ann@example.com' }] },
			returnAll: true,
		});
		expect(sentQuery(sim.log.pop()!).request.queries.query).toEqual({
			field: 'email',
			operator: '=',
			value: 'ann@example.com',
		});
	});
});
