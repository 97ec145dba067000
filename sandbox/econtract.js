'use strict';
// Econtract CRM simulator, from the vendor's API document (docs/vendor-docs.md) and the wire
// rules of docs/operations.md's Econtract section: crm_api_id/crm_api_key in every call (query
// on GET, form body on POST), 401 when wrong or missing; JSON models; 422 {message, errors} on
// invalid data.
const { createSimulator } = require('./framework');

const CRM_API_ID = process.env.ECONTRACT_SIM_API_ID || 'sim-crm-4711';
const CRM_API_KEY = process.env.ECONTRACT_SIM_API_KEY || 'simKey-9f3aQ7xLm2Rt8';

const PRODUCT_TYPES = ['electricity', 'gas', 'dualfuel_pack'];
const INTERESTS = ['car', 'dog', 'funeral', 'fire', 'hospitalization'];
const BOOL = ['0', '1', 'true', 'false'];
// Doc tables, required fields ("Required: yes").
const CLIENT_REQUIRED = ['gender', 'segment', 'first_name', 'last_name', 'email', 'language'];
const ADDRESS_REQUIRED = ['street', 'nr', 'postal_code', 'city', 'country'];
const ORDER_REQUIRED = [
	'comparison_id',
	'affiliate_id',
	'sales_channel_id',
	'ip_address',
	'supplier_id',
	'product_id',
	'payment_method',
];
const CONTRACT_REQUIRED = {
	electricity: [
		'ean',
		'mru_type',
		'mru_nr',
		'connection_type',
		'usage_day',
		'usage_night',
		'usage_excl',
		'has_budget_meter',
		'has_solar_panels',
		'situation',
		'donor',
		'donor_client_nr',
	],
	gas: ['ean', 'mru_nr', 'situation', 'donor', 'donor_client_nr'],
	dualfuel_pack: [
		'elec_ean',
		'elec_mru_type',
		'elec_mru_nr',
		'elec_connection_type',
		'elec_has_budget_meter',
		'elec_has_solar_panels',
		'elec_situation',
		'elec_donor',
		'elec_donor_client_nr',
		'gas_ean',
		'gas_mru_nr',
		'gas_situation',
		'gas_donor',
		'gas_donor_client_nr',
	],
};
const BOOLEANS = [
	'has_budget_meter',
	'has_solar_panels',
	'has_digital_meter',
	'ean_unknown',
	'elec_has_budget_meter',
	'elec_has_solar_panels',
	'elec_has_digital_meter',
	'is_hot',
	'interested_in_insurance',
	'allow_insurance_call',
	'deal_closed',
];
// Doc "(*) Check the CRM parameters page": values of that page, whole numbers from 1 (the doc's examples use 1, 2, 3).
const ENUMS = [
	'gender',
	'segment',
	'payment_method',
	'building_type',
	'mru_type',
	'connection_type',
	'situation',
	'solar_installation_year',
	'elec_mru_type',
	'elec_connection_type',
	'elec_situation',
	'elec_solar_installation_year',
	'gas_situation',
	'meter_type',
	'residence_type',
];
const DATES = ['birthdate', 'wishdate', 'elec_wishdate'];
const TIMESTAMPS = ['call_at', 'call_until'];

const blank = (v) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const invalid = (errors) => ({
	status: 422,
	body: { message: 'The given data was invalid.', errors },
});
const notFound = (what) => ({ status: 404, body: { message: `${what} not found` } });
const now = (state) => {
	// Each created model is one second newer than the last: stable ordering for latest orders.
	state.clock += 1000;
	return new Date(state.clock).toISOString().replace('T', ' ').slice(0, 19);
};

function checkFormats(data, errors, prefix = '') {
	for (const [key, value] of Object.entries(data)) {
		const name = key.startsWith(prefix) ? key.slice(prefix.length) : key;
		const enumName = name.replace(/^(client_|invoice_address_|address_)/, '');
		const tooLow = `The ${key} must be at least 1.`;
		if (
			ENUMS.includes(enumName) &&
			!blank(value) &&
			!(/^\d+$/.test(String(value).trim()) && Number(value) >= 1) &&
			!(errors[key] || []).includes(tooLow)
		)
			(errors[key] ??= []).push(tooLow);
		if (BOOLEANS.includes(name) && !BOOL.includes(String(value)))
			(errors[key] ??= []).push(`The ${key} field must be true or false.`);
		if (DATES.includes(name) && !blank(value) && !/^\d{4}-\d{2}-\d{2}$/.test(String(value)))
			(errors[key] ??= []).push(`The ${key} does not match the format Y-m-d.`);
		if (
			TIMESTAMPS.includes(name) &&
			!blank(value) &&
			!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(String(value))
		)
			(errors[key] ??= []).push(`The ${key} does not match the format Y-m-d H:i:s.`);
	}
}

function required(data, names, errors, prefix = '') {
	for (const name of names)
		if (blank(data[prefix + name]))
			(errors[prefix + name] ??= []).push(`The ${prefix + name} field is required.`);
}

function strip(body) {
	const out = { ...body };
	delete out.crm_api_id;
	delete out.crm_api_key;
	return out;
}

function unprefix(body, prefix) {
	const out = {};
	for (const [k, v] of Object.entries(body))
		if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
	return out;
}

// Doc "Create client": "There is no need to check for duplication, as the CRM will do this for you."
function upsertClient(state, data) {
	const existing = state.clients.find(
		(c) =>
			c.email &&
			data.email &&
			c.email.toLowerCase() === String(data.email).toLowerCase() &&
			c.last_name === data.last_name,
	);
	if (existing) {
		Object.assign(existing, data, { updated_at: now(state) });
		return { client: existing, created: false };
	}
	const at = now(state);
	const client = { id: state.nextId.client++, ...data, created_at: at, updated_at: at };
	state.clients.push(client);
	return { client, created: true };
}

function upsertAddress(state, data) {
	const key = (a) =>
		[a.client_id, a.street, a.nr, a.box || '', a.postal_code].map(String).join('|');
	const existing = state.addresses.find((a) => key(a) === key(data));
	if (existing) {
		Object.assign(existing, data, { updated_at: now(state) });
		return { address: existing, created: false };
	}
	const at = now(state);
	const address = { id: state.nextId.address++, ...data, created_at: at, updated_at: at };
	state.addresses.push(address);
	return { address, created: true };
}

function clientErrors(data, prefix = '') {
	const errors = {};
	required(data, CLIENT_REQUIRED, errors, prefix);
	if (blank(data[prefix + 'cellphone']) && blank(data[prefix + 'landline']))
		(errors[prefix + 'cellphone'] ??= []).push(
			`The ${prefix}cellphone field is required when ${prefix}landline is not present.`,
		);
	if (
		!blank(data[prefix + 'email']) &&
		!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(String(data[prefix + 'email']))
	)
		(errors[prefix + 'email'] ??= []).push(`The ${prefix}email must be a valid email address.`);
	if (
		!blank(data[prefix + 'language']) &&
		!['nl', 'fr'].includes(String(data[prefix + 'language']))
	)
		(errors[prefix + 'language'] ??= []).push(`The selected ${prefix}language is invalid.`);
	checkFormats(data, errors, prefix);
	return errors;
}

function createOrder(state, body) {
	const errors = {};
	const type = body.product_type ?? body.producttype;
	if (blank(type)) errors.product_type = ['The product_type field is required.'];
	else if (!PRODUCT_TYPES.includes(type))
		errors.product_type = ['The selected product_type is invalid.'];
	required(body, ORDER_REQUIRED, errors);
	Object.assign(errors, clientErrors(body, 'client_'));
	required(body, ADDRESS_REQUIRED, errors, 'address_');
	const invoice = unprefix(body, 'invoice_address_');
	if (Object.keys(invoice).length) required(body, ADDRESS_REQUIRED, errors, 'invoice_address_');
	if (CONTRACT_REQUIRED[type]) required(body, CONTRACT_REQUIRED[type], errors);
	checkFormats(body, errors);
	if (Object.keys(errors).length) return invalid(errors);

	const { client } = upsertClient(state, unprefix(body, 'client_'));
	const { address } = upsertAddress(state, { client_id: client.id, ...unprefix(body, 'address_') });
	const invoiceAddress = Object.keys(invoice).length
		? upsertAddress(state, { client_id: client.id, ...invoice }).address
		: null;
	const orderFields = {};
	const contractFields = {};
	for (const [k, v] of Object.entries(body)) {
		if (/^(client_|address_|invoice_address_)/.test(k)) continue;
		if (
			[
				...ORDER_REQUIRED,
				'cookie_id',
				'remarks',
				'internal_remarks',
				'product_type',
				'producttype',
			].includes(k)
		)
			orderFields[k] = v;
		else contractFields[k] = v;
	}
	delete orderFields.producttype;
	// Doc "Create order": an existing order is updated, not duplicated (same comparison, product and client).
	const existing = state.orders.find(
		(o) =>
			String(o.comparison_id) === String(body.comparison_id) &&
			String(o.product_id) === String(body.product_id) &&
			o.client_id === client.id,
	);
	if (existing) {
		Object.assign(existing, orderFields, { updated_at: now(state) });
		Object.assign(
			state.contracts.find((c) => c.id === existing.contract_id),
			contractFields,
		);
		return { status: 200, body: { ...existing, client, address, invoice_address: invoiceAddress } };
	}
	const at = now(state);
	const contract = {
		id: state.nextId.contract++,
		client_id: client.id,
		address_id: address.id,
		product_type: type,
		...contractFields,
		created_at: at,
	};
	state.contracts.push(contract);
	const order = {
		id: state.nextId.order++,
		...orderFields,
		product_type: type,
		client_id: client.id,
		address_id: address.id,
		invoice_address_id: invoiceAddress ? invoiceAddress.id : null,
		contract_id: contract.id,
		created_at: at,
		updated_at: at,
	};
	state.orders.push(order);
	return {
		status: 201,
		body: { ...order, client, address, invoice_address: invoiceAddress, contract },
	};
}

// Doc "Create lead": general parameters + each type's own; third-party validation rules.
function createLead(state, body) {
	const errors = {};
	const type = body.lead_type;
	if (blank(type)) errors.lead_type = ['The lead_type field is required.'];
	else if (!['third_party', 'insurance', 'call_me_back'].includes(type))
		errors.lead_type = ['The selected lead_type is invalid.'];
	required(body, ['gender', 'segment', 'first_name', 'last_name', 'email', 'language'], errors);
	checkFormats(body, errors);
	const given = (k) => !blank(body[k]);
	const rule = (k, text) => (errors[k] ??= []).push(`The ${k} field is required when ${text}.`);
	if (type === 'third_party') {
		if (!given('cellphone') && !given('landline')) rule('cellphone', 'landline is not present');
		if (given('cellphone') && !given('cellphone_country'))
			rule('cellphone_country', 'cellphone is present');
		if (given('landline') && !given('landline_country'))
			rule('landline_country', 'landline is present');
		if (given('company') && !given('vat')) rule('vat', 'company is present');
		if (given('address_nr') && !given('address_street'))
			rule('address_street', 'address_nr is present');
		if (given('address_street') && !given('address_nr'))
			rule('address_nr', 'address_street is present');
		if ((given('address_street') || given('address_nr')) && !given('address_postal_code'))
			rule('address_postal_code', 'address_street / address_nr is present');
	}
	if (type === 'insurance') {
		required(body, ['interested_in_insurance', 'allow_insurance_call'], errors);
		const interests = body.interests;
		if (!Array.isArray(interests) || interests.length === 0)
			errors.interests = ['The interests field is required and must be an array.'];
		else if (interests.some((i) => !INTERESTS.includes(i)))
			errors.interests = ['The selected interests is invalid.'];
	}
	if (Object.keys(errors).length) return invalid(errors);
	const at = now(state);
	const lead = { id: state.nextId.lead++, ...body, created_at: at };
	state.leads.push(lead);
	return { status: 201, body: lead };
}

function latest(state, params, { maxLimit }) {
	let limit = params.limit === undefined ? 10 : Number(params.limit);
	if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit)
		return invalid({ limit: [`The limit must be between 1 and ${maxLimit}.`] });
	// "Max age of the orders returned": days, at least 1 (the vendor's client).
	if (!blank(params.age) && !(/^\d+$/.test(String(params.age)) && Number(params.age) >= 1))
		return invalid({ age: ['The age must be at least 1.'] });
	let orders = [...state.orders];
	if (!blank(params.product_type))
		orders = orders.filter((o) => o.product_type === params.product_type);
	if (!blank(params.affiliate_id))
		orders = orders.filter((o) => String(o.affiliate_id) === String(params.affiliate_id));
	if (!blank(params.client_language))
		orders = orders.filter(
			(o) =>
				(state.clients.find((c) => c.id === o.client_id) || {}).language === params.client_language,
		);
	if (!blank(params.address_zipcode))
		orders = orders.filter(
			(o) =>
				String((state.addresses.find((a) => a.id === o.address_id) || {}).postal_code) ===
				String(params.address_zipcode),
		);
	// "Max age of the orders returned": the doc gives no unit; the simulator reads days.
	if (!blank(params.age))
		orders = orders.filter(
			(o) =>
				state.clock - Date.parse(`${o.created_at.replace(' ', 'T')}Z`) <=
				Number(params.age) * 86400000,
		);
	orders.sort((a, b) =>
		a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : b.id - a.id,
	);
	return {
		status: 200,
		body: orders.slice(0, limit).map((o) => ({
			...o,
			client: state.clients.find((c) => c.id === o.client_id),
			address: state.addresses.find((a) => a.id === o.address_id),
		})),
	};
}

function handle({ req, path, query, body, state }) {
	if (!path.startsWith('/api/')) return undefined;
	const method = req.method;
	const data = method === 'GET' ? query : typeof body === 'object' && body !== null ? body : {};
	// Doc "Credentials": ID and key in every message, else 401.
	if (data.crm_api_id !== state.crmApiId || data.crm_api_key !== state.crmApiKey) {
		return { status: 401, body: { message: 'Unauthorized: invalid CRM API credentials' } };
	}
	const input = strip(data);
	let m;
	if (method === 'GET' && (m = path.match(/^\/api\/clients\/(\d+)$/))) {
		const c = state.clients.find((x) => x.id === Number(m[1]));
		return c ? { body: c } : notFound('Client');
	}
	if (method === 'POST' && path === '/api/clients/search') {
		const q = String(input.query || '').toLowerCase();
		if (!q) return invalid({ query: ['The query field is required.'] });
		return {
			body: state.clients.filter((c) =>
				[c.first_name, c.last_name, c.email, c.cellphone, c.landline].some(
					(v) => v && String(v).toLowerCase().includes(q),
				),
			),
		};
	}
	if (method === 'POST' && path === '/api/clients') {
		const errors = clientErrors(input);
		if (Object.keys(errors).length) return invalid(errors);
		const { client, created } = upsertClient(state, input);
		return { status: created ? 201 : 200, body: client };
	}
	if (method === 'POST' && (m = path.match(/^\/api\/clients\/(\d+)$/))) {
		const c = state.clients.find((x) => x.id === Number(m[1]));
		if (!c) return notFound('Client');
		const errors = {};
		checkFormats(input, errors);
		if (Object.keys(errors).length) return invalid(errors);
		Object.assign(c, input, { updated_at: now(state) });
		return { body: c };
	}
	if (method === 'GET' && (m = path.match(/^\/api\/addresses\/(\d+)$/))) {
		const a = state.addresses.find((x) => x.id === Number(m[1]));
		return a ? { body: a } : notFound('Address');
	}
	if (method === 'POST' && path === '/api/addresses') {
		const errors = {};
		required(input, ['client_id', ...ADDRESS_REQUIRED], errors);
		checkFormats(input, errors);
		if (!blank(input.client_id) && !state.clients.some((c) => c.id === Number(input.client_id)))
			errors.client_id = ['The selected client_id is invalid.'];
		if (Object.keys(errors).length) return invalid(errors);
		const { address, created } = upsertAddress(state, {
			...input,
			client_id: Number(input.client_id),
		});
		return { status: created ? 201 : 200, body: address };
	}
	if (method === 'POST' && (m = path.match(/^\/api\/addresses\/(\d+)$/))) {
		const a = state.addresses.find((x) => x.id === Number(m[1]));
		if (!a) return notFound('Address');
		const errors = {};
		checkFormats(input, errors);
		if (Object.keys(errors).length) return invalid(errors);
		Object.assign(a, input, { updated_at: now(state) });
		return { body: a };
	}
	if (method === 'GET' && (m = path.match(/^\/api\/contracts\/(\d+)$/))) {
		const c = state.contracts.find((x) => x.id === Number(m[1]));
		return c ? { body: c } : notFound('Contract');
	}
	if (method === 'POST' && path === '/api/orders') return createOrder(state, input);
	if (method === 'POST' && path === '/api/leads') return createLead(state, input);
	if (method === 'POST' && path === '/api/leads/clickOut') {
		const errors = {};
		required(input, ['first_name', 'last_name', 'email'], errors);
		if (Object.keys(errors).length) return invalid(errors);
		const lead = {
			id: state.nextId.lead++,
			lead_type: 'click_out',
			...input,
			created_at: now(state),
		};
		state.leads.push(lead);
		return { status: 201, body: lead };
	}
	if (method === 'POST' && path === '/api/latest') return latest(state, input, { maxLimit: 100 });
	if (method === 'GET' && path === '/api/orders/latest')
		return latest(state, input, { maxLimit: 100 });
	if (method === 'GET' && (m = path.match(/^\/api\/suppliers\/(\d+)\/rating$/))) {
		const id = Number(m[1]);
		const rating = state.ratings[id];
		return rating ? { body: { supplier_id: id, ...rating } } : notFound('Supplier');
	}
	if (method === 'GET' && path === '/api/usages') {
		const errors = {};
		required(input, ['producttype', 'segment'], errors);
		checkFormats(input, errors);
		if (!blank(input.producttype) && !PRODUCT_TYPES.includes(input.producttype))
			errors.producttype = ['The selected producttype is invalid.'];
		for (const k of ['glass'])
			if (!blank(input[k]) && !['single', 'double'].includes(input[k]))
				errors[k] = [`The selected ${k} is invalid.`];
		for (const k of ['boiler', 'cv'])
			if (!blank(input[k]) && !['<10', '>10'].includes(input[k]))
				errors[k] = [`The selected ${k} is invalid.`];
		for (const k of ['roof_isolation', 'wall_isolation'])
			if (!blank(input[k]) && !['0', '1'].includes(input[k]))
				errors[k] = [`The ${k} field must be 0 or 1.`];
		if (Object.keys(errors).length) return invalid(errors);
		const size = Number(input.family_size ?? 2);
		const elec = { usage_day: 1200 + 450 * size, usage_night: 900 + 300 * size, usage_excl: 0 };
		const gas = { usage_gas: 12000 + 2500 * size - (input.roof_isolation === '1' ? 1500 : 0) };
		const usages =
			input.producttype === 'electricity'
				? elec
				: input.producttype === 'gas'
					? gas
					: { ...elec, ...gas };
		return { body: { producttype: input.producttype, segment: input.segment, ...usages } };
	}
	return undefined;
}

function createEcontractSimulator(options = {}) {
	const sim = createSimulator({
		name: 'econtract',
		initialState: () => ({
			crmApiId: options.crmApiId || CRM_API_ID,
			crmApiKey: options.crmApiKey || CRM_API_KEY,
			clock: Date.parse('2026-01-05T09:00:00Z'),
			nextId: { client: 101, address: 201, contract: 301, order: 401, lead: 501 },
			clients: [],
			addresses: [],
			contracts: [],
			orders: [],
			leads: [],
			ratings: { 10: { rating: 8.4, reviews: 112 }, 43: { rating: 7.1, reviews: 38 } },
		}),
		malformedBody: '<html><body><h1>502 Bad Gateway</h1></body></html>',
		malformedType: 'text/html',
		handle,
	});
	/** Test helper (not part of the API): creates n gas orders as POST /api/orders would (each its own client); returns them. */
	sim.seedOrders = (n) => {
		const made = [];
		for (let i = 0; i < n; i++) {
			const k = sim.state.nextId.order;
			const body = {
				product_type: 'gas',
				comparison_id: String(k),
				affiliate_id: '50',
				sales_channel_id: '1',
				ip_address: '10.0.0.1',
				supplier_id: '5',
				product_id: '12',
				payment_method: '1',
				ean: '541448820099999999',
				mru_nr: '654321',
				situation: '3',
				donor: '8',
				donor_client_nr: '112233',
				client_gender: '1',
				client_segment: '1',
				client_first_name: 'Seed',
				client_last_name: `Order${k}`,
				client_email: `seed${k}@example.com`,
				client_language: 'nl',
				client_cellphone: '0499656565',
				client_cellphone_country: 'BE',
				address_street: 'Street',
				address_nr: '1',
				address_postal_code: '3500',
				address_city: 'Hasselt',
				address_country: 'BE',
			};
			const answer = createOrder(sim.state, body);
			if (answer.status !== 201) throw new Error(`seedOrders: ${JSON.stringify(answer.body)}`);
			made.push(sim.state.orders.find((o) => o.id === answer.body.id));
		}
		return made;
	};
	/** Test helper (not part of the API): creates n clients as POST /api/clients would; returns them. */
	sim.seedClients = (n, fields = {}) => {
		const made = [];
		for (let i = 0; i < n; i++) {
			const k = sim.state.nextId.client;
			made.push(
				upsertClient(sim.state, {
					gender: '1',
					segment: '1',
					first_name: 'Seed',
					last_name: `Client${k}`,
					email: `client${k}@example.com`,
					language: 'nl',
					...fields,
				}).client,
			);
		}
		return made;
	};
	return sim;
}

/** The n8n credential (type and data, as the credential's fields hold it) that points at this simulator running at `url`. */
function econtractCredential(url) {
	return {
		type: 'econtractApi',
		data: { baseUrl: url, crmApiId: CRM_API_ID, crmApiKey: CRM_API_KEY },
	};
}

module.exports = {
	createEcontractSimulator,
	econtractCredential,
	ECONTRACT_CRM_API_ID: CRM_API_ID,
	ECONTRACT_CRM_API_KEY: CRM_API_KEY,
};
