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
			dealId: '3001',
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

	it('updates the deal with a known Deal ID, whatever its name', async () => {
		sim.state.deals.push({ dealId: '192', name: 'Old name', stage: 'New' });
		const { output } = await run(
			sim,
			deal({ dealId: '192', name: 'New name', additionalFields: { stage: 'Won' } }),
		);
		expect(output[0].json.response).toMatchObject({ dealId: '192', created: false });
		expect(sim.state.deals).toEqual([
			expect.objectContaining({ dealId: '192', name: 'New name', stage: 'Won' }),
		]);
	});

	it('adds a new deal for an unknown Deal ID, even when a deal has the same name', async () => {
		sim.state.deals.push({ dealId: '192', name: 'Booking-ID #0003', stage: 'New' });
		const { output, error } = await run(
			sim,
			deal({
				dealId: '999',
				additionalFields: { stage: 'Won' },
				dealWith: { name: 'Huy' },
			}),
		);
		expect(error).toBeUndefined();
		expect((onlyAction(sim).data as { dealId: string }).dealId).toBe('999');
		expect(output[0].json.response).toMatchObject({
			success: true,
			created: true,
			dealId: '3001',
			message: 'Deal added',
		});
		expect(sim.state.deals).toEqual([
			expect.objectContaining({ dealId: '192', name: 'Booking-ID #0003', stage: 'New' }),
			expect.objectContaining({ dealId: '3001', name: 'Booking-ID #0003', stage: 'Won' }),
		]);
	});

	it.each([
		['a server error (502)', { kind: 'status', status: 502 }, 'HTTP 502'],
		['a timeout', { kind: 'timeout' }, 'not sent again'],
	])(
		'after %s, resends a batch without Deal IDs but not one holding a Deal ID',
		async (_name, fault, message) => {
			const requestOptions = { maxRetries: 2, timeout: 1 };
			const byName = [{ name: 'A' }, { name: 'B' }];
			const params = (items: Array<{ name: string; dealId?: string }>) => (i: number) =>
				deal({
					name: items[i].name,
					dealId: items[i].dealId ?? '',
					additionalFields: { stage: 'New' },
					dealWith: { name: 'Huy' },
					requestOptions,
				});
			sim.addFault(fault);
			const resent = await run(sim, params(byName), { items: byName });
			expect(resent.error).toBeUndefined();
			expect(posts(sim)).toHaveLength(2);
			expect(sim.state.deals.map((d: { name: string }) => d.name)).toEqual(['A', 'B']);

			sim.reset();
			const withId = [{ name: 'A' }, { name: 'B', dealId: '777' }];
			sim.addFault(fault);
			const { error } = await run(sim, params(withId), { items: withId });
			expect(error?.message).toContain(message);
			expect(posts(sim)).toHaveLength(1);
		},
	);

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
