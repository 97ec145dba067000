import type { Simulator } from '../../helpers/sims';
import { dataPlatformSimulator, onlyAction, posts, run } from './setup';

let sim: Simulator;
beforeAll(async () => {
	sim = await dataPlatformSimulator().start(0);
});
afterAll(async () => sim.stop());
beforeEach(() => sim.reset());

describe('dataPlatform ticket:create (add-ticket)', () => {
	const ticket = (extra: Record<string, unknown>) => ({
		resource: 'ticket',
		operation: 'create',
		body: 'This is body of Ticket',
		contactType: 'lead',
		additionalFields: {},
		requestOptions: { maxRetries: 0 },
		...extra,
	});

	it('posts add-ticket with the channel from the dropdown and outputs the ticket id', async () => {
		const { output, error } = await run(
			sim,
			ticket({
				additionalFields: {
					title: 'title',
					email: 'huy@example.com',
					phone: '0123456789',
					passport: '0123469988',
					contactId: '1234567897',
					customerId: 'LID-123',
					groupName: 'Phong Kinh Doanh',
					slaName: 'custom',
					channel: 'Kite Chat',
					tag: 'webhook',
					cusFields: {
						values: [{ name: 'Priority', fieldType: 'checkbox', value: ['High', 'Urgent'] }],
					},
				},
			}),
		);
		expect(error).toBeUndefined();
		expect(onlyAction(sim)).toEqual({
			actionType: 'add-ticket',
			data: {
				contactType: 'lead',
				title: 'title',
				body: 'This is body of Ticket',
				email: 'huy@example.com',
				phone: '0123456789',
				passport: '0123469988',
				contactId: '1234567897',
				customerId: 'LID-123',
				tag: 'webhook',
				groupName: 'Phong Kinh Doanh',
				slaName: 'custom',
				channel: 'Kite Chat',
				cusFields: [{ name: 'Priority', value: 'High|Urgent' }],
			},
		});
		expect(output[0].json.response).toEqual({
			index: 0,
			actionType: 'add-ticket',
			success: true,
			ticketId: 4001,
			message: 'Ticket added',
		});
	});

	it('refuses a ticket without a body, or with a bad email, before sending', async () => {
		expect((await run(sim, ticket({ body: '' }))).error?.message).toBe(
			'Body (body): is required and may not be empty',
		);
		expect(
			(await run(sim, ticket({ additionalFields: { email: 'x@' } }))).error?.message,
		).toContain('Email (email): "x@" is not a valid email address');
		expect(posts(sim)).toHaveLength(0);
	});
});
