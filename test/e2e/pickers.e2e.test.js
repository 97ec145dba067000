'use strict';
// The record pickers (issue 18) in a real n8n, the package installed from its packed tarball:
// what the editor asks when a user opens a "From List" resource locator or a dynamic dropdown,
// sent to n8n's own REST endpoints for dynamic parameters (POST
// /rest/dynamic-node-parameters/resource-locator-results and /options, logged in as the owner,
// with imported credentials) and answered from the simulators: SML leads (searchable, paged:
// page 2 fetched through the pagination token), Econtract clients (searchable), PUBLITRAC
// campaigns (every page) and PUBLITRAC leads (searchable by email, paged: page 2 through the token). Then workflows run a node with a picked value (the locator form the
// editor saves) and with a plain ID saved by an older workflow.
const { after, before, describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { XMLParser } = require('fast-xml-parser');
const { createSmlSimulator, SML_USERNAME, SML_PASSWORD } = require('../../sandbox/sml');
const {
	createEcontractSimulator,
	ECONTRACT_CRM_API_ID,
	ECONTRACT_CRM_API_KEY,
} = require('../../sandbox/econtract');
const { createPublitracSimulator, PUBLITRAC_CREDENTIALS } = require('../../sandbox/publitrac');
const { N8nInstance, PACKAGE_NAME, chainWorkflow, nodeOutput, request } = require('../helpers/n8n');

const MAJOR = Number(process.env.E2E_N8N_MAJOR || 2);
const SML = `${PACKAGE_NAME}.sml`;
const ECONTRACT = `${PACKAGE_NAME}.econtract`;
const PUBLITRAC = `${PACKAGE_NAME}.publitrac`;
const smlCred = { smlApi: { id: 'pickSml', name: 'SML pickers' } };
const ecCred = { econtractApi: { id: 'pickEc', name: 'Econtract pickers' } };
const ptCred = { publitracApi: { id: 'pickPt', name: 'PUBLITRAC pickers' } };
const rlc = (value, mode = 'list') => ({ __rl: true, mode, value });

describe(`record pickers in n8n ${MAJOR}.x (tarball install)`, () => {
	let n8n;
	let sml;
	let econtract;
	let publitrac;
	let headers;
	let runs;
	let seededClient;
	let ptLeads;

	before(async () => {
		// 45 leads in SML pages of at most 20: the picker needs three pages.
		sml = await createSmlSimulator({ maxPageSize: 20 }).start(0);
		sml.seedLeads(40, { client: { name: 'Marta Ruiz' } });
		sml.seedLeads(5, { client: { name: 'Pablo Gil' } });
		econtract = await createEcontractSimulator().start(0);
		econtract.seedClients(3, { first_name: 'Ann', last_name: 'Peeters' });
		[seededClient] = econtract.seedClients(1, {
			first_name: 'Jan',
			last_name: 'Janssens',
			email: 'jan@example.be',
		});
		publitrac = await createPublitracSimulator().start(0);
		for (let k = 0; k < 148; k++) {
			publitrac.state.campaigns.push({
				id: String(3000 + k),
				Name: `Seeded ${String(k).padStart(3, '0')}`,
				Type: 'Email',
				Token: `CMP-${k}`,
				CampaignType: 'CAMPAIGNTRACKING',
				Created_Date: '2024-01-01 00:00:00',
				Last_Updated: '2024-01-01 00:00:00',
			});
		}
		// 130 PUBLITRAC leads (pages of 100: the picker needs two), then one found by its email.
		ptLeads = publitrac.seedLeads(130);
		const [ann] = publitrac.seedLeads(1);
		Object.assign(ann, { firstName: 'Ann', lastName: 'Lee', email: 'ann.lee@acme.com' });
		ptLeads.push(ann);
		n8n = new N8nInstance();
		await n8n.importCredentials([
			{
				id: 'pickSml',
				name: 'SML pickers',
				type: 'smlApi',
				data: {
					domain: sml.url,
					username: SML_USERNAME,
					password: SML_PASSWORD,
					authScheme: 'Token',
				},
			},
			{
				id: 'pickEc',
				name: 'Econtract pickers',
				type: 'econtractApi',
				data: {
					baseUrl: econtract.url,
					crmApiId: ECONTRACT_CRM_API_ID,
					crmApiKey: ECONTRACT_CRM_API_KEY,
				},
			},
			{
				id: 'pickPt',
				name: 'PUBLITRAC pickers',
				type: 'publitracApi',
				data: { ...PUBLITRAC_CREDENTIALS, baseUrl: `${publitrac.url}/api` },
			},
		]);
		const smlNode = (name, parameters) => ({ name, type: SML, credentials: smlCred, parameters });
		const ecNode = (name, parameters) => ({
			name,
			type: ECONTRACT,
			credentials: ecCred,
			parameters,
		});
		const ptNode = (name, parameters) => ({
			name,
			type: PUBLITRAC,
			credentials: ptCred,
			parameters,
		});
		await n8n.importWorkflows([
			// The form the editor saves for a picked value, in both modes.
			chainWorkflow('pickRlc', 'picked values', [
				smlNode('Lead From List', {
					resource: 'lead',
					operation: 'get',
					id_lead: rlc('1000'),
					simplify: false,
				}),
				smlNode('Lead By ID', {
					resource: 'lead',
					operation: 'changeStatus',
					id_lead: rlc(' 1001 ', 'id'),
					status: 'tracing',
				}),
				ecNode('Client From List', {
					resource: 'client',
					operation: 'get',
					id: rlc(String(seededClient.id)),
					simplify: false,
				}),
				ptNode('PUBLITRAC Lead From List', {
					resource: 'lead',
					operation: 'get',
					email: rlc('ann.lee@acme.com'),
					simplify: false,
				}),
				ptNode('PUBLITRAC Visit By Email', {
					resource: 'history',
					operation: 'addWebVisit',
					email: rlc(' ann.lee@acme.com ', 'email'),
					additionalFields: { url: 'https://www.example.com/blog' },
				}),
			]),
			// A workflow saved before these fields were locators: plain IDs, as text and as a number.
			chainWorkflow('pickPlain', 'plain values of older workflows', [
				smlNode('Lead Plain', {
					resource: 'lead',
					operation: 'get',
					id_lead: '1002',
					simplify: false,
				}),
				smlNode('Task Plain', {
					resource: 'task',
					operation: 'create',
					lead: 1003,
					additionalFields: { type: 'budget' },
				}),
				ecNode('Client Plain', {
					resource: 'client',
					operation: 'get',
					id: seededClient.id,
					simplify: false,
				}),
				ptNode('PUBLITRAC Lead Plain', {
					resource: 'lead',
					operation: 'get',
					email: 'ann.lee@acme.com',
					simplify: false,
				}),
			]),
		]);
		({ runs } = await n8n.executeBatch(['pickRlc', 'pickPlain']));
		await n8n.start();
		headers = await n8n.ownerSession();
	});

	after(async () => {
		await n8n?.stop();
		n8n?.cleanup();
		await sml?.stop();
		await econtract?.stop();
		await publitrac?.stop();
	});

	/** What the editor posts when a "From List" locator opens, scrolls (token) or is searched (filter). */
	async function locatorResults(
		type,
		credentials,
		path,
		methodName,
		currentNodeParameters,
		{ filter, paginationToken } = {},
	) {
		const body = {
			path,
			methodName,
			nodeTypeAndVersion: { name: type, version: 1 },
			currentNodeParameters,
			credentials,
		};
		if (filter !== undefined) body.filter = filter;
		if (paginationToken !== undefined) body.paginationToken = paginationToken;
		const res = await request(
			'POST',
			`${n8n.url}/rest/dynamic-node-parameters/resource-locator-results`,
			{ headers, body },
		);
		assert.equal(
			res.status,
			200,
			`resource-locator-results ${methodName}: ${res.status} ${res.text.slice(0, 400)}`,
		);
		return res.json.data;
	}

	async function options(type, credentials, path, methodName, currentNodeParameters) {
		const body = {
			path,
			methodName,
			nodeTypeAndVersion: { name: type, version: 1 },
			currentNodeParameters,
			credentials,
		};
		const res = await request('POST', `${n8n.url}/rest/dynamic-node-parameters/options`, {
			headers,
			body,
		});
		assert.equal(res.status, 200, `options ${methodName}: ${res.status} ${res.text.slice(0, 400)}`);
		return res.json.data;
	}

	const smlLeads = (extra) =>
		locatorResults(
			SML,
			smlCred,
			'parameters.id_lead',
			'searchLeads',
			{ resource: 'lead', operation: 'get', id_lead: rlc('') },
			extra,
		);

	it('SML Lead "From List": page 1, then pages 2 and 3 through the pagination token, every lead once', async () => {
		const before = sml.log.length;
		const first = await smlLeads();
		assert.equal(first.results.length, 20);
		assert.deepEqual(first.results[0], { name: 'Marta Ruiz - Seed 984 (#984)', value: '984' });
		assert.equal(first.paginationToken, '2');
		const second = await smlLeads({ paginationToken: first.paginationToken });
		assert.equal(second.paginationToken, '3');
		const third = await smlLeads({ paginationToken: second.paginationToken });
		assert.equal(third.paginationToken, undefined);
		const ids = [...first.results, ...second.results, ...third.results].map((r) => Number(r.value));
		assert.deepEqual(
			ids,
			Array.from({ length: 45 }, (_, n) => 984 + n),
		);
		const asked = sml.log
			.slice(before)
			.filter((r) => r.path === '/api/lead/')
			.map((r) => r.query.page ?? '1');
		assert.deepEqual(asked, ['1', '2', '3']);
	});

	it('SML Lead "From List" searched: SML\'s search gets the text, the matches come back', async () => {
		const found = await smlLeads({ filter: 'Pablo' });
		assert.deepEqual(
			found.results.map((r) => r.value),
			['1024', '1025', '1026', '1027', '1028'],
		);
		assert.equal(found.paginationToken, undefined);
		assert.equal(sml.log.filter((r) => r.path === '/api/lead/').pop().query.search, 'Pablo');
		// The picker of Task: Create (internal name `lead`) uses the same list.
		const task = await locatorResults(
			SML,
			smlCred,
			'parameters.lead',
			'searchLeads',
			{ resource: 'task', operation: 'create', lead: rlc('') },
			{ filter: 'Marta' },
		);
		assert.equal(task.results.length, 20);
		assert.equal(task.paginationToken, '2');
	});

	it('Econtract Client "From List" searched by name or email; no search text asks nothing', async () => {
		const current = { resource: 'client', operation: 'get', id: rlc('') };
		const jan = await locatorResults(ECONTRACT, ecCred, 'parameters.id', 'searchClients', current, {
			filter: 'jan@example',
		});
		assert.deepEqual(jan.results, [
			{
				name: `Jan Janssens <jan@example.be> (#${seededClient.id})`,
				value: String(seededClient.id),
			},
		]);
		const peeters = await locatorResults(
			ECONTRACT,
			ecCred,
			'parameters.client_id',
			'searchClients',
			{ resource: 'address', operation: 'create', client_id: rlc('') },
			{ filter: 'Peeters' },
		);
		assert.equal(peeters.results.length, 3);
		const searches = econtract.log.filter((r) => r.path === '/api/clients/search');
		assert.deepEqual(
			searches.map((r) => r.body.query),
			['jan@example', 'Peeters'],
		);
		const none = await locatorResults(ECONTRACT, ecCred, 'parameters.id', 'searchClients', current);
		assert.deepEqual(none.results, []);
		assert.equal(econtract.log.filter((r) => r.path === '/api/clients/search').length, 2);
	});

	it('PUBLITRAC Campaign Names: every campaign of every page (150 in pages of 100), by name', async () => {
		const list = await options(PUBLITRAC, ptCred, 'parameters.campaigns', 'getCampaigns', {
			resource: 'campaign',
			operation: 'execute',
			campaigns: [],
		});
		assert.equal(list.length, 150);
		assert.deepEqual(list[0], {
			name: 'AdCenter - Drip Marketing',
			value: 'AdCenter - Drip Marketing',
		});
		assert.ok(list.some((o) => o.name === 'Seeded 147'));
		const pages = publitrac.log
			.filter((r) => r.query.method === 'getCampaigns')
			.map((r) => r.query.page);
		assert.ok(pages.includes('1') && pages.includes('2'), `pages read: ${pages}`);
	});

	const ptLeadCalls = () => publitrac.log.filter((r) => r.query.method === 'getLeads');
	const ptQuery = (entry) =>
		new XMLParser({ parseTagValue: false, trimValues: true, ignoreDeclaration: true }).parse(
			entry.query.query,
		);
	const ptPicker = (current, extra) =>
		locatorResults(PUBLITRAC, ptCred, 'parameters.email', 'searchLeads', current, extra);

	it('PUBLITRAC Lead "From List": every lead (the empty query), page 2 through the pagination token', async () => {
		const before = ptLeadCalls().length;
		const current = { resource: 'lead', operation: 'get', email: rlc('') };
		const first = await ptPicker(current);
		assert.equal(first.results.length, 100);
		assert.deepEqual(first.results[0], {
			name: `First0 Last0 <${ptLeads[0].email}>`,
			value: ptLeads[0].email,
		});
		assert.equal(first.paginationToken, '2');
		const second = await ptPicker(current, { paginationToken: first.paginationToken });
		assert.equal(second.results.length, 31);
		assert.equal(second.paginationToken, undefined);
		assert.deepEqual(
			[...first.results, ...second.results].map((r) => r.value),
			ptLeads.map((l) => l.email),
		);
		assert.deepEqual(second.results[30], {
			name: 'Ann Lee <ann.lee@acme.com>',
			value: 'ann.lee@acme.com',
		});
		const asked = ptLeadCalls().slice(before);
		assert.deepEqual(
			asked.map((r) => r.query.page),
			['1', '2'],
		);
		for (const r of asked) assert.deepEqual(ptQuery(r), { request: { queries: '' } });
	});

	it('PUBLITRAC Lead "From List" searched: the email like %text%, on every operation that picks a lead', async () => {
		for (const current of [
			{ resource: 'lead', operation: 'get', email: rlc('') },
			{ resource: 'list', operation: 'removeLead', listName: 'L', email: rlc('') },
			{ resource: 'history', operation: 'addClickLink', email: rlc('') },
		]) {
			const found = await ptPicker(current, { filter: 'ann.lee' });
			assert.deepEqual(found, {
				results: [{ name: 'Ann Lee <ann.lee@acme.com>', value: 'ann.lee@acme.com' }],
			});
			assert.deepEqual(ptQuery(ptLeadCalls().pop()).request.queries.query, {
				field: 'email',
				operator: 'like',
				value: '%ann.lee%',
			});
		}
		const none = await ptPicker(
			{ resource: 'lead', operation: 'update', email: rlc('') },
			{ filter: 'nobody-has-this' },
		);
		assert.deepEqual(none.results, []);
	});

	it('a workflow with picked values (From List and By ID) runs: the IDs reach the CRMs', () => {
		const run = runs.pickRlc;
		assert.ok(run, 'the workflow with picked values ran');
		assert.equal(nodeOutput(run, 'Lead From List')[0].json.id, 1000);
		assert.ok(sml.log.some((r) => r.method === 'GET' && r.path === '/api/lead/1000/'));
		assert.ok(
			sml.log.some((r) => r.method === 'PATCH' && r.path === '/api/lead/1001/change_status/'),
		);
		assert.equal(nodeOutput(run, 'Client From List')[0].json.id, seededClient.id);
		// PUBLITRAC: the picked email (From List) and the typed one (By Email, trimmed).
		assert.equal(nodeOutput(run, 'PUBLITRAC Lead From List')[0].json.email, 'ann.lee@acme.com');
		assert.equal(nodeOutput(run, 'PUBLITRAC Visit By Email')[0].json.success, true);
		const visit = publitrac.log.find((r) => r.query.method === 'addWebVisitHistory');
		assert.equal(visit.query.email, 'ann.lee@acme.com');
	});

	it('a workflow saved with plain IDs (before the locators) runs as before', () => {
		const run = runs.pickPlain;
		assert.ok(run, 'the workflow with plain values ran');
		assert.equal(nodeOutput(run, 'Lead Plain')[0].json.id, 1002);
		const task = sml.log.find((r) => r.method === 'POST' && r.path === '/api/lead_task_create/');
		assert.deepEqual(task.body, { lead: 1003, type: 'budget' });
		assert.equal(nodeOutput(run, 'Client Plain')[0].json.id, seededClient.id);
		assert.equal(nodeOutput(run, 'PUBLITRAC Lead Plain')[0].json.email, 'ann.lee@acme.com');
		assert.equal(
			publitrac.log.filter(
				(r) => r.query.method === 'getLead' && r.query.email === 'ann.lee@acme.com',
			).length,
			2,
		);
		assert.equal(
			econtract.log.filter(
				(r) => r.method === 'GET' && r.path === `/api/clients/${seededClient.id}`,
			).length,
			2,
		);
	});
});
