import { CRM_API_ID, CRM_API_KEY, noRetry, run, useSimulator } from './setup';

const sim = useSimulator();

const general = {
	gender: 1,
	segment: 1,
	first_name: 'John',
	last_name: 'Doe',
	email: 'john.doe@server.com',
	language: 'nl',
};
const lead = (
	lead_type: string,
	additionalFields: Record<string, unknown> = {},
	more: Record<string, unknown> = {},
) => ({
	resource: 'lead',
	operation: 'create',
	lead_type,
	...general,
	additionalFields,
	address: {},
	requestOptions: noRetry,
	...more,
});
const credentials = { crm_api_id: CRM_API_ID, crm_api_key: CRM_API_KEY };
const generalWire = {
	gender: '1',
	segment: '1',
	first_name: 'John',
	last_name: 'Doe',
	email: 'john.doe@server.com',
	language: 'nl',
};
const phone = { cellphone: '0499656565', cellphone_country: 'BE' };

describe('Econtract lead:create third_party', () => {
	it('sends lead_type, the general fields, its own fields and the address_ group', async () => {
		const { output, error } = await run(
			sim(),
			lead(
				'third_party',
				{
					...phone,
					batch: 'leadData_energy_2021-03-22',
					is_hot: true,
					call_at: '2021-03-22T15:30:00',
					supplier_id: 542,
				},
				{
					address: {
						street: 'SomeStreet',
						nr: '10',
						postal_code: '1234',
						city: 'SomeCity',
						country: 'BE',
					},
				},
			),
		);
		expect(error).toBeUndefined();
		const sent = sim().log[0];
		expect([sent.method, sent.path]).toEqual(['POST', '/api/leads']);
		expect(sent.body).toEqual({
			lead_type: 'third_party',
			...generalWire,
			...phone,
			batch: 'leadData_energy_2021-03-22',
			is_hot: '1',
			call_at: '2021-03-22 15:30:00',
			supplier_id: '542',
			address_street: 'SomeStreet',
			address_nr: '10',
			address_postal_code: '1234',
			address_city: 'SomeCity',
			address_country: 'BE',
			...credentials,
		});
		expect(output[0].json).toMatchObject({ id: 501, lead_type: 'third_party' });
	});

	// Doc "Third party lead > Validation": each rule refused before sending, and accepted when met.
	it.each([
		[
			'cellphone or landline',
			{},
			{},
			'cellphone or landline: one is required: give a mobile or a landline number',
			{ landline: '012457898', landline_country: 'BE' },
		],
		[
			'cellphone_country',
			{ cellphone: '0499656565' },
			{},
			'cellphone_country: is required when cellphone is provided',
			{ cellphone_country: 'BE' },
		],
		[
			'landline_country',
			{ landline: '012457898' },
			{},
			'landline_country: is required when landline is provided',
			{ landline_country: 'BE' },
		],
		[
			'vat',
			{ ...phone, company: 'Doe BV' },
			{},
			'vat: is required when company is provided',
			{ vat: 'BE0123.456.789' },
		],
	])('rule %s', async (_rule, fields, addr, message, fix) => {
		const refused = await run(sim(), lead('third_party', fields, { address: addr }));
		expect(refused.error?.message).toBe(message);
		expect(sim().log).toHaveLength(0);
		const accepted = await run(
			sim(),
			lead('third_party', { ...fields, ...fix }, { address: addr }),
		);
		expect(accepted.error).toBeUndefined();
		expect(sim().log).toHaveLength(1);
	});

	it.each([
		[
			'address_street',
			{ nr: '10', postal_code: '1234' },
			'address_street: is required when address_nr is provided',
			{ street: 'SomeStreet' },
		],
		[
			'address_nr',
			{ street: 'SomeStreet', postal_code: '1234' },
			'address_nr: is required when address_street is provided',
			{ nr: '10' },
		],
		[
			'address_postal_code',
			{ street: 'SomeStreet', nr: '10' },
			'address_postal_code: is required when either address_street or address_nr is provided',
			{ postal_code: '1234' },
		],
	])('rule %s', async (_rule, addr, message, fix) => {
		const refused = await run(sim(), lead('third_party', phone, { address: addr }));
		expect(refused.error?.message).toBe(message);
		expect(sim().log).toHaveLength(0);
		const accepted = await run(sim(), lead('third_party', phone, { address: { ...addr, ...fix } }));
		expect(accepted.error).toBeUndefined();
		expect(sim().log).toHaveLength(1);
	});
});

describe('Econtract lead:create insurance', () => {
	it('sends the booleans as 1/0 and interests in PHP brackets', async () => {
		const { output, error } = await run(
			sim(),
			lead('insurance', phone, {
				interested_in_insurance: true,
				allow_insurance_call: false,
				interests: ['fire', 'car', 'dog'],
			}),
		);
		expect(error).toBeUndefined();
		const sent = sim().log[0];
		expect(sent.rawBody).toContain('interests%5B%5D=fire&interests%5B%5D=car&interests%5B%5D=dog');
		expect(sent.body).toEqual({
			lead_type: 'insurance',
			...generalWire,
			...phone,
			interested_in_insurance: '1',
			allow_insurance_call: '0',
			interests: ['fire', 'car', 'dog'],
			...credentials,
		});
		expect(output[0].json).toMatchObject({
			lead_type: 'insurance',
			interests: ['fire', 'car', 'dog'],
		});
	});

	it('refuses an empty interests list before sending', async () => {
		const { error } = await run(
			sim(),
			lead(
				'insurance',
				{},
				{ interested_in_insurance: true, allow_insurance_call: true, interests: [] },
			),
		);
		expect(error?.message).toBe(
			'interests: at least one is required for an insurance lead. Expected some of car, dog, funeral, fire, hospitalization',
		);
		expect(sim().log).toHaveLength(0);
	});

	it('refuses an interest the doc does not offer', async () => {
		const { error } = await run(
			sim(),
			lead(
				'insurance',
				{},
				{ interested_in_insurance: true, allow_insurance_call: true, interests: ['boat'] },
			),
		);
		expect(error?.message).toBe(
			'interests: "boat" is not offered. Expected some of car, dog, funeral, fire, hospitalization',
		);
	});
});

describe('Econtract lead:create call_me_back', () => {
	it('sends subject, the call window as YYYY-MM-DD HH:MM:SS and deal_closed as 0', async () => {
		const { error } = await run(
			sim(),
			lead('call_me_back', {
				phone: '0499656565',
				subject: 'Foo_subject',
				call_at: '2016-04-15T12:00:00',
				call_until: '2016-04-15 18:00:00',
				deal_closed: false,
				producttype_id: 3,
			}),
		);
		expect(error).toBeUndefined();
		expect(sim().log[0].body).toEqual({
			lead_type: 'call_me_back',
			...generalWire,
			phone: '0499656565',
			subject: 'Foo_subject',
			call_at: '2016-04-15 12:00:00',
			call_until: '2016-04-15 18:00:00',
			deal_closed: '0',
			producttype_id: '3',
			...credentials,
		});
	});

	it('does not apply the third-party phone rules', async () => {
		const { error } = await run(sim(), lead('call_me_back', { cellphone: '0499656565' }));
		expect(error).toBeUndefined();
	});

	it('refuses a call time that is not a date', async () => {
		const { error } = await run(sim(), lead('call_me_back', { call_at: 'soon' }));
		expect(error?.message).toMatch(/^call_at: "soon" is not a date/);
	});
});

describe('Econtract lead:create general fields', () => {
	it.each(['gender', 'first_name', 'email', 'language'])(
		'refuses an empty %s before sending',
		async (field) => {
			const { error } = await run(sim(), lead('call_me_back', {}, { [field]: '' }));
			// Gender takes a value of the CRM's parameters page: the error says which form.
			expect(error?.message).toBe(
				field === 'gender'
					? `Gender (gender): ${"must be a value from your CRM's parameters page (a whole number of 1 or more)"}`
					: `${field}: is required and is empty`,
			);
			expect(sim().log).toHaveLength(0);
		},
	);

	it('is not resent after a lost answer (a lead is not deduplicated)', async () => {
		sim().addFault({ kind: 'status', status: 502 });
		const { error } = await run(
			sim(),
			lead('call_me_back', {}, { requestOptions: { maxRetries: 3, timeout: 5 } }),
		);
		expect(error?.message).toMatch(/^Econtract: HTTP 502/);
		expect(sim().log).toHaveLength(1);
	});
});

describe('Econtract lead:createClickOut', () => {
	it('posts the click-out fields to /api/leads/clickOut', async () => {
		const { output, error } = await run(sim(), {
			resource: 'lead',
			operation: 'createClickOut',
			first_name: 'John',
			last_name: 'Doe',
			email: 'john.doe@server.com',
			additionalFields: {
				product_type_id: 3,
				supplier_id: 43,
				product_id: 53,
				url: 'http://foo.com/bar',
			},
			requestOptions: noRetry,
		});
		expect(error).toBeUndefined();
		const sent = sim().log[0];
		expect([sent.method, sent.path]).toEqual(['POST', '/api/leads/clickOut']);
		expect(sent.body).toEqual({
			first_name: 'John',
			last_name: 'Doe',
			email: 'john.doe@server.com',
			product_type_id: '3',
			supplier_id: '43',
			product_id: '53',
			url: 'http://foo.com/bar',
			...credentials,
		});
		expect(output[0].json).toMatchObject({ id: 501, url: 'http://foo.com/bar' });
	});

	it('refuses a url that is not a web address', async () => {
		const { error } = await run(sim(), {
			resource: 'lead',
			operation: 'createClickOut',
			first_name: 'J',
			last_name: 'D',
			email: 'j@d.be',
			additionalFields: { url: 'foo' },
			requestOptions: noRetry,
		});
		expect(error?.message).toBe('url: "foo" is not a web address. Expected http:// or https://...');
		expect(sim().log).toHaveLength(0);
	});
});
