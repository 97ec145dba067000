// The listener simulator follows the doc, independently of the node: its secret path,
// POST JSON only, the sender check, each action's rules and the contact duplicate rules.
import { sendHttp } from '../../helpers/context';
import type { Simulator } from '../../helpers/sims';
import { dataPlatformSimulator, LISTENER_PATH, SENDER } from './setup';

let sim: Simulator;
beforeAll(async () => {
	sim = await dataPlatformSimulator().start(0);
});
afterAll(async () => sim.stop());
beforeEach(() => sim.reset());

const post = (
	body: unknown,
	path = LISTENER_PATH,
	headers: Record<string, string> = { 'content-type': 'application/json' },
) =>
	sendHttp({
		method: 'POST',
		url: `${sim.url}${path}`,
		body: typeof body === 'string' ? body : JSON.stringify(body),
		headers,
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
		json: true,
	});
const actions = (...data: Array<[string, Record<string, unknown>]>) => ({
	senderUser: SENDER,
	data: data.map(([actionType, d]) => ({ actionType, data: d })),
});
const results = async (body: unknown) =>
	((await post(body)).body as { data: Array<Record<string, unknown>> }).data;

describe('dataPlatform listener simulator', () => {
	it('answers only on its secret path, only to POST JSON from a user of the organization', async () => {
		expect((await post(actions(), '/webhook/listener/guess')).statusCode).toBe(404);
		expect(
			(
				await sendHttp({
					method: 'GET',
					url: `${sim.url}${LISTENER_PATH}`,
					ignoreHttpStatusErrors: true,
					returnFullResponse: true,
				})
			).statusCode,
		).toBe(405);
		expect(
			(
				await post('senderUser=x', LISTENER_PATH, {
					'content-type': 'application/x-www-form-urlencoded',
				})
			).statusCode,
		).toBe(400);
		const stranger = await post({ senderUser: 'x@example.com', data: [] });
		expect(stranger.statusCode).toBe(400);
		expect(stranger.body).toEqual({
			success: false,
			message: 'senderUser x@example.com is not a user of this organization',
		});
	});

	it('checks the "one of" rules of update-contact, update-lead and add-note on its side too', async () => {
		const r = await results(
			actions(
				['update-contact', { name: 'A' }],
				['update-lead', { name: 'A' }],
				['add-note', { body: 'n', model: 'deal' }],
				['add-note', { body: 'n' }],
				['add-deal', {}],
			),
		);
		expect(r.map((x) => x.message)).toEqual([
			'one of contactId, passport, emails, phones, customerId is required (update-contact)',
			'one of contactId, passport, emails, phones, customerId is required (update-lead)',
			'one of dealId, name is required (note on a deal)',
			'one of customerId, passport, email, phone is required (note on a contact)',
			'name is required',
		]);
	});

	it('adds no duplicate contact (passport, phones or emails) and records a history line instead', async () => {
		const r = await results(
			actions(
				['add-contact', { name: 'A', passport: 'P1' }],
				['add-contact', { name: 'B', passport: 'P1' }],
				['add-contact', { name: 'C', phones: [{ value: '0901' }] }],
				['add-contact', { name: 'D', phones: [{ value: '0901' }] }],
				['add-contact', { name: 'E', emails: [{ value: 'E@example.com' }] }],
				['add-contact', { name: 'F', emails: [{ value: 'e@example.com' }] }],
			),
		);
		expect(r.map((x) => x.duplicate)).toEqual([false, true, false, true, false, true]);
		expect(sim.state.contacts.map((c: { name: string }) => c.name)).toEqual(['A', 'C', 'E']);
		expect(sim.state.contacts[0].history).toEqual([
			'Created by owner@dataplatform.test',
			'Duplicate data received from owner@dataplatform.test',
		]);
	});

	it('refuses the documented shapes broken: email types, permit, custom dates, companyContact on an account', async () => {
		const r = await results(
			actions(
				['add-contact', { name: 'A', emails: [{ type: 'Office', value: 'a@example.com' }] }],
				['add-contact', { name: 'A', permit: { status: 4 } }],
				['add-contact', { name: 'A', cusFields: [{ name: 'Start date', value: '08/07/2019' }] }],
				['add-contact', { name: 'A', type: 1, companyContact: { name: 'X' } }],
				['add-deal', { name: 'D', closeDate: '2016-12-23' }],
			),
		);
		expect(r.map((x) => x.message)).toEqual([
			'emails: type "Office" is not one of Work, Home, Mobile, Other',
			'permit.users is required with status 4',
			'cusFields: "Start date" must be YYYY-MM-DDTHH:mm:ssZ',
			'companyContact may not be used when adding an account',
			'closeDate must be a timestamp in milliseconds',
		]);
	});
});
