// Fields whose values come from the CRM's parameters page (doc "(*) Check the CRM parameters
// page"): numbers from 1. The 0 such a field starts with is never sent: a required one left at
// 0 is refused before any request, naming the field; an optional one at 0 is not sent.
import { clientFieldMap } from '../../../nodes/Econtract/actions/fields';
import { GAS, ORDER_FIELDS, address, client, noRetry, order, run, useSimulator } from './setup';

const sim = useSimulator();
const untouched = clientFieldMap.gender.default;
const FORM = "must be a value from your CRM's parameters page (a whole number of 1 or more)";

const clientCreate = (fields: Record<string, unknown>, additionalFields = {}) => ({
	resource: 'client',
	operation: 'create',
	...client,
	...fields,
	additionalFields,
	requestOptions: noRetry,
});

const leadCreate = (fields: Record<string, unknown>) => ({
	resource: 'lead',
	operation: 'create',
	lead_type: 'call_me_back',
	gender: 1,
	segment: 1,
	first_name: 'John',
	last_name: 'Doe',
	email: 'john.doe@server.com',
	language: 'nl',
	additionalFields: {},
	address: {},
	requestOptions: noRetry,
	...fields,
});

describe('Econtract: values of the CRM parameters page', () => {
	it('the fields start at 0, which no parameters page uses', () => {
		expect(untouched).toBe(0);
	});

	it('client:create: Gender left as it comes is refused, nothing is sent; 1 is sent as 1', async () => {
		const { error } = await run(sim(), clientCreate({ gender: untouched }));
		expect(error?.message).toBe(`Gender (gender): ${FORM}`);
		expect(sim().log).toHaveLength(0);
		expect((await run(sim(), clientCreate({ gender: 1 }))).error).toBeUndefined();
		expect(sim().log[0].body).toMatchObject({ gender: '1' });
	});

	it('client:create: a value that is not a whole number of 1 or more is refused', async () => {
		const { error } = await run(sim(), clientCreate({ segment: -2 }));
		expect(error?.message).toBe(`Market Segment (segment): ${FORM}, not "-2"`);
		expect(sim().log).toHaveLength(0);
	});

	it.each([
		['payment_method', 'Payment Method', { ...ORDER_FIELDS, payment_method: untouched }, GAS],
		['situation', 'Situation', ORDER_FIELDS, { ...GAS, situation: untouched }],
	])(
		'order:create: %s left as it comes is refused, nothing is sent',
		async (name, label, fields, contract) => {
			const { error } = await run(sim(), { ...order('gas', contract), ...fields });
			expect(error?.message).toBe(`${label} (${name}): ${FORM}`);
			expect(sim().log).toHaveLength(0);
		},
	);

	it("order:create: the client's Market Segment left as it comes is refused; 1 is sent as 1", async () => {
		const { error } = await run(sim(), order('gas', GAS, { segment: untouched }));
		expect(error?.message).toBe(`Market Segment (client.segment): ${FORM}`);
		expect(sim().log).toHaveLength(0);
		expect((await run(sim(), order('gas', GAS))).error).toBeUndefined();
		expect(sim().log[0].body).toMatchObject({
			payment_method: '1',
			situation: '3',
			client_gender: '1',
			client_segment: '1',
		});
	});

	it('lead:create: Market Segment left as it comes is refused, nothing is sent; 1 is sent as 1', async () => {
		const { error } = await run(sim(), leadCreate({ segment: untouched }));
		expect(error?.message).toBe(`Market Segment (segment): ${FORM}`);
		expect(sim().log).toHaveLength(0);
		expect((await run(sim(), leadCreate({}))).error).toBeUndefined();
		expect(sim().log[0].body).toMatchObject({ gender: '1', segment: '1' });
	});

	it('an optional one (Building Type) left at 0 is not sent', async () => {
		await run(sim(), clientCreate({}));
		const { error } = await run(sim(), {
			resource: 'address',
			operation: 'create',
			client_id: '101',
			...address,
			box: '',
			additionalFields: { building_type: 0 },
			requestOptions: noRetry,
		});
		expect(error).toBeUndefined();
		expect(sim().log[1].body).not.toHaveProperty('building_type');
	});

	it('the simulator refuses a value below 1 with a 422 (sent as given through Extra Fields (JSON))', async () => {
		const { error } = await run(
			sim(),
			clientCreate({ gender: 1 }, { extraFieldsJson: '{"gender": 0}' }),
		);
		expect(sim().log).toHaveLength(1);
		expect(sim().log[0].body).toMatchObject({ gender: '0' });
		expect(error?.message).toMatch(/gender must be at least 1/);
	});
});
