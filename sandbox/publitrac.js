'use strict';
// PUBLITRAC simulator, from the vendor's API document (docs/vendor-docs.md):
//   one endpoint (/api), `method` + apikey/username/password in the query string of every call
//   (doc "Authentification"), XML `query` documents, XML <response> answers with <status>
//   codes, <errors><error> lists and <paging> (100 leads per page), 35 calls/s per account
//   (doc "Limitation": beyond it the simulator answers 429 and counts a violation).
// Test helpers (not part of the API): sim.seedLeads(n, {view, list}), sim.state.
const { XMLParser, XMLValidator } = require('fast-xml-parser');
const { createSimulator } = require('./framework');

const CREDENTIALS = {
	apiKey: process.env.PUBLITRAC_SIM_API_KEY || '1234e567-890c-123e-4567-8901b234c56',
	username: process.env.PUBLITRAC_SIM_USERNAME || 'MyUser',
	password: process.env.PUBLITRAC_SIM_PASSWORD || 'MyPassw0rd',
	accountToken: process.env.PUBLITRAC_SIM_ACCOUNT_TOKEN || 'acct-7f3e9b21',
};
const PAGE_SIZE = 100;
const CALLS_PER_SECOND = 35;
// doc "Get leads" answer: the fields of a lead, in the doc's order.
const LEAD_FIELDS = [
	'id',
	'firstName',
	'lastName',
	'middleName',
	'company',
	'phone',
	'email',
	'mailingAddress',
	'originalSource',
	'originalSourceType',
	'keyword',
	'jobTitle',
	'dateOfBirth',
	'status',
	'score',
	'postalCode',
	'country',
	'city',
	'state',
	'doNotCall',
	'doNotCallReason',
	'token',
	'unsubscribed',
	'unsubscribeCause',
	'fax',
	'mobile',
	'isCustomer',
	'isAnonymous',
	'emailInvalid',
	'emailInvalidCause',
	'notes',
	'suspended',
	'suspendedReason',
	'blacklisted',
	'blacklistedCause',
	'customerId',
	'website',
	'language',
	'nbrEmployees',
	'revenue',
	'crmLeadId',
	'createdDate',
	'lastUpdated',
];
const FLAGS = [
	'doNotCall',
	'unsubscribed',
	'isCustomer',
	'isAnonymous',
	'emailInvalid',
	'suspended',
	'blacklisted',
];
const INTEGERS = ['score', 'nbrEmployees', 'revenue'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const XML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const esc = (v) => {
	const text = String(v ?? '');
	return /[&<>"']/.test(text) ? text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]) : text;
};
const el = (name, value) => `<${name}>${esc(value)}</${name}>`;
const xmlAnswer = (status, message, inner = '', errors = []) =>
	`<?xml version="1.0" encoding="UTF-8"?>\n<response>\n${inner}${errors.length ? `<errors>${errors.map((e) => el('error', e)).join('')}</errors>\n` : ''}<status>${status}</status>\n<message>${esc(message)}</message>\n</response>`;
const answer = (status, message, inner, errors, http = 200) => ({
	status: http,
	body: xmlAnswer(status, message, inner, errors),
	contentType: 'text/xml; charset=utf-8',
});

function now(state) {
	state.clock += 1;
	const d = new Date(Date.UTC(2024, 0, 1) + state.clock * 1000);
	return d.toISOString().slice(0, 19).replace('T', ' ');
}

function renderLead(lead) {
	const own = LEAD_FIELDS.map((f) => el(f, lead[f] ?? '')).join('');
	const custom = Object.entries(lead.custom || {})
		.map(([k, v]) => el(k, v))
		.join('');
	return `<lead>${own}${custom}</lead>`;
}

// A lead's XML, remembered with the values it was made from and made again when any of them
// changed (tests also change leads directly in sim.state). Rendering 100 leads was most of the
// time this single-threaded simulator spent on a page; a real server answers a second's 35
// calls in parallel, and a bench should measure the node, not this rendering.
const leadXmlCache = new WeakMap();
function leadXml(lead) {
	const cached = leadXmlCache.get(lead);
	if (cached && sameValues(cached, lead)) return cached.xml;
	const custom = lead.custom || {};
	const entry = {
		values: LEAD_FIELDS.map((f) => lead[f]),
		custom,
		customEntries: Object.entries(custom),
		xml: renderLead(lead),
	};
	leadXmlCache.set(lead, entry);
	return entry.xml;
}
function sameValues(cached, lead) {
	for (let k = 0; k < LEAD_FIELDS.length; k++)
		if (lead[LEAD_FIELDS[k]] !== cached.values[k]) return false;
	const custom = lead.custom || {};
	if (custom !== cached.custom) return false;
	const entries = cached.customEntries;
	let count = 0;
	for (const key in custom) {
		if (!Object.prototype.hasOwnProperty.call(custom, key)) continue;
		const at = entries[count++];
		if (!at || at[0] !== key || at[1] !== custom[key]) return false;
	}
	return count === entries.length;
}

// The leads of a view or list, in the order of state.leads. Remembered between pages (a
// Return All over 20,000 leads would otherwise filter all leads 200 times and make this
// simulator, not the node, the slowest part of a bench); recomputed when the membership or the
// leads change (leads are only ever added; membership arrays are pushed to, spliced or replaced).
function membersOf(state, store) {
	const ids = store.leadIds;
	const key = `${state.leads.length}|${ids.length}|${ids[0]}|${ids[ids.length - 1]}`;
	const cached = membersCache.get(ids);
	if (cached && cached.key === key && cached.leads === state.leads) return cached.found;
	const set = new Set(ids);
	const found = state.leads.filter((l) => set.has(l.id));
	membersCache.set(ids, { key, leads: state.leads, found });
	return found;
}
const membersCache = new WeakMap();

function pageOf(list, page) {
	const p = Math.max(1, Number(page) || 1);
	const slice = list.slice((p - 1) * PAGE_SIZE, p * PAGE_SIZE);
	return {
		slice,
		paging: `<paging>${el('page', p)}${el('items', slice.length)}${el('offset', p * PAGE_SIZE)}${el('total', list.length)}</paging>\n`,
	};
}

function parseQuery(text) {
	if (typeof text !== 'string' || !text.trim() || XMLValidator.validate(text) !== true)
		return undefined;
	const parser = new XMLParser({
		parseTagValue: false,
		trimValues: true,
		ignoreDeclaration: true,
		isArray: (name, jpath) =>
			[
				'request.lead',
				'request.leads.lead',
				'request.queries.query',
				'request.campaigns.campaign',
				'request.opportunity.leads.leadId',
			].includes(jpath),
	});
	const doc = parser.parse(text);
	return doc && typeof doc.request === 'object'
		? doc.request
		: doc && doc.request === ''
			? {}
			: undefined;
}

function flat(value) {
	return value === undefined || value === null
		? ''
		: typeof value === 'object'
			? ''
			: String(value);
}

/** Checks one <lead> as addLead/updateLead/syncLead do (appendix error lines). */
function checkLead(xml) {
	const errors = [];
	const email = flat(xml.email);
	const who = email
		? `xml lead->email (${email})`
		: xml.crmLeadId
			? `xml lead->crmId (${flat(xml.crmLeadId)})`
			: '(lead no email no crm id)';
	if (!email) errors.push(`9001 - Email is required for ${who}`);
	else if (!EMAIL.test(email))
		errors.push(`9002 - Email address is invalid for xml lead->email (${email}) `);
	for (const f of INTEGERS)
		if (xml[f] !== undefined && xml[f] !== '' && !/^-?\d+$/.test(flat(xml[f])))
			errors.push(`9006 - ${f} (${flat(xml[f])}) must be a valid integer for ${who} `);
	for (const f of FLAGS)
		if (xml[f] !== undefined && xml[f] !== '' && !['0', '1'].includes(flat(xml[f])))
			errors.push(`9007 - ${f} (${flat(xml[f])}) must be 0 or 1 for ${who} `);
	return errors;
}

function applyLead(lead, xml, state) {
	for (const [k, v] of Object.entries(xml)) {
		if (k === 'customFields') {
			if (v && typeof v === 'object')
				for (const [ck, cv] of Object.entries(v)) lead.custom[ck] = flat(cv);
		} else if (k !== 'id' && k !== 'createdDate' && k !== 'lastUpdated') {
			if (LEAD_FIELDS.includes(k)) lead[k] = flat(v);
			else lead.custom[k] = flat(v);
		}
	}
	lead.lastUpdated = now(state);
	return lead;
}

function newLead(state, fields = {}) {
	const id = state.nextId++;
	const at = now(state);
	const lead = {
		id: String(id),
		status: 'Active',
		score: '0',
		createdDate: at,
		lastUpdated: at,
		custom: {},
	};
	for (const f of FLAGS) lead[f] = '0';
	state.leads.push(lead);
	return Object.assign(lead, fields);
}

const byEmail = (state, email) =>
	state.leads.find((l) => (l.email || '').toLowerCase() === String(email || '').toLowerCase());

function matches(lead, q) {
	const field = flat(q.field);
	const value = flat(q.value);
	const actual = String(lead[field] ?? lead.custom[field] ?? '');
	const op = flat(q.operator).toLowerCase();
	if (op === 'like') {
		const re = new RegExp(
			`^${value
				.split('%')
				.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
				.join('.*')}$`,
			'i',
		);
		return re.test(actual);
	}
	if (op === '=' || op === 'eq' || op === 'equals') return actual === value;
	if (op === '!=' || op === '<>') return actual !== value;
	return false;
}

function handleMethod(method, p, state) {
	const needQuery = () => {
		const q = parseQuery(p.query);
		return q;
	};
	switch (method) {
		case 'getLeads': {
			const q = needQuery();
			if (!q)
				return answer(9011, 'Invalid XML query.', '', [
					'9011 - The query parameter must be a valid XML document',
				]);
			const queries = q.queries && typeof q.queries === 'object' ? q.queries.query || [] : [];
			const found = state.leads.filter((l) => queries.every((x) => matches(l, x)));
			const { slice, paging } = pageOf(found, p.page);
			return answer(
				2001,
				'Get leads success.',
				`<leads>${slice.map(leadXml).join('')}</leads>\n${paging}`,
			);
		}
		case 'getLead': {
			const lead = byEmail(state, p.email);
			if (!p.email)
				return answer(9015, 'Get lead failed.', '', ['9001 - Lead email address is required']);
			if (!lead)
				return answer(9015, 'Get lead failed.', '', [`9005 - (${p.email}) Lead not found.`]);
			return answer(2002, 'Get lead success.', `<leads>${leadXml(lead)}</leads>\n`);
		}
		case 'getLeadByExternalId': {
			if (!p.externalId)
				return answer(9003, 'getLeadByExternalId failed.', '', ['9003 - External id is required']);
			const lead = state.leads.find((l) => l.crmLeadId === p.externalId);
			if (!lead) return answer(9015, 'getLeadByExternalId failed.', '', ['9005 - lead not found']);
			return answer(2010, 'getLeadByExternalId success.', `<leads>${leadXml(lead)}</leads>\n`);
		}
		case 'getLeadByTokenId': {
			// Appendix "getLeadByTokenId - Error code".
			if (!p.tokenId) return answer(9015, 'getLeadByTokenId failed.', '', ['Tok Id is required']);
			if (!/^_nl-/.test(p.tokenId))
				return answer(9015, 'getLeadByTokenId failed.', '', ['Tok Id is invalid']);
			const lead = state.leads.find((l) => l.token === p.tokenId);
			if (!lead) return answer(9015, 'getLeadByTokenId failed.', '', ['9005 - lead not found']);
			return answer(2002, 'getLeadByTokenId success.', `<leads>${leadXml(lead)}</leads>\n`);
		}
		case 'syncLead':
		case 'addLead':
		case 'updateLead': {
			const q = needQuery();
			if (!q)
				return answer(9011, 'Invalid XML query.', '', [
					'9011 - The query parameter must be a valid XML document',
				]);
			const leads = q.lead || [];
			const fail = {
				syncLead: [9018, 'Sync lead contain error'],
				addLead: [9016, 'Create new lead have errors.'],
				updateLead: [9017, 'Update Lead contain error'],
			}[method];
			if (!leads.length) return answer(fail[0], fail[1], '', ['lead is required']);
			const errors = leads.flatMap(checkLead);
			// doc "Sync Lead": mergeAnonymous "à 1 (vrai)", useToken true in the example; 0 (false)
			// when absent. Each is read as 1 or true.
			const useToken = ['true', '1'].includes(flat(q.useToken));
			const mergeAnonymous = ['true', '1'].includes(flat(q.mergeAnonymous));
			const keys = flat(q.customUnicityKeys)
				.split(',')
				.map((k) => k.trim())
				.filter(Boolean);
			for (const xml of leads) {
				if (method !== 'syncLead') continue;
				if (mergeAnonymous && !flat(xml.token))
					errors.push(
						`9018 - mergeAnonymous needs the token for xml lead->email (${flat(xml.email)})`,
					);
				for (const k of keys)
					if (!flat(xml[k]) && !(xml.customFields && flat(xml.customFields[k])))
						errors.push(
							`9018 - Unicity key ${k} is empty for xml lead->email (${flat(xml.email)})`,
						);
			}
			if (errors.length) return answer(fail[0], fail[1], '', errors);
			for (const xml of leads) {
				const email = flat(xml.email);
				if (method === 'addLead') {
					if (byEmail(state, email))
						return answer(9016, 'Create new lead have errors.', '', [
							`9004 - Lead with email address ${email} already exists, please use the updateLead() call.`,
						]);
					applyLead(newLead(state), xml, state);
				} else if (method === 'updateLead') {
					const lead = byEmail(state, email);
					if (!lead)
						return answer(9017, 'Update Lead contain error', '', [
							`9005 - Lead (${email}) does not exist.`,
						]);
					applyLead(lead, xml, state);
				} else {
					let matchesFound;
					if (keys.length)
						matchesFound = state.leads.filter((l) =>
							keys.every(
								(k) =>
									String(l[k] ?? l.custom[k] ?? '') === flat(xml[k] ?? (xml.customFields || {})[k]),
							),
						);
					else if (useToken && flat(xml.token))
						matchesFound = state.leads.filter((l) => l.token === flat(xml.token));
					else
						matchesFound = state.leads.filter(
							(l) => (l.email || '').toLowerCase() === email.toLowerCase(),
						);
					// doc "Sync Lead": several leads matching the unicity keys is an error.
					if (matchesFound.length > 1)
						return answer(9018, 'Sync lead contain error', '', [
							`9018 - Several leads match the unicity keys for xml lead->email (${email})`,
						]);
					applyLead(matchesFound[0] || newLead(state), xml, state);
				}
			}
			const ok = {
				syncLead: [2006, 'Leads synchronization successfull.'],
				addLead: [2003, 'Create new lead success.'],
				updateLead: [2004, 'Leads updated successfully.'],
			}[method];
			return answer(ok[0], ok[1]);
		}
		case 'getView':
		case 'getList': {
			// doc "Get List": its parameter table names the list listName, its example request
			// viewName; either is read, listName first when both come.
			const name = method === 'getView' ? p.viewName : (p.listName ?? p.viewName);
			const store = method === 'getView' ? state.views : state.lists;
			if (!name || !store[name]) {
				const code = method === 'getView' ? 9010 : 9009;
				return answer(code, `${method} failed.`, '', [
					`${code} - ${method === 'getView' ? 'View' : 'List'} (${name || ''}) does not exist.`,
				]);
			}
			const found = membersOf(state, store[name]);
			const { slice, paging } = pageOf(found, p.page);
			return answer(
				2001,
				method === 'getView' ? 'Get leads success.' : 'Get list success.',
				`<leads>${slice.map(leadXml).join('')}</leads>\n${paging}`,
			);
		}
		case 'addLeadsToList':
		case 'removeLeadFromList': {
			const q = needQuery();
			if (!q)
				return answer(9011, 'Invalid XML query.', '', [
					'9011 - The query parameter must be a valid XML document',
				]);
			const add = method === 'addLeadsToList';
			const fail = add
				? [9013, 'Add Leads To List failed.']
				: [9014, 'Remove lead from list failed.'];
			const name = q.list && typeof q.list === 'object' ? flat(q.list.name) : '';
			if (!name) return answer(fail[0], fail[1], '', ['9009 - List name is required']);
			// doc "Add leads to list": the name holds fewer than 50 characters.
			if (name.length >= 50)
				return answer(fail[0], fail[1], '', [
					`9009 - List (${name}) name must contain less than 50 characters.`,
				]);
			const emails = (q.leads && typeof q.leads === 'object' ? q.leads.lead || [] : []).map((l) =>
				flat(l.email),
			);
			if (!emails.length)
				return answer(fail[0], fail[1], '', ['9005 - Lead email address is required']);
			if (add) {
				if (state.lists[name] && state.lists[name].filtered)
					return answer(fail[0], fail[1], '', [
						'9012 - You are trying to insert a lead inside a filtered list, this operation is only permitted on static lists.',
					]);
				const missing = emails.filter((e) => !byEmail(state, e));
				if (missing.length)
					return answer(
						fail[0],
						fail[1],
						'',
						missing.map((e) => `9005 - (${e}) Leads not found.`),
					);
				const list = (state.lists[name] = state.lists[name] || { leadIds: [] });
				for (const e of emails) {
					const id = byEmail(state, e).id;
					if (!list.leadIds.includes(id)) list.leadIds.push(id);
				}
				return answer(2009, 'Add leads to list success.');
			}
			if (!state.lists[name]) return answer(fail[0], fail[1], '', ['9009 - List does not exist.']);
			const lead = byEmail(state, emails[0]);
			if (!lead) return answer(fail[0], fail[1], '', ['9005 - Lead does not exist.']);
			state.lists[name].leadIds = state.lists[name].leadIds.filter((id) => id !== lead.id);
			return answer(2008, 'Remove lead from list success.');
		}
		case 'addWebVisitHistory':
		case 'addClickLinkHistory':
		case 'addFillFormHistory': {
			const q = needQuery();
			if (!q)
				return answer(9011, 'Invalid XML query.', '', [
					'9011 - The query parameter must be a valid XML document',
				]);
			const element = {
				addWebVisitHistory: 'webvisitleadhistory',
				addClickLinkHistory: 'clicklinkleadhistory',
				addFillFormHistory: 'fillformleadhistory',
			}[method];
			const entry = q[element];
			if (!entry || typeof entry !== 'object')
				return answer(9011, 'Invalid XML query.', '', [`9011 - <${element}> is required`]);
			if (!p.email || p.email.length >= 50)
				return answer(9005, `${method} failed.`, '', [
					'9005 - Lead email address is required (fewer than 50 characters)',
				]);
			const lead = byEmail(state, p.email);
			if (!lead)
				return answer(9005, `${method} failed.`, '', [`9005 - (${p.email}) Lead not found.`]);
			if (method === 'addFillFormHistory' && !state.forms.includes(flat(entry.formName)))
				return answer(9011, 'Add fill form history failed.', '', [
					`Form (${flat(entry.formName)}) does not exist.`,
				]);
			state.history.push({ method, email: p.email, entry });
			const ok = {
				addWebVisitHistory: [3002, 'Add web page history success.'],
				addClickLinkHistory: [3003, 'Add click link history success.'],
				addFillFormHistory: [3004, 'Add fill form history success.'],
			}[method];
			return answer(ok[0], ok[1]);
		}
		case 'getCampaigns': {
			// doc "Get campaigns": <campaign> elements directly in <response>, no <paging>.
			const p1 = Math.max(1, Number(p.page) || 1);
			const slice = state.campaigns.slice((p1 - 1) * PAGE_SIZE, p1 * PAGE_SIZE);
			const inner = slice
				.map(
					(c) =>
						`<campaign>${el('id', c.id)}${el('Name', c.Name)}${el('Type', c.Type)}${el('Token', c.Token)}${el('CampaignType', c.CampaignType)}${el('Created_Date', c.Created_Date)}${el('Last_Updated', c.Last_Updated)}</campaign>\n`,
				)
				.join('');
			return answer(5001, 'Get campaigns success.', inner);
		}
		case 'executeCampaign': {
			const q = needQuery();
			if (!q)
				return answer(9011, 'Invalid XML query.', '', [
					'9011 - The query parameter must be a valid XML document',
				]);
			const emails = (q.leads && typeof q.leads === 'object' ? q.leads.lead || [] : []).map((l) =>
				flat(l.email),
			);
			const names = (
				q.campaigns && typeof q.campaigns === 'object' ? q.campaigns.campaign || [] : []
			).map((c) => flat(c.name));
			// doc: if a lead or a campaign does not exist, nothing is processed.
			const missingLeads = emails.filter((e) => !byEmail(state, e));
			const missingCampaigns = names.filter((n) => !state.campaigns.some((c) => c.Name === n));
			if (!emails.length || !names.length || missingLeads.length || missingCampaigns.length) {
				return answer(9005, 'Execute campaigns on leads failed.', '', [
					...missingLeads.map((e) => `9005 - (${e}) Leads not found.`),
					...missingCampaigns.map((n) => `Campaign (${n}) does not exist.`),
					...(!emails.length ? ['9005 - Lead email address is required'] : []),
					...(!names.length ? ['Campaign name is required'] : []),
				]);
			}
			for (const name of names)
				for (const e of new Set(emails)) state.executions.push({ campaign: name, email: e });
			return answer(1100, 'Execute campaigns on leads success.');
		}
		case 'addEmailCampaign': {
			const q = needQuery();
			if (!q)
				return answer(9011, 'Invalid XML query.', '', [
					'9011 - The query parameter must be a valid XML document',
				]);
			const name =
				q.information && typeof q.information === 'object' ? flat(q.information.name) : '';
			const leads = q.leads && typeof q.leads === 'object' ? q.leads.lead || [] : [];
			if (!name || name.length >= 50)
				return answer(9011, 'Add email campaign failed.', '', [
					'The campaign name is required and must contain less than 50 characters',
				]);
			// doc "Add emails campaign": at most 50 leads per call.
			if (leads.length > 50)
				return answer(9011, 'Add email campaign failed.', '', [
					`A maximum of 50 leads can be executed per call (${leads.length} given)`,
				]);
			const errors = leads.flatMap(checkLead);
			if (errors.length) return answer(9018, 'Add email campaign failed.', '', errors);
			for (const xml of leads) {
				const lead = byEmail(state, flat(xml.email)) || newLead(state);
				applyLead(lead, xml, state);
			}
			const campaign = (state.emailCampaigns[name] = state.emailCampaigns[name] || {
				name,
				email: q.email,
				leads: [],
			});
			campaign.leads.push(...leads.map((l) => flat(l.email)));
			return answer(2001, 'Lead emails synchronization successfull.');
		}
		case 'getOpportunities': {
			const { slice, paging } = pageOf(state.opportunities, p.page);
			const inner = slice
				.map(
					(o) =>
						`<opportunity>${['id', 'Name', 'Description', 'Opportunity_Type', 'Account_Name', 'Campaign_Name', 'Lead_Source', 'Amount', 'Date_Closed', 'Sales_Stage', 'Probability', 'External_id', 'Account', 'Created_Date', 'Last_Updated'].map((f) => el(f, o[f] ?? '')).join('')}</opportunity>`,
				)
				.join('');
			return answer(
				5001,
				'Get opportunities success.',
				`<opportunities>${inner}</opportunities>\n${paging}`,
			);
		}
		case 'syncOpportunity': {
			const q = needQuery();
			const o = q && q.opportunity;
			if (!o || typeof o !== 'object')
				return answer(9011, 'Invalid XML query.', '', ['9011 - <opportunity> is required']);
			const errors = [];
			for (const f of ['id', 'name', 'salesStage', 'amount', 'probability'])
				if (!flat(o[f])) errors.push(`${f} is required`);
			if (o.amount !== undefined && !/^\d+$/.test(flat(o.amount)))
				errors.push('amount must be an integer');
			if (
				o.probability !== undefined &&
				!(Number(flat(o.probability)) >= 1 && Number(flat(o.probability)) <= 100)
			)
				errors.push('probability must be between 1 and 100');
			if (/^Closed/.test(flat(o.salesStage)) && !flat(o.dateClosed))
				errors.push('dateClosed is required when the opportunity is closed');
			if (errors.length) return answer(9011, 'Opportunity not synchronized.', '', errors);
			const leadIds =
				o.leads && typeof o.leads === 'object' ? (o.leads.leadId || []).map(flat) : [];
			const record = {
				id: String(state.opportunities.length + 1),
				External_id: flat(o.id),
				Name: flat(o.name),
				Description: flat(o.description),
				Opportunity_Type: flat(o.type),
				Account_Name: flat(o.accountName),
				Campaign_Name: flat(o.campaignName),
				Lead_Source: flat(o.leadSource),
				Amount: flat(o.amount),
				Date_Closed: flat(o.dateClosed),
				Sales_Stage: flat(o.salesStage),
				Probability: flat(o.probability),
				Account: '1',
				leads: leadIds,
			};
			const existing = state.opportunities.find((x) => x.External_id === record.External_id);
			if (existing) Object.assign(existing, { ...record, id: existing.id });
			else state.opportunities.push(record);
			return answer(5002, 'Opportunity synchronized.');
		}
		case 'addTransaction': {
			// doc "E-Commerce Transactions": transaction (JSON), token (account token), email.
			if (p.token !== state.credentials.accountToken)
				return answer(9011, 'Transaction failed.', '', ['Invalid account token']);
			let t;
			try {
				t = JSON.parse(p.transaction || '');
			} catch {
				return answer(9011, 'Transaction failed.', '', ['transaction must be a JSON object']);
			}
			if (!p.email || !byEmail(state, p.email))
				return answer(9005, 'Transaction failed.', '', [
					`9005 - (${p.email || ''}) Lead not found.`,
				]);
			state.transactions.push(t);
			// The doc shows a saved transaction answered "200 OK"; the API's other answers are the
			// <response> envelope. `transactionAnswer` picks one: 'xml' (2001, the default),
			// 'plain' (the doc's text), 'envelope200' (<status>200</status> in the envelope).
			if (state.transactionAnswer === 'plain')
				return { status: 200, body: '200 OK', contentType: 'text/plain' };
			if (state.transactionAnswer === 'envelope200') return answer(200, 'Transaction saved.');
			return answer(2001, 'Transaction success.');
		}
		default:
			return answer(9011, 'Unknown method.', '', [`Unknown method ${method || '(none)'}`]);
	}
}

/**
 * An API answer as the state says servers write it. `numericReferences`: every non-ASCII
 * character as a numeric character reference (Montr&#xE9;al) and ' as &#039; (PHP's
 * htmlspecialchars), both XML the client must decode. `answerPrefix`: text before the XML
 * declaration (a PHP server's stray newline).
 */
function served(answered, state) {
	if (!answered || typeof answered.body !== 'string' || !/xml/.test(answered.contentType))
		return answered;
	if (!state.numericReferences && !state.answerPrefix) return answered;
	let body = answered.body;
	if (state.numericReferences)
		body = body
			.replace(/&apos;/g, '&#039;')
			.replace(/[^\x00-\x7f]/gu, (c) => `&#x${c.codePointAt(0).toString(16).toUpperCase()};`);
	return { ...answered, body: `${state.answerPrefix}${body}` };
}

function createPublitracSimulator(options = {}) {
	const credentials = { ...CREDENTIALS, ...(options.credentials || {}) };
	const sim = createSimulator({
		name: 'publitrac',
		initialState: () => ({
			credentials: { ...credentials },
			clock: 0,
			nextId: 470,
			leads: [],
			// An empty static list, so the demo trigger has something to watch from the start.
			lists: { Newsletter: { leadIds: [] } },
			views: {},
			campaigns: [
				{
					id: '2071',
					Name: 'AdCenter - Drip Marketing',
					Type: 'Paid Search',
					Token: 'CMP-4d7147b0dd389',
					CampaignType: 'CAMPAIGNTRACKING',
					Created_Date: '2011-03-04 20:12:32',
					Last_Updated: '2011-12-08 01:10:14',
				},
				{
					id: '2211',
					Name: 'Trade Show May',
					Type: 'Paid Search',
					Token: 'CMP-4dc2ebfe7a3f2',
					CampaignType: 'CAMPAIGNTRACKING',
					Created_Date: '2011-05-05 18:27:10',
					Last_Updated: '2011-12-08 01:10:14',
				},
			],
			emailCampaigns: {},
			executions: [],
			opportunities: [],
			history: [],
			transactions: [],
			transactionAnswer: 'xml',
			// How the XML answers are written, for tests of what servers really send (see served).
			numericReferences: false,
			answerPrefix: '',
			forms: ['Infolettre'],
			calls: {},
			rateViolations: 0,
		}),
		malformedBody: '<html><body><h1>502 Bad Gateway</h1></body></html>',
		malformedType: 'text/html',
		handle({ req, path, query, body, state }) {
			if (path !== '/api' && path !== '/api/') return undefined;
			if (req.method !== 'GET' && req.method !== 'POST')
				return { status: 405, body: 'Method Not Allowed', contentType: 'text/plain' };
			const params = { ...query, ...(body && typeof body === 'object' ? body : {}) };
			// doc "Authentification": apikey (apiKey in the method examples), username, password on every call.
			const key = query.apikey ?? query.apiKey;
			const c = state.credentials;
			if (key !== c.apiKey || query.username !== c.username || query.password !== c.password) {
				return answer(
					401,
					'Authentication failed: invalid apikey, username or password.',
					'',
					[],
					401,
				);
			}
			// doc "Limitation": 35 calls per second per account (a sliding one-second window).
			const at = Date.now();
			const recent = (state.calls[key] || []).filter((t) => t > at - 1000);
			if (recent.length >= CALLS_PER_SECOND) {
				state.rateViolations += 1;
				state.calls[key] = recent;
				return {
					...answer(
						429,
						`Too many calls: the limit is ${CALLS_PER_SECOND} per second.`,
						'',
						[],
						429,
					),
					headers: { 'retry-after': '1' },
				};
			}
			recent.push(at);
			state.calls[key] = recent;
			// doc: reads are GET, writes POST (addEmailCampaign takes both).
			const writes = [
				'syncLead',
				'addLead',
				'updateLead',
				'addLeadsToList',
				'removeLeadFromList',
				'addWebVisitHistory',
				'addClickLinkHistory',
				'addFillFormHistory',
				'executeCampaign',
				'syncOpportunity',
				'addTransaction',
			];
			if (writes.includes(query.method) && req.method !== 'POST')
				return answer(9011, `${query.method} must be called with POST.`, '', [], 405);
			return served(handleMethod(query.method, params, state), state);
		},
	});
	/** Seeds n leads (lead{i}@example.com), optionally members of a view and/or a list. */
	sim.seedLeads = (n, where = {}) => {
		const made = [];
		for (let i = 0; i < n; i++) {
			const lead = newLead(sim.state, {
				firstName: `First${i}`,
				lastName: `Last${i}`,
				email: `lead${sim.state.nextId}@example.com`,
				company: 'ACME',
			});
			made.push(lead);
		}
		for (const [kind, store] of [
			['view', 'views'],
			['list', 'lists'],
		]) {
			if (!where[kind]) continue;
			const target = (sim.state[store][where[kind]] = sim.state[store][where[kind]] || {
				leadIds: [],
			});
			target.leadIds.push(...made.map((l) => l.id));
		}
		// Rendered now, as part of the seeding: the first Return All after it should not pay for
		// this simulator's rendering (a bench's first run would otherwise be its slowest).
		for (const lead of made) leadXml(lead);
		return made;
	};
	return sim;
}

/** The n8n credential (type and data, as the credential's fields hold it) that points at this simulator running at `url`. */
function publitracCredential(url) {
	// The API is under /api on the simulator, as on PUBLITRAC's own servers.
	return { type: 'publitracApi', data: { ...CREDENTIALS, baseUrl: `${url}/api` } };
}

module.exports = {
	createPublitracSimulator,
	publitracCredential,
	PUBLITRAC_CREDENTIALS: CREDENTIALS,
};
