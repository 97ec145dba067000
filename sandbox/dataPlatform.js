'use strict';
// CRM Data Platform webhook listener simulator, from the vendor's API document (docs/vendor-docs.md):
//   POST <listener URL> (a secret path: doc 2.1 step 3, "authentication is not required ...
//   users need to secure this URL"), JSON {senderUser, data: [{actionType, data}]} (doc 2.2).
// The doc gives no answer format: this listener answers 200 {success, message, data: [one
// result per action, in order]} and refuses a body it cannot read with 400 {success:false, message}.
const { createSimulator } = require('./framework');

const LISTENER_SECRET =
	process.env.DATA_PLATFORM_SIM_SECRET || 'lst-7f3a9c2e41b84d0f9a6e5c1b2d8e4f60';
const LISTENER_PATH = `/webhook/listener/${LISTENER_SECRET}`;
// senderUser: "any one of the emails of a user belonging to the registered account" (doc 2.2).
const SENDER_USERS = ['owner@dataplatform.test', 'sales@dataplatform.test'];

const ACTION_TYPES = [
	'add-contact',
	'update-contact',
	'add-lead',
	'update-lead',
	'add-note',
	'add-deal',
	'add-ticket',
	'send-sms',
];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const TYPES4 = ['Work', 'Home', 'Mobile', 'Other'];
const ADDRESS_TYPES = ['Work', 'Home', 'Other'];
const IM_PROTOCOLS = ['Skype', 'Facebook', 'Yahoo', 'Viber', 'Hangouts', 'Other'];
const CUSFIELD_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:?\d{2})$/;

const blank = (v) =>
	v === undefined ||
	v === null ||
	(typeof v === 'string' && v.trim() === '') ||
	(Array.isArray(v) && v.length === 0);
const isObject = (v) => !!v && typeof v === 'object' && !Array.isArray(v);
const values = (list) =>
	Array.isArray(list)
		? list
				.map((e) =>
					String((e && e.value) || '')
						.trim()
						.toLowerCase(),
				)
				.filter(Boolean)
		: [];

class Refused extends Error {}
const refuse = (message) => {
	throw new Refused(message);
};

/** Shapes of doc 2.2.1 shared by contacts, accounts, leads and deal customers. */
function checkPerson(d, where = '') {
	if (d.type !== undefined && ![0, 1, '0', '1'].includes(d.type))
		refuse(`${where}type must be 0 (contact) or 1 (account)`);
	if (d.gender !== undefined && d.gender !== '' && ![0, 1, 2, '0', '1', '2'].includes(d.gender))
		refuse(`${where}gender must be 0, 1 or 2`);
	for (const key of ['emails', 'phones', 'addresses', 'websites', 'im', 'cusFields']) {
		if (d[key] !== undefined && !Array.isArray(d[key])) refuse(`${where}${key} must be an array`);
	}
	for (const e of d.emails || []) {
		if (!isObject(e) || typeof e.value !== 'string' || !EMAIL.test(e.value))
			refuse(`${where}emails: "${isObject(e) ? e.value : e}" is not an email`);
		if (e.type !== undefined && !TYPES4.includes(e.type))
			refuse(`${where}emails: type "${e.type}" is not one of ${TYPES4.join(', ')}`);
	}
	for (const p of d.phones || []) {
		if (!isObject(p) || blank(p.value)) refuse(`${where}phones: every phone needs a value`);
		if (p.type !== undefined && !TYPES4.includes(p.type))
			refuse(`${where}phones: type "${p.type}" is not one of ${TYPES4.join(', ')}`);
	}
	for (const a of d.addresses || []) {
		if (!isObject(a)) refuse(`${where}addresses: every address must be an object`);
		if (a.type !== undefined && !ADDRESS_TYPES.includes(a.type))
			refuse(`${where}addresses: type "${a.type}" is not one of ${ADDRESS_TYPES.join(', ')}`);
		if (a.country !== undefined && !isObject(a.country) && typeof a.country !== 'string')
			refuse(`${where}addresses: country must be {code, name}`);
	}
	for (const w of d.websites || [])
		if (!isObject(w) || blank(w.value)) refuse(`${where}websites: every website needs a value`);
	for (const m of d.im || []) {
		if (!isObject(m) || !IM_PROTOCOLS.includes(m.protocol))
			refuse(`${where}im: protocol must be one of ${IM_PROTOCOLS.join(', ')}`);
	}
	for (const c of d.cusFields || []) {
		if (!isObject(c) || blank(c.name)) refuse(`${where}cusFields: every custom field needs a name`);
		if (typeof c.value !== 'string')
			refuse(`${where}cusFields: value of "${c.name}" must be a string`);
		if (/date/i.test(c.name) && c.value && !CUSFIELD_DATE.test(c.value))
			refuse(`${where}cusFields: "${c.name}" must be YYYY-MM-DDTHH:mm:ssZ`);
	}
	if (d.dateOfBirth !== undefined && Number.isNaN(Date.parse(d.dateOfBirth)))
		refuse(`${where}dateOfBirth "${d.dateOfBirth}" is not a date`);
	if (d.permit !== undefined) checkPermit(d.permit, where);
}

function checkPermit(permit, where = '') {
	if (!isObject(permit) || ![1, 2, 3, 4].includes(permit.status))
		refuse(`${where}permit.status must be 1, 2, 3 or 4`);
	if (permit.status === 3 && blank(permit.group))
		refuse(`${where}permit.group is required with status 3`);
	if (permit.status === 4 && (!Array.isArray(permit.users) || !permit.users.length))
		refuse(`${where}permit.users is required with status 4`);
	for (const u of permit.users || [])
		if (!EMAIL.test(String(u))) refuse(`${where}permit.users: "${u}" is not an email`);
}

/** doc 2.2.1 Note: duplicates are found by passport, phones, emails (indexed: 10,000-contact runs stay fast). */
function findDuplicate(state, d) {
	const keys = [
		...(blank(d.passport) ? [] : [`passport:${d.passport}`]),
		...values(d.emails).map((e) => `email:${e}`),
		...values(d.phones).map((p) => `phone:${p}`),
	];
	for (const key of keys) {
		const id = state.contactKeys[key];
		if (id) return state.contacts.find((r) => r.customerId === id);
	}
	return undefined;
}

function indexContact(state, r) {
	if (!blank(r.passport)) state.contactKeys[`passport:${r.passport}`] = r.customerId;
	for (const e of values(r.emails)) state.contactKeys[`email:${e}`] = r.customerId;
	for (const p of values(r.phones)) state.contactKeys[`phone:${p}`] = r.customerId;
}

/** doc 2.2.4: "customerId" -> "contactId" -> "name" -> "emails" -> "phones" (passport also identifies). */
function findForUpdate(records, d) {
	const emails = values(d.emails);
	const phones = values(d.phones);
	return (
		(!blank(d.customerId) && records.find((r) => r.customerId === d.customerId)) ||
		(!blank(d.contactId) && records.find((r) => r.contactId === String(d.contactId))) ||
		(!blank(d.name) && records.find((r) => r.name === d.name)) ||
		(emails.length && records.find((r) => values(r.emails).some((e) => emails.includes(e)))) ||
		(phones.length && records.find((r) => values(r.phones).some((p) => phones.includes(p)))) ||
		(!blank(d.passport) && records.find((r) => r.passport === d.passport)) ||
		undefined
	);
}

function requireOneOf(d, fields, rule) {
	if (fields.every((f) => blank(d[f]))) refuse(`one of ${fields.join(', ')} is required (${rule})`);
}

const ACTIONS = {
	'add-contact'(d, state, senderUser) {
		if (blank(d.name)) refuse('name is required');
		checkPerson(d);
		const type = Number(d.type || 0);
		if (type === 1 && d.companyContact !== undefined)
			refuse('companyContact may not be used when adding an account');
		if (d.companyContact !== undefined) {
			if (!isObject(d.companyContact) || !Object.keys(d.companyContact).length)
				refuse('companyContact must be removed when empty');
			checkPerson(d.companyContact, 'companyContact.');
		}
		const duplicate = findDuplicate(state, d);
		if (duplicate) {
			duplicate.history.push(`Duplicate data received from ${senderUser}`);
			return {
				customerId: duplicate.customerId,
				contactId: duplicate.contactId,
				duplicate: true,
				message: 'Duplicate contact: not added, a history line was added',
			};
		}
		const n = state.nextContact++;
		const record = {
			...d,
			type,
			customerId: `PID-${n}`,
			contactId: String(100000 + n),
			history: [`Created by ${senderUser}`],
		};
		if (d.companyContact) record.company = companyFor(state, d.companyContact);
		state.contacts.push(record);
		indexContact(state, record);
		return {
			customerId: record.customerId,
			contactId: record.contactId,
			duplicate: false,
			message: `${type === 1 ? 'Account' : 'Contact'} added`,
		};
	},
	'update-contact'(d, state) {
		requireOneOf(d, ['contactId', 'passport', 'emails', 'phones', 'customerId'], 'update-contact');
		checkPerson(d);
		const record = findForUpdate(state.contacts, d);
		if (!record) refuse('Contact not found');
		Object.assign(record, d, { customerId: record.customerId, contactId: record.contactId });
		indexContact(state, record);
		record.history.push('Updated');
		return {
			customerId: record.customerId,
			contactId: record.contactId,
			message: 'Contact updated',
		};
	},
	'add-lead'(d, state) {
		if (blank(d.name)) refuse('name is required');
		checkPerson(d);
		if (d.companyLead !== undefined && blank(d.companyLead))
			refuse('companyLead must be removed when empty');
		const n = state.nextLead++;
		const record = { ...d, customerId: `LID-${n}` };
		state.leads.push(record);
		return { customerId: record.customerId, message: 'Lead added' };
	},
	'update-lead'(d, state) {
		requireOneOf(d, ['contactId', 'passport', 'emails', 'phones', 'customerId'], 'update-lead');
		checkPerson(d);
		const record = findForUpdate(state.leads, d);
		if (!record) refuse('Lead not found');
		Object.assign(record, d, { customerId: record.customerId });
		return { customerId: record.customerId, message: 'Lead updated' };
	},
	'add-note'(d, state) {
		if (blank(d.body)) refuse('body is required');
		const model = d.model === undefined ? 'contact' : d.model;
		if (d.permit !== undefined) checkPermit(d.permit);
		if (model === 'deal') {
			// doc 2.2.5: "dealId" -> "name"
			requireOneOf(d, ['dealId', 'name'], 'note on a deal');
			const deal =
				(!blank(d.dealId) && state.deals.find((x) => x.dealId === String(d.dealId))) ||
				(!blank(d.name) && state.deals.find((x) => x.name === d.name));
			if (!deal) refuse('Deal not found');
			state.notes.push({ ...d, on: `deal:${deal.dealId}` });
			return { noteId: state.notes.length, dealId: deal.dealId, message: 'Note added' };
		}
		if (model !== 'contact') refuse('model must be contact or deal');
		// doc 2.2.5: "customerId" -> "passport" -> "email" -> "phone"
		requireOneOf(d, ['customerId', 'passport', 'email', 'phone'], 'note on a contact');
		const pool = d.contactType === 'lead' ? state.leads : state.contacts;
		const email = String(d.email || '').toLowerCase();
		const record =
			(!blank(d.customerId) && pool.find((r) => r.customerId === d.customerId)) ||
			(!blank(d.passport) && pool.find((r) => r.passport === d.passport)) ||
			(!blank(d.email) && pool.find((r) => values(r.emails).includes(email))) ||
			(!blank(d.phone) &&
				pool.find((r) => values(r.phones).includes(String(d.phone).toLowerCase())));
		if (!record) refuse(`${d.contactType === 'lead' ? 'Lead' : 'Contact'} not found`);
		state.notes.push({ ...d, on: record.customerId });
		return { noteId: state.notes.length, customerId: record.customerId, message: 'Note added' };
	},
	'add-deal'(d, state) {
		if (blank(d.name)) refuse('name is required');
		if (d.closeDate !== undefined && !Number.isInteger(d.closeDate))
			refuse('closeDate must be a timestamp in milliseconds');
		if (d.owner_opportunity !== undefined) {
			const o = d.owner_opportunity;
			if (
				!isObject(o) ||
				(o.users !== undefined && !Array.isArray(o.users)) ||
				(o.groups !== undefined && !Array.isArray(o.groups))
			)
				refuse('owner_opportunity must be {users: [], groups: []}');
		}
		if (d.dealWith !== undefined) checkPerson(d.dealWith, 'dealWith.');
		if (d.contacts !== undefined) {
			if (!Array.isArray(d.contacts)) refuse('contacts must be an array');
			d.contacts.forEach((c, n) => checkPerson(c, `contacts[${n}].`));
		}
		if (d.permit !== undefined) checkPermit(d.permit);
		// doc 2.2.6: "In case there is a dealId transmission, it will rely on dealId to search for
		// orders, but if there is no dealId, it will rely on the name"; found -> updated, else added.
		// An unknown dealId does not fall back to the name: a new deal is added.
		const found = blank(d.dealId)
			? state.deals.find((x) => x.name === d.name)
			: state.deals.find((x) => x.dealId === String(d.dealId));
		if (found) {
			Object.assign(found, d, { dealId: found.dealId });
			return { dealId: found.dealId, created: false, message: 'Deal updated' };
		}
		// doc 2.2.6: stage and dealWith are required when a deal is created.
		if (blank(d.stage)) refuse('stage is required to create a deal');
		if (!isObject(d.dealWith)) refuse('dealWith is required to create a deal');
		// doc 2.2.6: a dealId "is the code of an order that is already in CRM"; a new deal gets the
		// platform's own code, so resending an unknown dealId adds another deal.
		const deal = { ...d, dealId: String(state.nextDeal++) };
		state.deals.push(deal);
		return { dealId: deal.dealId, created: true, message: 'Deal added' };
	},
	'add-ticket'(d, state) {
		if (blank(d.body)) refuse('body is required');
		if (d.contactType !== undefined && !['lead', 'customer'].includes(d.contactType))
			refuse('contactType must be lead or customer');
		if (!blank(d.email) && !EMAIL.test(d.email)) refuse(`email "${d.email}" is not an email`);
		const ticket = { ...d, contactType: d.contactType || 'customer', ticketId: state.nextTicket++ };
		state.tickets.push(ticket);
		return { ticketId: ticket.ticketId, message: 'Ticket added' };
	},
	'send-sms'(d, state) {
		if (blank(d.content)) refuse('content is required');
		if (
			!Array.isArray(d.phones) ||
			!d.phones.length ||
			d.phones.some((p) => typeof p !== 'string' || blank(p))
		)
			refuse('phones must be a list of phone numbers');
		if (!state.smsEnabled) refuse('This organization has no SMS sending account');
		state.sms.push({ content: d.content, phones: d.phones });
		return { sent: d.phones.length, message: 'SMS queued' };
	},
};

function companyFor(state, company) {
	// doc 2.2.1 Note: company matched by "name" -> "emails" -> "phones", else added.
	const emails = values(company.emails);
	const phones = values(company.phones);
	let found =
		(!blank(company.name) && state.companies.find((c) => c.name === company.name)) ||
		(emails.length &&
			state.companies.find((c) => values(c.emails).some((e) => emails.includes(e)))) ||
		(phones.length &&
			state.companies.find((c) => values(c.phones).some((p) => phones.includes(p))));
	if (!found) {
		found = { ...company, customerId: `CID-${state.nextCompany++}` };
		state.companies.push(found);
	}
	return found.customerId;
}

function createDataPlatformSimulator(options = {}) {
	const path = options.path || LISTENER_PATH;
	return createSimulator({
		name: 'dataPlatform',
		initialState: () => ({
			senderUsers: [...(options.senderUsers || SENDER_USERS)],
			smsEnabled: true,
			nextContact: 1001,
			nextLead: 2001,
			nextDeal: 3001,
			nextTicket: 4001,
			nextCompany: 5001,
			contacts: [],
			contactKeys: {},
			leads: [],
			companies: [],
			notes: [],
			deals: [],
			tickets: [],
			sms: [],
			requests: 0,
		}),
		malformedBody: '<html><body><h1>502 Bad Gateway</h1></body></html>',
		malformedType: 'text/html',
		handle({ req, path: requestPath, body, headers, state }) {
			if (requestPath !== path) return undefined;
			// doc 2.2: "users need to use the <POST> method"
			if (req.method !== 'POST')
				return { status: 405, body: { success: false, message: 'Method not allowed: use POST' } };
			if (
				!String(headers['content-type'] || '')
					.toLowerCase()
					.startsWith('application/json')
			) {
				return { status: 400, body: { success: false, message: 'The body must be JSON' } };
			}
			if (!isObject(body) || body.__invalidJson !== undefined)
				return { status: 400, body: { success: false, message: 'The body is not valid JSON' } };
			const { senderUser, data } = body;
			if (blank(senderUser))
				return { status: 400, body: { success: false, message: 'senderUser is required' } };
			if (!state.senderUsers.includes(String(senderUser).toLowerCase())) {
				return {
					status: 400,
					body: {
						success: false,
						message: `senderUser ${senderUser} is not a user of this organization`,
					},
				};
			}
			if (!Array.isArray(data))
				return {
					status: 400,
					body: { success: false, message: 'data must be an array of actions' },
				};
			state.requests++;
			const results = data.map((entry, index) => {
				try {
					if (!isObject(entry)) refuse('each action must be an object');
					if (!ACTION_TYPES.includes(entry.actionType))
						refuse(`actionType "${entry.actionType}" is not supported`);
					if (!isObject(entry.data)) refuse('data is required');
					return {
						index,
						actionType: entry.actionType,
						success: true,
						...ACTIONS[entry.actionType](entry.data, state, senderUser),
					};
				} catch (error) {
					if (!(error instanceof Refused)) throw error;
					return {
						index,
						actionType: isObject(entry) ? entry.actionType : undefined,
						success: false,
						message: error.message,
					};
				}
			});
			return {
				status: 200,
				body: {
					success: true,
					message: `${results.filter((r) => r.success).length} of ${results.length} actions processed`,
					data: results,
				},
			};
		},
	});
}

/** The n8n credential (type and data, as the credential's fields hold it) that points at this simulator's listener, the simulator running at `url`; the sender is its first known user. */
function dataPlatformCredential(url) {
	return {
		type: 'dataPlatformApi',
		data: { listenerUrl: `${url}${LISTENER_PATH}`, senderUser: SENDER_USERS[0] },
	};
}

module.exports = {
	createDataPlatformSimulator,
	dataPlatformCredential,
	DATA_PLATFORM_LISTENER_PATH: LISTENER_PATH,
	DATA_PLATFORM_LISTENER_SECRET: LISTENER_SECRET,
	DATA_PLATFORM_SENDER_USERS: SENDER_USERS,
};
