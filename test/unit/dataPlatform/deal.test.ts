import type { Simulator } from '../../helpers/sims';
import { dataPlatformSimulator, onlyAction, posts, run } from './setup';

let sim: Simulator;
beforeAll(async () => {
	sim = await dataPlatformSimulator().start(0);
});
afterAll(async () => sim.stop());
beforeEach(() => sim.reset());

const deal = (extra: Record<string, unknown>) => ({
	resource: 'deal',
	operation: 'upsert',
	name: 'Booking-ID #0003',
	dealId: '',
	additionalFields: {},
	requestOptions: { maxRetries: 0 },
	...extra,
});

describe('dataPlatform deal:upsert (add-deal)', () => {
	it('posts add-deal with closeDate as a millisecond timestamp, dealWith, contacts and owner_opportunity', async () => {
		const { output, error } = await run(
			sim,
			deal({
				dealId: '1234567890',
				additionalFields: {
					value: 50000,
					currency: 'VND',
					description: 'This is desciption',
					stage: 'New',
					closeDate: '2016-12-23T05:19:42.793Z',
					category: 'UI Design',
					package: 'Goi A',
					cusFields: { values: [{ name: 'Source', fieldType: 'text', value: 'Web' }] },
				},
				owner_opportunity: {
					users: 'nhanvien1@example.com, nhanvien2@example.com',
					groups: 'Nhom 1, Nhom 2',
				},
				dealWith: {
					type: 0,
					name: 'Nguyen viet huy',
					customerId: 'LID-123',
					contactType: 'lead',
					emails: { values: [{ type: 'Work', value: 'huy@example.com' }] },
				},
				contacts: {
					values: [
						{
							type: 0,
							name: 'Quoc Phong',
							lastname: '',
							title: '',
							customerId: '',
							contactType: 'customer',
							passport: '',
							gender: '',
							dateOfBirth: '',
							emails: 'phong@example.com',
							phones: '0901, 0902',
						},
					],
				},
				permit: { status: 1 },
			}),
		);
		expect(error).toBeUndefined();
		expect(onlyAction(sim)).toEqual({
			actionType: 'add-deal',
			data: {
				dealId: '1234567890',
				name: 'Booking-ID #0003',
				value: 50000,
				currency: 'VND',
				description: 'This is desciption',
				stage: 'New',
				category: 'UI Design',
				package: 'Goi A',
				closeDate: 1482470382793,
				owner_opportunity: {
					users: ['nhanvien1@example.com', 'nhanvien2@example.com'],
					groups: ['Nhom 1', 'Nhom 2'],
				},
				dealWith: {
					type: 0,
					name: 'Nguyen viet huy',
					customerId: 'LID-123',
					contactType: 'lead',
					emails: [{ type: 'Work', value: 'huy@example.com' }],
				},
				contacts: [
					{
						type: 0,
						name: 'Quoc Phong',
						contactType: 'customer',
						emails: [{ value: 'phong@example.com' }],
						phones: [{ value: '0901' }, { value: '0902' }],
					},
				],
				permit: { status: 1 },
				cusFields: [{ name: 'Source', value: 'Web' }],
			},
		});
		expect(output[0].json.response).toEqual({
			index: 0,
			actionType: 'add-deal',
			success: true,
			dealId: '1234567890',
			created: true,
			message: 'Deal added',
		});
	});

	it('updates the deal with the same name on a second run (upsert by name)', async () => {
		const params = deal({ additionalFields: { stage: 'New' }, dealWith: { name: 'Huy' } });
		await run(sim, params);
		const { output } = await run(sim, deal({ additionalFields: { stage: 'Won' } }));
		expect(output[0].json.response).toMatchObject({
			success: true,
			created: false,
			message: 'Deal updated',
		});
		expect(sim.state.deals).toHaveLength(1);
		expect(sim.state.deals[0].stage).toBe('Won');
	});

	it("gives the listener's message when a new deal lacks the stage the platform needs", async () => {
		const { error } = await run(sim, deal({ dealWith: { name: 'Huy' } }));
		expect(error?.message).toBe(
			'CRM Data Platform: add-deal refused: stage is required to create a deal',
		);
	});

	it.each([
		['no name', { name: ' ' }, 'Name (name): is required'],
		[
			'a close date that is not a date',
			{ additionalFields: { closeDate: 'soon' } },
			'Close Date (closeDate): "soon" is not a date',
		],
		[
			'an owner that is not an email',
			{ owner_opportunity: { users: 'boss' } },
			'Owner Opportunity > Users (owner_opportunity.users): "boss" is not a valid email address',
		],
		[
			'a related contact email that is not one',
			{ contacts: { values: [{ name: 'A', emails: 'nope' }] } },
			'Contacts 1 > Emails (emails): "nope" is not a valid email address',
		],
	])('refuses %s before sending', async (_n, extra, message) => {
		const { error } = await run(sim, deal(extra));
		expect(error?.message).toContain(message);
		expect(posts(sim)).toHaveLength(0);
	});
});
