// N input items travel in one POST (doc 2.2: `data` is an array), in batches of the
// Batch Size option; every output item is paired with its input, errors stay per item.
import type { Simulator } from '../../helpers/sims';
import { dataPlatformSimulator, posts, run } from './setup';

let sim: Simulator;
beforeAll(async () => {
	sim = await dataPlatformSimulator().start(0);
});
afterAll(async () => sim.stop());
beforeEach(() => sim.reset());

const contacts = (count: number) =>
	Array.from({ length: count }, (_, n) => ({ name: `C${n}`, email: `c${n}@example.com` }));
const params =
	(
		items: Array<{ name: string; email: string }>,
		requestOptions: Record<string, unknown> = { maxRetries: 0 },
	) =>
	(i: number) => ({
		resource: 'contact',
		operation: 'create',
		name: items[i].name,
		type: 0,
		additionalFields: { emails: { values: [{ type: 'Work', value: items[i].email }] } },
		requestOptions,
	});
const sizes = () => posts(sim).map((r) => (r.body as { data: unknown[] }).data.length);

describe('dataPlatform batching', () => {
	it.each([
		[1, [1]],
		[49, [49]],
		[50, [50]],
		[51, [50, 1]],
	])(
		'sends %i items in POSTs of %j actions, each item paired with its answer',
		async (count, expected) => {
			const items = contacts(count);
			const { output, error } = await run(sim, params(items), { items });
			expect(error).toBeUndefined();
			expect(sizes()).toEqual(expected);
			expect(output).toHaveLength(count);
			output.forEach((o, n) => {
				expect(o.pairedItem).toEqual({ item: n });
				expect(o.json.response).toMatchObject({ success: true, customerId: `PID-${1001 + n}` });
			});
			const sentNames = posts(sim).flatMap((r) =>
				(r.body as { data: Array<{ data: { name: string } }> }).data.map((a) => a.data.name),
			);
			expect(sentNames).toEqual(items.map((c) => c.name));
		},
	);

	it('sends 10,000 contacts in 200 POSTs with the default batch size', async () => {
		const items = contacts(10_000);
		const { output, error } = await run(sim, params(items), { items });
		expect(error).toBeUndefined();
		expect(posts(sim)).toHaveLength(200);
		expect(new Set(sizes())).toEqual(new Set([50]));
		expect(output).toHaveLength(10_000);
		expect(output[9_999].json.response).toMatchObject({ success: true, customerId: 'PID-11000' });
		expect(sim.state.contacts).toHaveLength(10_000);
	}, 60_000);

	it('follows the Batch Size option', async () => {
		const items = contacts(7);
		await run(sim, params(items, { maxRetries: 0, batchSize: 3 }), { items });
		expect(sizes()).toEqual([3, 3, 1]);
	});

	it('keeps an item with bad input out of its batch and reports it on that item alone (continue on fail)', async () => {
		const items = contacts(5);
		items[2].email = 'not-an-email';
		const { output, error } = await run(sim, params(items), { items, continueOnFail: true });
		expect(error).toBeUndefined();
		expect(sizes()).toEqual([4]);
		expect(output.map((o) => o.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(output[2].json.error).toBe(
			'Emails (emails): "not-an-email" is not a valid email address. Expected the form name@domain.com',
		);
		expect(output[3].json.response).toMatchObject({ success: true, customerId: 'PID-1003' });
	});

	it('reports an action the listener refuses on its own item only', async () => {
		const items = contacts(3);
		sim.state.contacts.push({
			customerId: 'PID-1',
			emails: [{ value: 'x@example.com' }],
			phones: [],
			history: [],
		});
		const { output } = await run(
			sim,
			(i) => ({
				resource: 'contact',
				operation: 'update',
				customerId: i === 1 ? 'PID-404' : 'PID-1',
				contactId: '',
				type: 0,
				additionalFields: {},
				requestOptions: { maxRetries: 0 },
			}),
			{
				items,
				continueOnFail: true,
			},
		);
		expect(sizes()).toEqual([3]);
		expect(output[0].json.response).toMatchObject({ success: true });
		expect(output[1].json).toEqual({
			error: 'CRM Data Platform: update-contact refused: Contact not found',
			httpCode: '200',
		});
		expect(output[2].json.response).toMatchObject({ success: true });
	});

	it("gives a failed batch's error to each of its items, and the other batches still go", async () => {
		const items = contacts(5);
		sim.addFault({
			kind: 'status',
			status: 500,
			body: '{"success":false,"message":"Database busy"}',
		});
		const { output, error } = await run(sim, params(items, { maxRetries: 0, batchSize: 2 }), {
			items,
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(sizes()).toEqual([2, 2, 1]);
		expect(output[0].json).toEqual({
			error: 'CRM Data Platform: HTTP 500 - Database busy',
			httpCode: '500',
		});
		expect(output[1].json).toEqual({
			error: 'CRM Data Platform: HTTP 500 - Database busy',
			httpCode: '500',
		});
		expect(output.slice(2).map((o) => o.json.response)).toEqual([
			expect.objectContaining({ success: true, customerId: 'PID-1001' }),
			expect.objectContaining({ success: true, customerId: 'PID-1002' }),
			expect.objectContaining({ success: true, customerId: 'PID-1003' }),
		]);
	});

	it('without continue on fail, stops at the first failed batch and sends no further batch', async () => {
		const items = contacts(5);
		sim.addFault({ kind: 'status', status: 500, body: '{"message":"Database busy"}' });
		const { error, output } = await run(sim, params(items, { maxRetries: 0, batchSize: 2 }), {
			items,
		});
		expect(error?.message).toBe('CRM Data Platform: HTTP 500 - Database busy');
		expect(output).toEqual([]);
		expect(sizes()).toEqual([2]);
	});

	it('without continue on fail, sends nothing when an item has bad input', async () => {
		const items = contacts(3);
		items[1].email = 'bad';
		const { error } = await run(sim, params(items), { items });
		expect(error?.message).toBe(
			'Emails (emails): "bad" is not a valid email address. Expected the form name@domain.com',
		);
		expect((error as { description?: string }).description).toBe(
			'Input item 2 is not valid, so no item was sent. Turn on "Continue On Fail" to send the valid items anyway.',
		);
		expect(posts(sim)).toHaveLength(0);
	});

	it('groups items by sender user: one POST per sender', async () => {
		const items = contacts(4);
		await run(
			sim,
			(i) => ({ ...params(items)(i), senderUser: i % 2 ? 'sales@dataplatform.test' : '' }),
			{ items },
		);
		expect(
			posts(sim).map((r) => [
				(r.body as { senderUser: string }).senderUser,
				(r.body as { data: unknown[] }).data.length,
			]),
		).toEqual([
			['owner@dataplatform.test', 2],
			['sales@dataplatform.test', 2],
		]);
	});

	it('never resends a create the listener may have received (502), but resends an upsert', async () => {
		sim.addFault({ kind: 'status', status: 502 });
		const create = await run(sim, params(contacts(1), { maxRetries: 2 }));
		expect(create.error?.message).toContain('HTTP 502');
		expect(posts(sim)).toHaveLength(1);
		sim.reset();
		sim.addFault({ kind: 'status', status: 502 });
		const upsert = await run(sim, {
			resource: 'deal',
			operation: 'upsert',
			name: 'D',
			dealId: '',
			additionalFields: { stage: 'New' },
			dealWith: { name: 'Huy' },
			requestOptions: { maxRetries: 2 },
		});
		expect(upsert.error).toBeUndefined();
		expect(posts(sim)).toHaveLength(2);
	});

	it('resends a create refused as temporary (503: not processed)', async () => {
		sim.addFault({ kind: 'status', status: 503, retryAfter: 0 });
		const { error, output } = await run(sim, params(contacts(1), { maxRetries: 1 }));
		expect(error).toBeUndefined();
		expect(posts(sim)).toHaveLength(2);
		expect(output[0].json.response).toMatchObject({ success: true });
	});
});
