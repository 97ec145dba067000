// The shared transport, through a minimal node, against a simulator over HTTP:
// which failures are retried, which never are, Retry-After, and the rate limiter.
import type { ICredentialType, IDataObject, IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { resetRateLimiters } from '../../../nodes/shared/rateLimiter';
import { routeItems } from '../../../nodes/shared/router';
import { crmRequest } from '../../../nodes/shared/transport';
import type { CrmRequest } from '../../../nodes/shared/transport';
import { runNode } from '../../helpers/context';
import { pilotSimulator } from '../../helpers/sims';
import type { Simulator } from '../../helpers/sims';

let sim: Simulator;
beforeAll(async () => {
	sim = await pilotSimulator().start(0);
});
afterAll(async () => sim.stop());
beforeEach(() => {
	sim.reset();
	resetRateLimiters();
});

class NoAuth implements ICredentialType {
	name = 'noAuth';
	displayName = 'None';
	properties = [];
}

/** A node whose one operation sends the request given as parameters and outputs {statusCode, retries}. */
class TransportNode implements INodeType {
	description = { displayName: 'T', name: 't', defaults: { name: 'T' }, properties: [] } as unknown as INodeTypeDescription;
	async execute(this: IExecuteFunctions) {
		return await routeItems.call(this, {
			operations: {
				call: {
					send: {
						description: [],
						parallel: true,
						async execute(this: IExecuteFunctions, itemIndex: number) {
							const request = this.getNodeParameter('request', itemIndex) as unknown as Partial<CrmRequest>;
							const r = await crmRequest.call(this, { crm: 'Test', credentialType: 'noAuth', method: 'GET', url: '', idempotent: true, itemIndex, ...request } as CrmRequest);
							return { statusCode: r.statusCode, retries: r.retries } as IDataObject;
						},
					},
				},
			},
		});
	}
}

const send = (request: Partial<CrmRequest>, items = 1, parallelRequests = 5) =>
	runNode(new TransportNode(), {
		parameters: { resource: 'call', operation: 'send', request: { url: `${sim.url}/thing`, retry: { baseDelayMs: 10 }, ...request } as unknown as IDataObject, requestOptions: { parallelRequests } },
		items: Array.from({ length: items }, () => ({})),
		credentials: { noAuth: {} },
		credentialTypes: { noAuth: new NoAuth() },
	});

describe('shared transport', () => {
	it.each([500, 502, 503, 504, 429])('retries a call that is safe to repeat after a %i', async (status) => {
		sim.addFault({ kind: 'status', status });
		const { output } = await send({ idempotent: true });
		expect(sim.log.map((r) => r.status)).toEqual([status, 404]);
		expect(output[0].json).toEqual({ statusCode: 404, retries: 1 });
	});

	it('retries a call that is safe to repeat after a connection reset', async () => {
		sim.addFault({ kind: 'reset' });
		const { output } = await send({ idempotent: true });
		expect(sim.log).toHaveLength(2);
		expect(output[0].json.retries).toBe(1);
	});

	it.each([502, 504])('never re-sends a create after a %i, and says so', async (status) => {
		sim.addFault({ kind: 'status', status });
		const { error } = await send({ idempotent: false, method: 'POST' });
		expect(sim.log).toHaveLength(1);
		expect(error?.message).toBe(
			`Test: HTTP ${status} on POST /thing (Service Unavailable). The request may have reached the server, so it was not sent again to avoid a duplicate.`,
		);
		expect((error as { httpCode?: string }).httpCode).toBe(String(status));
	});

	it('never re-sends a create after a 500: the answer goes to the CRM decoding', async () => {
		sim.addFault({ kind: 'status', status: 500 });
		const { output } = await send({ idempotent: false, method: 'POST' });
		expect(sim.log).toHaveLength(1);
		expect(output[0].json).toEqual({ statusCode: 500, retries: 0 });
	});

	it.each([503, 429])('re-sends a create refused with %i (the server did not process it)', async (status) => {
		sim.addFault({ kind: 'status', status });
		const { output } = await send({ idempotent: false, method: 'POST' });
		expect(sim.log.map((r) => r.status)).toEqual([status, 404]);
		expect(output[0].json.retries).toBe(1);
	});

	it('never retries another 4xx', async () => {
		sim.addFault({ kind: 'status', status: 400 });
		const { output } = await send({ idempotent: true });
		expect(sim.log).toHaveLength(1);
		expect(output[0].json).toEqual({ statusCode: 400, retries: 0 });
	});

	it('stops after Max Retries and returns the last answer', async () => {
		sim.addFault({ kind: 'status', status: 503, times: 10 });
		const { output } = await send({ retry: { maxRetries: 2, baseDelayMs: 5 } });
		expect(sim.log).toHaveLength(3);
		expect(output[0].json).toEqual({ statusCode: 503, retries: 2 });
	});

	it('waits the Retry-After the server asks for', async () => {
		sim.addFault({ kind: 'status', status: 429, retryAfter: 1 });
		await send({});
		expect(sim.log).toHaveLength(2);
		expect(sim.log[1].at - sim.log[0].at).toBeGreaterThanOrEqual(950);
	});

	it('retries even a create when the connection was refused (nothing was sent), then says so', async () => {
		const { error } = await send({ idempotent: false, method: 'POST', url: 'http://127.0.0.1:9/x', retry: { maxRetries: 2, baseDelayMs: 5 } });
		expect(error?.message).toBe('Test: connection failed (connection refused) on POST /x.');
		expect((error as { description?: string }).description).toBe('Sent 3 times.');
	});

	it('keeps the rate limit across items sent in parallel: never more than N calls in a window', async () => {
		sim.addFault({ kind: 'slow', delayMs: 30, times: 100 });
		await send({ rateLimit: { key: 'account-1', calls: 4, perMs: 500 } }, 10, 10);
		expect(sim.log).toHaveLength(10);
		const times = sim.log.map((r) => r.at).sort((a, b) => a - b);
		// 4 calls per 500 ms, counted from each answer: call i + 4 reaches the server at least
		// 500 ms after call i did, whatever the network delays (no jitter allowance needed).
		for (let i = 4; i < times.length; i++) expect(times[i] - times[i - 4]).toBeGreaterThanOrEqual(500);
		// Bursts of 4 go out at once: 10 calls take 2 windows, not 9 gaps of 125 ms.
		expect(times[9] - times[0]).toBeLessThan(2 * 500 + 2 * 30 + 900);
	});

	it('holds the next call until the answer of the call it follows is in', async () => {
		sim.addFault({ kind: 'slow', delayMs: 400, times: 1 });
		await send({ rateLimit: { key: 'account-2', calls: 1, perMs: 300 } }, 2, 2);
		const times = sim.log.map((r) => r.at).sort((a, b) => a - b);
		// The 2nd call waits for the 1st call's answer (400 ms late) + 300 ms.
		expect(times[1] - times[0]).toBeGreaterThanOrEqual(700);
	});
});
