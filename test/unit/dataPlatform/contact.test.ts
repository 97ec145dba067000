import type { Simulator } from '../../helpers/sims';
import { dataPlatformSimulator, onlyAction, posts, run, SENDER } from './setup';

let sim: Simulator;
beforeAll(async () => {
	sim = await dataPlatformSimulator().start(0);
});
afterAll(async () => sim.stop());
beforeEach(() => sim.reset());

const base = { resource: 'contact', requestOptions: { maxRetries: 0 } };

describe('dataPlatform contact:create (add-contact)', () => {
	it("posts every documented field in the doc's shapes and outputs the listener's answer", async () => {
		const { output, error } = await run(sim, {
			...base,
			operation: 'create',
			name: 'Huy',
			type: 0,
			additionalFields: {
				lastname: 'Nguyen',
				title: 'This is title',
				passport: '1945295865',
				gender: 1,
				bgInfo: 'Thành viên AntBuddy',
				dateOfBirth: '1993-01-01T00:00:00+07:00',
				emails: {
					values: [
						{ type: 'Work', value: 'huy@example.com' },
						{ type: 'Home', value: 'huy2@example.com' },
					],
				},
				phones: { values: [{ type: 'Mobile', value: '0905000001' }] },
				addresses: {
					values: [
						{
							type: 'Home',
							street: '58 Ton That Dam',
							city: 'Da Nang',
							state: 'Thanh Khe',
							zip: '5100000',
							country: { code: 'VN', name: 'Vietnam' },
						},
					],
				},
				websites: { values: [{ value: 'htk-inc.com' }] },
				im: { values: [{ protocol: 'Facebook', value: 'Huy Nguyen Viet' }] },
				tag: 'tag_1, tag_2',
				cusFields: {
					values: [
						{ name: 'Referred By', fieldType: 'text', value: 'Cong Nguyen' },
						{ name: 'What animal do you like?', fieldType: 'checkbox', value: 'Dog | Cat' },
						{ name: 'Enrolment date', fieldType: 'date', value: '2019-07-08T00:00:00+07:00' },
					],
				},
				extraFieldsJson: '{"contactType": "customer"}',
			},
			permit: { status: 3, group: 'Nhom Test' },
			companyContact: {
				name: 'GOOGLE',
				emails: { values: [{ value: 'crm@google.example' }] },
				websites: { values: [{ value: 'google.example' }] },
			},
		});
		expect(error).toBeUndefined();
		expect(onlyAction(sim)).toEqual({
			actionType: 'add-contact',
			data: {
				name: 'Huy',
				type: 0,
				lastname: 'Nguyen',
				title: 'This is title',
				passport: '1945295865',
				gender: 1,
				bgInfo: 'Thành viên AntBuddy',
				dateOfBirth: 'Fri Jan 01 1993 00:00:00 GMT+0700',
				emails: [
					{ type: 'Work', value: 'huy@example.com' },
					{ type: 'Home', value: 'huy2@example.com' },
				],
				phones: [{ type: 'Mobile', value: '0905000001' }],
				addresses: [
					{
						type: 'Home',
						street: '58 Ton That Dam',
						city: 'Da Nang',
						state: 'Thanh Khe',
						zip: '5100000',
						country: { code: 'VN', name: 'Vietnam' },
					},
				],
				websites: [{ value: 'htk-inc.com' }],
				im: [{ protocol: 'Facebook', value: 'Huy Nguyen Viet' }],
				tag: 'tag_1, tag_2',
				cusFields: [
					{ name: 'Referred By', value: 'Cong Nguyen' },
					{ name: 'What animal do you like?', value: 'Dog|Cat' },
					{ name: 'Enrolment date', value: '2019-07-08T00:00:00+07:00' },
				],
				permit: { status: 3, group: 'Nhom Test' },
				companyContact: {
					name: 'GOOGLE',
					emails: [{ value: 'crm@google.example' }],
					websites: [{ value: 'google.example' }],
				},
				contactType: 'customer',
			},
		});
		expect(output).toEqual([
			{
				json: {
					success: true,
					actionType: 'add-contact',
					senderUser: SENDER,
					response: {
						index: 0,
						actionType: 'add-contact',
						success: true,
						customerId: 'PID-1001',
						contactId: '101001',
						duplicate: false,
						message: 'Contact added',
					},
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(sim.state.companies).toHaveLength(1);
	});

	it('adds an account (type 1) without companyContact, and leaves blank fields out', async () => {
		const { error } = await run(sim, {
			...base,
			operation: 'create',
			name: 'ACME',
			type: 1,
			additionalFields: { lastname: '', emails: { values: [{ type: 'Work', value: '' }] } },
			permit: {},
			companyContact: { name: 'should not be sent' },
		});
		expect(error).toBeUndefined();
		expect(onlyAction(sim)).toEqual({ actionType: 'add-contact', data: { name: 'ACME', type: 1 } });
	});

	it("writes a date of birth without offset in the workflow's time zone, with English names", async () => {
		await run(
			sim,
			{
				...base,
				operation: 'create',
				name: 'A',
				type: 0,
				additionalFields: { dateOfBirth: '1993-01-01T00:00:00' },
			},
			{ timezone: 'Asia/Ho_Chi_Minh' },
		);
		expect((onlyAction(sim).data as { dateOfBirth: string }).dateOfBirth).toBe(
			'Fri Jan 01 1993 00:00:00 GMT+0700',
		);
	});

	it.each([
		['Fri Jan 01 1993 00:00:00 GMT+0700 (ICT)'],
		['Fri Jan 01 1993 00:00:00 GMT+0700 (Indochina Time)'],
		['Fri Jan 01 1993 00:00:00 GMT+0700'],
		['  Fri Jan 01 1993 00:00:00 GMT+0700 (ICT)  '],
	])(
		"takes a date of birth written as the platform's samples write it (%j), sent as the same ISO date would be",
		async (written) => {
			const create = (dateOfBirth: string) =>
				run(
					sim,
					{
						...base,
						operation: 'create',
						name: 'A',
						type: 0,
						additionalFields: { dateOfBirth },
					},
					{ timezone: 'America/New_York' },
				);
			const iso = await create('1993-01-01T00:00:00+07:00');
			expect(iso.error).toBeUndefined();
			const fromIso = (onlyAction(sim).data as { dateOfBirth: string }).dateOfBirth;
			expect(fromIso).toBe('Fri Jan 01 1993 00:00:00 GMT+0700');
			sim.reset();
			const { error, output } = await create(written);
			expect(error).toBeUndefined();
			expect(output[0].json.success).toBe(true);
			expect((onlyAction(sim).data as { dateOfBirth: string }).dateOfBirth).toBe(fromIso);
		},
	);

	it.each([
		['a text', 'Red, dark|Blue', 'Red, dark|Blue'],
		['a text with spaces and an empty part', ' Red, dark | | Blue ', 'Red, dark|Blue'],
		['a list', ['Red, dark', 'Blue'], 'Red, dark|Blue'],
		['a JSON list', '["Red, dark", "Blue"]', 'Red, dark|Blue'],
		['one option with a comma', 'Salt, pepper', 'Salt, pepper'],
	])(
		'sends checkbox values given as %s separated by | only, a comma staying inside its option',
		async (_name, value, sent) => {
			const { error } = await run(sim, {
				...base,
				operation: 'create',
				name: 'A',
				type: 0,
				additionalFields: {
					cusFields: { values: [{ name: 'Colours', fieldType: 'checkbox', value }] },
				},
			});
			expect(error).toBeUndefined();
			expect((onlyAction(sim).data as { cusFields: unknown }).cusFields).toEqual([
				{ name: 'Colours', value: sent },
			]);
		},
	);

	it("uses the node's Sender User over the credential's", async () => {
		const { error } = await run(sim, {
			...base,
			operation: 'create',
			name: 'A',
			type: 0,
			senderUser: 'sales@dataplatform.test',
		});
		expect(error).toBeUndefined();
		expect((posts(sim)[0].body as { senderUser: string }).senderUser).toBe(
			'sales@dataplatform.test',
		);
	});

	it('reports a duplicate (passport, phones, emails) as the listener does, without a second contact', async () => {
		const params = {
			...base,
			operation: 'create',
			name: 'A',
			type: 0,
			additionalFields: { emails: { values: [{ type: 'Work', value: 'dup@example.com' }] } },
		};
		await run(sim, params);
		const { output } = await run(sim, { ...params, name: 'B' });
		expect(output[0].json.response).toMatchObject({
			success: true,
			duplicate: true,
			customerId: 'PID-1001',
		});
		expect(sim.state.contacts).toHaveLength(1);
	});

	it.each([
		['an empty name', { name: ' ' }, 'Name (name): is required'],
		[
			'an email that is not one',
			{ additionalFields: { emails: { values: [{ type: 'Work', value: 'not-an-email' }] } } },
			'Emails (emails): "not-an-email" is not a valid email address',
		],
		[
			'permit 4 without users',
			{ permit: { status: 4, users: '' } },
			'Permit > Users (permit.users): at least one user email is required',
		],
		[
			'permit 3 without group',
			{ permit: { status: 3 } },
			'Permit > Group (permit.group): is required',
		],
		[
			'a date of birth that is not a date',
			{ additionalFields: { dateOfBirth: 'yesterday-ish' } },
			'Date of Birth (dateOfBirth): "yesterday-ish" is not a date',
		],
		[
			'a custom date that is not a date',
			{
				additionalFields: {
					cusFields: { values: [{ name: 'D', fieldType: 'date', value: '31/31/2020' }] },
				},
			},
			'Custom Fields (cusFields) "D": "31/31/2020" is not a date',
		],
		[
			'extra fields that are not JSON',
			{ additionalFields: { extraFieldsJson: '{nope' } },
			'Extra Fields (JSON): is not valid JSON',
		],
		[
			'a sender user that is not an email',
			{ senderUser: 'owner' },
			'Sender User (senderUser): "owner" is not a valid email address',
		],
	])('refuses %s before sending anything', async (_name, extra, message) => {
		const { error } = await run(sim, {
			...base,
			operation: 'create',
			name: 'A',
			type: 0,
			...extra,
		});
		expect(error?.message).toContain(message);
		expect(posts(sim)).toHaveLength(0);
	});

	it('requires a sender user from the node or the credential', async () => {
		const { error } = await run(
			sim,
			{ ...base, operation: 'create', name: 'A', type: 0 },
			{ credential: { senderUser: '' } },
		);
		expect(error?.message).toContain('Sender User (senderUser): is required');
		expect(posts(sim)).toHaveLength(0);
	});

	it("gives the listener's own message and HTTP code when it refuses the sender", async () => {
		const { error } = await run(sim, {
			...base,
			operation: 'create',
			name: 'A',
			type: 0,
			senderUser: 'stranger@example.com',
		});
		expect(error?.message).toBe(
			'CRM Data Platform: HTTP 400 - senderUser stranger@example.com is not a user of this organization',
		);
		expect((error as { httpCode?: string }).httpCode).toBe('400');
	});
});

describe('dataPlatform contact:update (update-contact)', () => {
	const seed = () =>
		run(sim, {
			...base,
			operation: 'create',
			name: 'Huy',
			type: 0,
			additionalFields: { passport: 'P-1', phones: { values: [{ type: 'Work', value: '0901' }] } },
		});

	it('posts update-contact with the identifiers and the company by customerId', async () => {
		await seed();
		sim.reset();
		const { output, error } = await run(sim, {
			...base,
			operation: 'update',
			customerId: 'PID-678',
			contactId: '',
			type: 0,
			additionalFields: { name: 'Huy', lastname: 'Nguyen Viet', passport: 'P-1' },
			companyContact: {
				customerId: 'CID-123',
				name: 'GOOGLE',
				phones: { values: [{ value: '01234567833' }] },
			},
		});
		expect(onlyAction(sim)).toEqual({
			actionType: 'update-contact',
			data: {
				customerId: 'PID-678',
				type: 0,
				name: 'Huy',
				lastname: 'Nguyen Viet',
				passport: 'P-1',
				companyContact: {
					customerId: 'CID-123',
					name: 'GOOGLE',
					phones: [{ value: '01234567833' }],
				},
			},
		});
		// reset cleared the seeded contact: the listener's "not found" is this item's error
		expect(error?.message).toBe('CRM Data Platform: update-contact refused: Contact not found');
		expect(output).toEqual([]);
	});

	it('updates the contact the listener finds by passport', async () => {
		await seed();
		const { output, error } = await run(sim, {
			...base,
			operation: 'update',
			customerId: '',
			contactId: '',
			type: 0,
			additionalFields: { passport: 'P-1', title: 'Dr' },
		});
		expect(error).toBeUndefined();
		expect(output[0].json.response).toMatchObject({
			success: true,
			customerId: 'PID-1001',
			message: 'Contact updated',
		});
		expect(sim.state.contacts[0].title).toBe('Dr');
	});

	it.each([
		['customerId', { customerId: 'PID-1001' }],
		['contactId', { contactId: '101001' }],
		['passport', { additionalFields: { passport: 'P-1' } }],
		[
			'emails',
			{ additionalFields: { emails: { values: [{ type: 'Work', value: 'x@example.com' }] } } },
		],
		['phones', { additionalFields: { phones: { values: [{ type: 'Work', value: '0901' }] } } }],
	])('accepts %s alone as the identifier', async (_name, extra) => {
		const { error } = await run(sim, {
			...base,
			operation: 'update',
			customerId: '',
			contactId: '',
			type: 0,
			additionalFields: {},
			...extra,
		});
		expect(posts(sim)).toHaveLength(1);
		expect(error?.message ?? '').not.toContain('at least one is required');
	});

	it('refuses an update with none of contactId, passport, emails, phones, customerId, before sending', async () => {
		const { error } = await run(sim, {
			...base,
			operation: 'update',
			customerId: '',
			contactId: '',
			type: 0,
			additionalFields: { name: 'Huy' },
		});
		expect(error?.message).toBe(
			'contactId or passport or emails or phones or customerId: at least one is required (give Customer ID, Contact ID, Passport, Emails or Phones to find the record)',
		);
		expect(posts(sim)).toHaveLength(0);
	});
});
