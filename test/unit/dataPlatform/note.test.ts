import type { Simulator } from '../../helpers/sims';
import { dataPlatformSimulator, onlyAction, posts, run } from './setup';

let sim: Simulator;
beforeAll(async () => {
	sim = await dataPlatformSimulator().start(0);
});
afterAll(async () => sim.stop());
beforeEach(() => sim.reset());

const note = (extra: Record<string, unknown>) => ({
	resource: 'note',
	operation: 'create',
	body: 'This is body of Note',
	requestOptions: { maxRetries: 0 },
	...extra,
});

describe('dataPlatform note:create (add-note)', () => {
	it('adds a note to a lead found by customerId, with contactType, tag and permit', async () => {
		sim.state.leads.push({ customerId: 'LID-345', name: 'Huy' });
		const { output, error } = await run(
			sim,
			note({
				model: 'contact',
				customerId: 'LID-345',
				email: 'huy@example.com',
				phone: '',
				passport: '',
				additionalFields: { contactType: 'lead', tag: 'webhook', contactId: '77' },
				permit: { status: 2 },
			}),
		);
		expect(error).toBeUndefined();
		expect(onlyAction(sim)).toEqual({
			actionType: 'add-note',
			data: {
				body: 'This is body of Note',
				model: 'contact',
				customerId: 'LID-345',
				email: 'huy@example.com',
				contactId: '77',
				contactType: 'lead',
				tag: 'webhook',
				permit: { status: 2 },
			},
		});
		expect(output[0].json.response).toEqual({
			index: 0,
			actionType: 'add-note',
			success: true,
			noteId: 1,
			customerId: 'LID-345',
			message: 'Note added',
		});
	});

	it('adds a note to a deal by dealId and name, without contact-only fields', async () => {
		sim.state.deals.push({ dealId: '11358', name: 'Booking-ID1135' });
		const { error } = await run(
			sim,
			note({
				model: 'deal',
				dealId: '11358',
				name: 'Booking-ID1135',
				customerId: 'PID-1',
				additionalFields: { tag: 'ignored', contactId: 'ignored', channel: 'Kite Chat' },
			}),
		);
		expect(error).toBeUndefined();
		expect(onlyAction(sim)).toEqual({
			actionType: 'add-note',
			data: {
				body: 'This is body of Note',
				model: 'deal',
				dealId: '11358',
				name: 'Booking-ID1135',
				channel: 'Kite Chat',
			},
		});
	});

	it.each([
		['dealId', { dealId: '11358' }],
		['name', { name: 'Booking-ID1135' }],
	])('accepts a deal note identified by %s alone', async (_n, extra) => {
		sim.state.deals.push({ dealId: '11358', name: 'Booking-ID1135' });
		const { error } = await run(
			sim,
			note({ model: 'deal', dealId: '', name: '', additionalFields: {}, ...extra }),
		);
		expect(error).toBeUndefined();
		expect(posts(sim)).toHaveLength(1);
	});

	it.each([
		['customerId', { customerId: 'PID-1' }],
		['passport', { passport: 'P-9' }],
		['email', { email: 'p@example.com' }],
		['phone', { phone: '0909' }],
	])('accepts a contact note identified by %s alone', async (_n, extra) => {
		sim.state.contacts.push({
			customerId: 'PID-1',
			passport: 'P-9',
			emails: [{ value: 'p@example.com' }],
			phones: [{ value: '0909' }],
		});
		const { error } = await run(
			sim,
			note({
				model: 'contact',
				customerId: '',
				passport: '',
				email: '',
				phone: '',
				additionalFields: {},
				...extra,
			}),
		);
		expect(error).toBeUndefined();
		expect(posts(sim)).toHaveLength(1);
	});

	it('refuses a deal note with neither dealId nor name, before sending', async () => {
		const { error } = await run(
			sim,
			note({ model: 'deal', dealId: '', name: '', additionalFields: {} }),
		);
		expect(error?.message).toBe(
			'dealId or name: at least one is required (a note on a deal needs its Deal ID or its Name)',
		);
		expect(posts(sim)).toHaveLength(0);
	});

	it('refuses a contact note with none of customerId, passport, email, phone, before sending', async () => {
		const { error } = await run(
			sim,
			note({
				model: 'contact',
				customerId: '',
				passport: '',
				email: '',
				phone: '',
				additionalFields: { tag: 'x' },
			}),
		);
		expect(error?.message).toBe(
			'customerId or passport or email or phone: at least one is required (a note on a contact needs its Customer ID, Passport, Email or Phone)',
		);
		expect(posts(sim)).toHaveLength(0);
	});

	it('refuses a note without a body, before sending', async () => {
		const { error } = await run(
			sim,
			note({ body: '', model: 'contact', customerId: 'PID-1', additionalFields: {} }),
		);
		expect(error?.message).toBe('Body (body): is required and may not be empty');
		expect(posts(sim)).toHaveLength(0);
	});

	it("gives the listener's message when it does not find the contact", async () => {
		const { error } = await run(
			sim,
			note({ model: 'contact', customerId: 'PID-404', additionalFields: {} }),
		);
		expect(error?.message).toBe('CRM Data Platform: add-note refused: Contact not found');
		expect((error as { httpCode?: string }).httpCode).toBe('200');
	});
});
