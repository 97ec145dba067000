// The doc gives no format for the listener's answer. An answer is a failure only when it plainly
// says so: `{"error":0,"message":"Success"}` or `{"error":""}` must not fail the batch (users then
// re-run it and create every record twice), `{"error":1}` or `{"success":false}` must.
import type { Simulator } from '../../helpers/sims';
import { dataPlatformSimulator, posts, run } from './setup';

let sim: Simulator;
beforeAll(async () => {
	sim = await dataPlatformSimulator().start(0);
});
afterAll(async () => sim.stop());
beforeEach(() => sim.reset());

const contact = {
	resource: 'contact',
	operation: 'create',
	name: 'Huy',
	type: 0,
	additionalFields: {},
	requestOptions: { maxRetries: 0 },
};

/** The listener answers this raw JSON (HTTP 200) to the next POST. */
const answer = (json: unknown) =>
	sim.addFault({
		kind: 'status',
		status: 200,
		body: JSON.stringify(json),
		contentType: 'application/json',
	});

describe('dataPlatform listener answers', () => {
	it.each([
		[{ error: 0, message: 'Success' }],
		[{ error: '', msg: 'ok' }],
		[{ error: '  ', message: 'Success' }],
		[{ success: true, error: 0 }],
		[{ success: true, error: 'none' }],
		[{ error: false }],
		[{ error: null, message: 'Saved' }],
	])('a whole answer %j is a success for every item', async (body) => {
		answer(body);
		const items = [{}, {}];
		const { output, error } = await run(sim, contact, { items });
		expect(error).toBeUndefined();
		expect(posts(sim)).toHaveLength(1);
		expect(output.map((o) => o.json)).toEqual([
			{ success: true, actionType: 'add-contact', senderUser: expect.any(String), response: body },
			{ success: true, actionType: 'add-contact', senderUser: expect.any(String), response: body },
		]);
	});

	it.each([
		[{ error: 1 }, '{"error":1}'],
		[{ error: 1, message: 'Invalid data' }, 'Invalid data'],
		[{ error: 'Bad' }, 'Bad'],
		[{ error: true, message: 'Sender not allowed' }, 'Sender not allowed'],
		[{ error: { code: 7 } }, '{"code":7}'],
		[{ success: false }, '{"success":false}'],
		[{ success: false, error: 0, message: 'Refused' }, 'Refused'],
		[{ status: 'error', message: 'Listener disabled' }, 'Listener disabled'],
	])('a whole answer %j fails every item', async (body, message) => {
		answer(body);
		const items = [{}, {}];
		const { output, error } = await run(sim, contact, { items, continueOnFail: true });
		expect(error).toBeUndefined();
		expect(output.map((o) => o.json)).toEqual([
			{ error: `CRM Data Platform: ${message}`, httpCode: '200' },
			{ error: `CRM Data Platform: ${message}`, httpCode: '200' },
		]);
		answer(body);
		const stopped = await run(sim, contact, { items });
		expect(stopped.error?.message).toBe(`CRM Data Platform: ${message}`);
	});

	it('reads the per-action answers the same way', async () => {
		const perAction = [
			{ error: 0, message: 'Success' },
			{ error: '', msg: 'ok' },
			{ success: true, error: 0 },
			{ error: 1 },
			{ error: 'Bad' },
			{ success: false },
		];
		answer({ data: perAction });
		const items = perAction.map(() => ({}));
		const { output, error } = await run(sim, contact, { items, continueOnFail: true });
		expect(error).toBeUndefined();
		expect(output.map((o) => o.json)).toEqual([
			expect.objectContaining({ success: true, response: perAction[0] }),
			expect.objectContaining({ success: true, response: perAction[1] }),
			expect.objectContaining({ success: true, response: perAction[2] }),
			{ error: 'CRM Data Platform: add-contact refused: {"error":1}', httpCode: '200' },
			{ error: 'CRM Data Platform: add-contact refused: Bad', httpCode: '200' },
			{ error: 'CRM Data Platform: add-contact refused: {"success":false}', httpCode: '200' },
		]);
	});

	it('still fails on an HTTP error', async () => {
		sim.addFault({ kind: 'status', status: 400, body: '{"error":0,"message":"Bad request"}' });
		const { error } = await run(sim, contact);
		expect(error?.message).toBe('CRM Data Platform: HTTP 400 - Bad request');
	});
});
