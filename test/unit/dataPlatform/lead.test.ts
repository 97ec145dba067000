import type { Simulator } from '../../helpers/sims';
import { dataPlatformSimulator, onlyAction, posts, run } from './setup';

let sim: Simulator;
beforeAll(async () => {
	sim = await dataPlatformSimulator().start(0);
});
afterAll(async () => sim.stop());
beforeEach(() => sim.reset());

const base = { resource: 'lead', requestOptions: { maxRetries: 0 } };

describe('dataPlatform lead:create (add-lead)', () => {
	it('posts add-lead with companyLead, contactId and the person fields, and outputs the new LID', async () => {
		const { output, error } = await run(sim, {
			...base,
			operation: 'create',
			name: 'Huy',
			additionalFields: {
				type: 0,
				lastname: 'Nguyen',
				gender: 0,
				phones: { values: [{ type: 'Home', value: '01234567890' }] },
				tag: 'webhook',
				contactId: '1234567897',
				cusFields: { values: [{ name: 'Referred By', fieldType: 'text', value: 'Cong Nguyen' }] },
				companyLead: 'GOOGLE',
			},
			permit: { status: 4, users: 'huy.nguyen@example.com, luyt.ngo@example.com' },
		});
		expect(error).toBeUndefined();
		expect(onlyAction(sim)).toEqual({
			actionType: 'add-lead',
			data: {
				name: 'Huy',
				type: 0,
				lastname: 'Nguyen',
				gender: 0,
				phones: [{ type: 'Home', value: '01234567890' }],
				tag: 'webhook',
				contactId: '1234567897',
				cusFields: [{ name: 'Referred By', value: 'Cong Nguyen' }],
				companyLead: 'GOOGLE',
				permit: { status: 4, users: ['huy.nguyen@example.com', 'luyt.ngo@example.com'] },
			},
		});
		expect(output[0].json).toEqual({
			success: true,
			actionType: 'add-lead',
			senderUser: 'owner@dataplatform.test',
			response: {
				index: 0,
				actionType: 'add-lead',
				success: true,
				customerId: 'LID-2001',
				message: 'Lead added',
			},
		});
	});

	it('leaves companyLead out when it is empty', async () => {
		await run(sim, {
			...base,
			operation: 'create',
			name: 'Huy',
			additionalFields: { companyLead: '  ' },
		});
		expect(onlyAction(sim)).toEqual({ actionType: 'add-lead', data: { name: 'Huy' } });
	});

	it('refuses a lead without a name before sending', async () => {
		const { error } = await run(sim, {
			...base,
			operation: 'create',
			name: '',
			additionalFields: {},
		});
		expect(error?.message).toBe('Name (name): is required and may not be empty');
		expect(posts(sim)).toHaveLength(0);
	});
});

describe('dataPlatform lead:update (update-lead)', () => {
	it('posts update-lead and outputs the updated lead', async () => {
		await run(sim, { ...base, operation: 'create', name: 'Huy', additionalFields: {} });
		const { output, error } = await run(sim, {
			...base,
			operation: 'update',
			customerId: 'LID-2001',
			contactId: '',
			additionalFields: { title: 'Boss', companyLead: 'GOOGLE' },
		});
		expect(error).toBeUndefined();
		expect(posts(sim)[1].body).toEqual({
			senderUser: 'owner@dataplatform.test',
			data: [
				{
					actionType: 'update-lead',
					data: { customerId: 'LID-2001', title: 'Boss', companyLead: 'GOOGLE' },
				},
			],
		});
		expect(output[0].json.response).toEqual({
			index: 0,
			actionType: 'update-lead',
			success: true,
			customerId: 'LID-2001',
			message: 'Lead updated',
		});
		expect(sim.state.leads[0].title).toBe('Boss');
	});

	it.each([
		['customerId', { customerId: 'LID-1' }],
		['contactId', { contactId: '77' }],
		['passport', { additionalFields: { passport: 'X' } }],
		[
			'emails',
			{ additionalFields: { emails: { values: [{ type: 'Other', value: 'a@example.com' }] } } },
		],
		['phones', { additionalFields: { phones: { values: [{ type: 'Other', value: '0909' }] } } }],
	])('sends an update identified by %s alone', async (_name, extra) => {
		await run(sim, {
			...base,
			operation: 'update',
			customerId: '',
			contactId: '',
			additionalFields: {},
			...extra,
		});
		expect(posts(sim)).toHaveLength(1);
	});

	it('refuses an update-lead with no identifier (a name is not one) before sending', async () => {
		const { error } = await run(sim, {
			...base,
			operation: 'update',
			customerId: '',
			contactId: '',
			additionalFields: { name: 'Huy' },
		});
		expect(error?.message).toContain(
			'contactId or passport or emails or phones or customerId: at least one is required',
		);
		expect(posts(sim)).toHaveLength(0);
	});
});
