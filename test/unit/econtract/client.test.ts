import { CRM_API_ID, CRM_API_KEY, client, noRetry, run, useSimulator } from './setup';

const sim = useSimulator();

const create = (
	top: Record<string, unknown> = {},
	additionalFields: Record<string, unknown> = {},
) => ({
	resource: 'client',
	operation: 'create',
	...client,
	...top,
	additionalFields,
	requestOptions: noRetry,
});

describe('Econtract client:create', () => {
	it('posts the form fields with the credentials merged in and outputs the client', async () => {
		const { output, error } = await run(
			sim(),
			create({}, { birthdate: '1956-12-25T00:00:00.000Z', family_size: 3, company: 'Doe & Zonen' }),
		);
		expect(error).toBeUndefined();
		const sent = sim().log[0];
		expect(sent.method).toBe('POST');
		expect(sent.path).toBe('/api/clients');
		expect(sent.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
		expect(sent.body).toEqual({
			gender: '1',
			segment: '1',
			first_name: 'John',
			last_name: 'Doe',
			email: 'john.doe@server.com',
			language: 'nl',
			cellphone: '0499656565',
			landline: '',
			birthdate: '1956-12-25',
			family_size: '3',
			company: 'Doe & Zonen',
			crm_api_id: CRM_API_ID,
			crm_api_key: CRM_API_KEY,
		});
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ id: 101, first_name: 'John', birthdate: '1956-12-25' });
		expect(output[0].pairedItem).toEqual({ item: 0 });
	});

	it('updates the existing client instead of creating a second one (the CRM dedupes)', async () => {
		await run(sim(), create());
		const { output } = await run(sim(), create({ cellphone: '0470000000' }));
		expect(output[0].json).toMatchObject({ id: 101, cellphone: '0470000000' });
		expect(sim().state.clients).toHaveLength(1);
	});

	// Both phones are marked required; the doc's examples send the missing one as ''.
	it.each([
		[
			{ cellphone: '0499656565', landline: '' },
			{ cellphone: '0499656565', landline: '' },
		],
		[
			{ cellphone: '', landline: '012457898' },
			{ cellphone: '', landline: '012457898' },
		],
	])('sends the phone not given as an empty value (%o)', async (phones, wire) => {
		expect((await run(sim(), create(phones))).error).toBeUndefined();
		expect(sim().log[0].body).toMatchObject(wire);
	});

	it('refuses a client without any phone before sending', async () => {
		const { error } = await run(sim(), create({ cellphone: '', landline: '' }));
		expect(error?.message).toBe(
			'cellphone or landline: a phone number is required: give a mobile or a landline number',
		);
		expect(sim().log).toHaveLength(0);
	});

	it('refuses a bad email and a bad birth date before sending', async () => {
		expect((await run(sim(), create({ email: 'john' }))).error?.message).toMatch(
			/^email: "john" is not a valid email address/,
		);
		expect((await run(sim(), create({}, { birthdate: 'yesterday' }))).error?.message).toMatch(
			/^birthdate: "yesterday" is not a date/,
		);
		expect(sim().log).toHaveLength(0);
	});

	it('turns a 401 into a clear error without the key', async () => {
		const { error } = await run(sim(), create(), {}, 'wrong-key-123');
		expect(error?.message).toBe('Econtract rejected the CRM ID or API key (HTTP 401)');
		expect((error as { httpCode?: string }).httpCode).toBe('401');
		expect(JSON.stringify(error)).not.toContain('wrong-key-123');
		expect(sim().log[0].status).toBe(401);
	});

	it('reports the vendor validation message with the HTTP code', async () => {
		const { error } = await run(sim(), create({}, { extraFieldsJson: '{"language":"de"}' }));
		expect(error?.message).toBe(
			'Econtract: HTTP 422 - The given data was invalid.; language: The selected language is invalid.',
		);
		expect((error as { httpCode?: string }).httpCode).toBe('422');
	});
});

describe('Econtract client:get', () => {
	it('gets the client by id with the credentials in the query', async () => {
		await run(sim(), create());
		const { output, error } = await run(sim(), {
			resource: 'client',
			operation: 'get',
			id: 101,
			requestOptions: noRetry,
		});
		expect(error).toBeUndefined();
		const sent = sim().log[1];
		expect(sent.method).toBe('GET');
		expect(sent.path).toBe('/api/clients/101');
		expect(sent.query).toEqual({ crm_api_id: CRM_API_ID, crm_api_key: CRM_API_KEY });
		expect(output[0].json).toMatchObject({ id: 101, last_name: 'Doe' });
	});

	it('refuses an id that is not a positive whole number', async () => {
		const { error } = await run(sim(), {
			resource: 'client',
			operation: 'get',
			id: 'abc',
			requestOptions: noRetry,
		});
		expect(error?.message).toBe(
			'Client (id): "abc" is not a valid ID. Expected a positive whole number, e.g. 666',
		);
		expect(sim().log).toHaveLength(0);
	});

	it('reports a 404 with the vendor message', async () => {
		const { error } = await run(sim(), {
			resource: 'client',
			operation: 'get',
			id: 9,
			requestOptions: noRetry,
		});
		expect(error?.message).toBe('Econtract: HTTP 404 - Client not found');
	});
});

describe('Econtract client:search', () => {
	it('posts the query and outputs one item per client found', async () => {
		await run(sim(), create());
		await run(sim(), create({ first_name: 'Jane', last_name: 'Roe', email: 'jane@roe.be' }));
		const { output } = await run(sim(), {
			resource: 'client',
			operation: 'search',
			query: 'doe',
			requestOptions: noRetry,
		});
		const sent = sim().log[2];
		expect([sent.method, sent.path, sent.body.query]).toEqual([
			'POST',
			'/api/clients/search',
			'doe',
		]);
		expect(output.map((i) => i.json.last_name)).toEqual(['Doe']);
	});
});

describe('Econtract client:update', () => {
	it('posts only the changed fields to /api/clients/{id}', async () => {
		await run(sim(), create());
		const { output } = await run(sim(), {
			resource: 'client',
			operation: 'update',
			id: 101,
			additionalFields: { iban: 'BE68 5390 0754 7034' },
			requestOptions: noRetry,
		});
		const sent = sim().log[1];
		expect(sent.path).toBe('/api/clients/101');
		expect(sent.body).toEqual({
			iban: 'BE68 5390 0754 7034',
			crm_api_id: CRM_API_ID,
			crm_api_key: CRM_API_KEY,
		});
		expect(output[0].json).toMatchObject({ id: 101, iban: 'BE68 5390 0754 7034' });
	});

	it('refuses an update without fields', async () => {
		const { error } = await run(sim(), {
			resource: 'client',
			operation: 'update',
			id: 101,
			additionalFields: {},
			requestOptions: noRetry,
		});
		expect(error?.message).toBe('Update Fields: add at least one field to change');
		expect(sim().log).toHaveLength(0);
	});
});
