// Issue 18: what the editor pre-fills never sends anything real. Record IDs are empty text fields
// (no 0 that looks like an ID), refused with the field named when a required one is left empty;
// IDs typed as text travel as typed (digits), IDs saved as numbers by older workflows as before;
// the Get Latest filters start empty ("Any") and are then not sent.
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { EcontractTrigger } from '../../../nodes/Econtract/EcontractTrigger.node';
import {
	CRM_API_ID,
	CRM_API_KEY,
	GAS,
	ORDER_FIELDS,
	address,
	client,
	node,
	noRetry,
	run,
	useSimulator,
} from './setup';

const sim = useSimulator();
const credentials = { crm_api_id: CRM_API_ID, crm_api_key: CRM_API_KEY };

/** Every property of a description, collections' entries included. */
function allProperties(properties: INodeProperties[]): INodeProperties[] {
	const out: INodeProperties[] = [];
	for (const p of properties) {
		out.push(p);
		if (p.type === 'collection') out.push(...allProperties((p.options ?? []) as INodeProperties[]));
	}
	return out;
}

const ID_NAMES = /^(id|.*_id)$/;

describe('Econtract: defaults the editor fills in', () => {
	it('every record ID is an empty text field with an example, never a 0', () => {
		// Cookie ID is a browser cookie's value, not a record of the CRM.
		const ids = allProperties(node.description.properties).filter(
			(p) => ID_NAMES.test(p.name) && p.name !== 'cookie_id',
		);
		expect(ids.length).toBeGreaterThan(0);
		for (const p of ids) {
			// A client is picked (a resource locator: From List, or By ID with the same example).
			if (p.type === 'resourceLocator') {
				expect({
					name: p.name,
					default: p.default,
					placeholder: p.modes?.find((m) => m.name === 'id')?.placeholder,
				}).toEqual({ name: p.name, default: { mode: 'list', value: '' }, placeholder: 'e.g. 666' });
				continue;
			}
			expect({
				name: p.name,
				type: p.type,
				default: p.default,
				placeholder: p.placeholder,
			}).toEqual({ name: p.name, type: 'string', default: '', placeholder: 'e.g. 666' });
		}
	});

	it('the trigger offers the same filters as Get Latest, Affiliate ID apart (its call does not take it)', () => {
		const trigger = new EcontractTrigger().description.properties.find((p) => p.name === 'filters')
			?.options as INodeProperties[];
		expect(trigger.map((p) => p.displayName)).toEqual([
			'Age',
			'Language',
			'Postal Code',
			'Product Type',
		]);
	});

	// Age is a number of days from 1: the 0 it starts with is no value, refused below.
	it('a Get Latest filter added as it comes sends nothing (Age as it comes is refused)', async () => {
		const filters = (node.description.properties.find((p) => p.name === 'filters')?.options ??
			[]) as INodeProperties[];
		const defaults: IDataObject = {};
		for (const f of filters) if (f.name !== 'age') defaults[f.name] = f.default as string;
		expect(Object.keys(defaults).sort()).toEqual([
			'address_zipcode',
			'affiliate_id',
			'client_language',
			'product_type',
		]);
		const { error } = await run(sim(), {
			resource: 'order',
			operation: 'getLatest',
			endpoint: 'latest',
			limit: 5,
			filters: defaults,
			requestOptions: noRetry,
		});
		expect(error).toBeUndefined();
		expect(sim().log[0].body).toEqual({ limit: '5', ...credentials });
	});

	it('Age added as it comes (0) is refused before sending, naming the field; 1 is sent', async () => {
		const age = (
			(node.description.properties.find((p) => p.name === 'filters')?.options ??
				[]) as INodeProperties[]
		).find((f) => f.name === 'age');
		expect(age?.default).toBe(0);
		const getLatest = (filters: IDataObject) =>
			run(sim(), {
				resource: 'order',
				operation: 'getLatest',
				endpoint: 'latest',
				limit: 5,
				filters,
				requestOptions: noRetry,
			});
		const { error } = await getLatest({ age: age?.default });
		expect(error?.message).toBe(
			'Age (age): "0" is out of range. Expected a whole number of days, 1 or more',
		);
		expect(sim().log).toHaveLength(0);
		expect((await getLatest({ age: 1 })).error).toBeUndefined();
		expect(sim().log[0].body).toEqual({ age: '1', limit: '5', ...credentials });
	});

	it('Postal Code is sent trimmed and must be digits', async () => {
		await run(sim(), {
			resource: 'order',
			operation: 'getLatest',
			endpoint: 'latest',
			limit: 5,
			filters: { address_zipcode: ' 3500 ' },
			requestOptions: noRetry,
		});
		expect(sim().log[0].body).toEqual({ address_zipcode: '3500', limit: '5', ...credentials });
		const { error } = await run(sim(), {
			resource: 'order',
			operation: 'getLatest',
			endpoint: 'latest',
			limit: 5,
			filters: { address_zipcode: '35OO' },
			requestOptions: noRetry,
		});
		expect(error?.message).toBe('address_zipcode: "35OO" is not a whole number');
		expect(sim().log).toHaveLength(1);
	});
});

describe('Econtract: record IDs as text', () => {
	it.each([
		['client', 'get', 'Client'],
		['address', 'get', 'Address ID'],
		['contract', 'get', 'Contract ID'],
		['supplier', 'getRating', 'Supplier ID'],
	])(
		'%s:%s left empty is refused, naming the field, before sending',
		async (resource, operation, label) => {
			const { error } = await run(sim(), { resource, operation, id: '', requestOptions: noRetry });
			expect(error?.message).toBe(
				`${label} (id): is required. Expected a positive whole number, e.g. 666`,
			);
			expect(sim().log).toHaveLength(0);
		},
	);

	it('a typed ID is sent as its trimmed digits', async () => {
		await run(sim(), {
			resource: 'client',
			operation: 'get',
			id: ' 101 ',
			requestOptions: noRetry,
		});
		expect(sim().log[0].path).toBe('/api/clients/101');
	});

	it.each(['0', '00', '-3', '1.5', '1e3'])('refuses the ID "%s"', async (id) => {
		const { error } = await run(sim(), {
			resource: 'contract',
			operation: 'get',
			id,
			requestOptions: noRetry,
		});
		expect(error?.message).toBe(
			`Contract ID (id): "${id}" is not a valid ID. Expected a positive whole number, e.g. 666`,
		);
		expect(sim().log).toHaveLength(0);
	});

	it('address:create: an empty Client ID is refused before sending', async () => {
		const { error } = await run(sim(), {
			resource: 'address',
			operation: 'create',
			client_id: '',
			...address,
			box: '',
			additionalFields: {},
			requestOptions: noRetry,
		});
		expect(error?.message).toBe(
			'Client (client_id): is required. Expected a positive whole number, e.g. 666',
		);
		expect(sim().log).toHaveLength(0);
	});

	it('order:create: IDs typed as text send what the same IDs saved as numbers send', async () => {
		const order = (ids: Record<string, string | number>) => ({
			resource: 'order',
			operation: 'create',
			product_type: 'gas',
			...ORDER_FIELDS,
			...ids,
			...GAS,
			...client,
			...address,
			invoice_address: {},
			additionalFields: {},
			requestOptions: noRetry,
		});
		const numbers = {
			comparison_id: 45688954,
			affiliate_id: 50,
			sales_channel_id: 1,
			supplier_id: 5,
			product_id: 12,
		};
		const texts: Record<string, string> = {};
		for (const [k, v] of Object.entries(numbers)) texts[k] = ` ${v} `;
		expect((await run(sim(), order(numbers))).error).toBeUndefined();
		const fromNumbers = sim().log[0].body;
		sim().reset();
		expect((await run(sim(), order(texts))).error).toBeUndefined();
		expect(sim().log[0].body).toEqual(fromNumbers);
		expect(fromNumbers).toMatchObject({
			comparison_id: '45688954',
			affiliate_id: '50',
			sales_channel_id: '1',
			supplier_id: '5',
			product_id: '12',
		});
	});

	it('lead:create: optional IDs left empty are not sent; given ones must be whole numbers, numbers from older workflows pass', async () => {
		const lead = (additionalFields: Record<string, string | number>) => ({
			resource: 'lead',
			operation: 'create',
			lead_type: 'call_me_back',
			gender: 1,
			segment: 1,
			first_name: 'John',
			last_name: 'Doe',
			email: 'john.doe@server.com',
			language: 'nl',
			additionalFields,
			address: {},
			requestOptions: noRetry,
		});
		expect(
			(await run(sim(), lead({ affiliate_id: '', product_id: ' 12 ', supplier_id: 542 }))).error,
		).toBeUndefined();
		const body = sim().log[0].body as Record<string, unknown>;
		expect(body.affiliate_id).toBeUndefined();
		expect([body.product_id, body.supplier_id]).toEqual(['12', '542']);
		const { error } = await run(sim(), lead({ producttype_id: 'gas' }));
		expect(error?.message).toBe(
			'Product Type ID (producttype_id): "gas" is not a valid ID. Expected a whole number, e.g. 666',
		);
		expect(sim().log).toHaveLength(1);
	});

	it('lead:createClickOut: a Supplier ID that is not a number is refused before sending', async () => {
		const { error } = await run(sim(), {
			resource: 'lead',
			operation: 'createClickOut',
			first_name: 'J',
			last_name: 'D',
			email: 'j@d.be',
			additionalFields: { supplier_id: 'abc' },
			requestOptions: noRetry,
		});
		expect(error?.message).toBe(
			'Supplier ID (supplier_id): "abc" is not a valid ID. Expected a whole number, e.g. 666',
		);
		expect(sim().log).toHaveLength(0);
	});
});
