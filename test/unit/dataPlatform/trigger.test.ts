// dataPlatformTrigger's webhook() with the request n8n hands it (body parsed by n8n, raw
// bytes in rawBody, express's req.ip). Real-HTTP behaviour is in test/e2e/dataPlatform.e2e.test.js.
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { DataPlatformTrigger, ipAllowed } from '../../../nodes/DataPlatform/DataPlatformTrigger.node';

const SECRET = 'shared-Secret-9f31';

interface FakeRequest {
	body?: unknown;
	headers?: Record<string, string>;
	query?: Record<string, string>;
	ip?: string;
	raw?: string;
}

function call(request: FakeRequest, parameters: IDataObject = {}) {
	const answer: { status?: number; json?: IDataObject } = {};
	const params: IDataObject = { path: 'data-platform', secretLocation: 'none', allowedIps: '', behindProxy: false, maxBodyKb: 1024, ...parameters };
	const raw = request.raw ?? JSON.stringify(request.body ?? {});
	const context = {
		getRequestObject: () => ({
			headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(raw)), ...(request.headers ?? {}) },
			query: request.query ?? {},
			ip: request.ip ?? '203.0.113.7',
			socket: { remoteAddress: request.ip ?? '203.0.113.7' },
			rawBody: Buffer.from(raw),
			body: request.body,
		}),
		getResponseObject: () => ({
			status(code: number) {
				answer.status = code;
				return { json: (body: IDataObject) => (answer.json = body) };
			},
		}),
		getBodyData: () => request.body,
		getNodeParameter: (name: string, fallback?: unknown) => (name in params ? params[name] : fallback),
	} as unknown as IWebhookFunctions;
	return new DataPlatformTrigger().webhook.call(context).then((result) => {
		// What the sender gets: the node's own answer (a refusal, no execution), or n8n's, which
		// sends the node's webhookResponse with status 200 (responseData '' in the description)
		// and, on n8n 2.x, only once the execution exists.
		let answeredBy: 'node' | 'n8n' | undefined = answer.status !== undefined ? 'node' : undefined;
		if (!answeredBy && result.workflowData && result.webhookResponse !== undefined && !result.noWebhookResponse) {
			answeredBy = 'n8n';
			answer.status = 200;
			answer.json = result.webhookResponse as IDataObject;
		}
		return { result, answer, answeredBy };
	});
}

const body = {
	senderUser: 'huy.nguyenviet@example.com',
	data: [
		{ actionType: 'add-contact', data: { name: 'Huy', emails: [{ value: 'huy@example.com' }] } },
		{ actionType: 'add-note', data: { body: 'Hello', customerId: 'PID-1' } },
		{ actionType: 'send-sms', data: { content: 'Hi', phones: ['0333456789'] } },
	],
};

describe('dataPlatformTrigger', () => {
	it("lets n8n answer a post that starts an execution (with the node's webhookResponse), not itself", () => {
		expect(new DataPlatformTrigger().description.webhooks).toEqual([{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: '', path: '={{$parameter["path"]}}' }]);
	});

	it('emits one item per action, keeping senderUser and actionType, and answers 200', async () => {
		const { result, answer, answeredBy } = await call({ body });
		expect(answer).toEqual({ status: 200, json: { success: true, message: '3 actions received', accepted: 3, ignored: 0 } });
		// n8n answers, after creating the execution: never a 200 without one.
		expect(answeredBy).toBe('n8n');
		expect(result.noWebhookResponse).toBeUndefined();
		expect(result.workflowData![0].map((i) => i.json)).toEqual([
			{ senderUser: 'huy.nguyenviet@example.com', actionType: 'add-contact', data: { name: 'Huy', emails: [{ value: 'huy@example.com' }] } },
			{ senderUser: 'huy.nguyenviet@example.com', actionType: 'add-note', data: { body: 'Hello', customerId: 'PID-1' } },
			{ senderUser: 'huy.nguyenviet@example.com', actionType: 'send-sms', data: { content: 'Hi', phones: ['0333456789'] } },
		]);
	});

	it('keeps only the action types of the filter; none left starts no execution', async () => {
		const some = await call({ body }, { actionTypes: ['add-note'] });
		expect(some.answer.json).toMatchObject({ accepted: 1, ignored: 2 });
		expect(some.result.workflowData![0].map((i) => i.json.actionType)).toEqual(['add-note']);
		const none = await call({ body }, { actionTypes: ['add-deal'] });
		expect(none.answer).toEqual({ status: 200, json: { success: true, message: '3 actions received', accepted: 0, ignored: 3 } });
		expect(none.answeredBy).toBe('node');
		expect(none.result.workflowData).toBeUndefined();
	});

	describe('shared secret', () => {
		it('accepts the right secret in the header and refuses a wrong or missing one with 401', async () => {
			const params = { secretLocation: 'header', headerName: 'X-Listener-Secret', secret: SECRET };
			expect((await call({ body, headers: { 'x-listener-secret': SECRET } }, params)).answer.status).toBe(200);
			for (const headers of [{ 'x-listener-secret': `${SECRET}x` }, { 'x-listener-secret': SECRET.slice(0, -1) }, {}] as Array<Record<string, string>>) {
				const { answer, result } = await call({ body, headers }, params);
				expect(answer).toEqual({ status: 401, json: { success: false, message: 'The shared secret is missing or wrong' } });
				expect(result.workflowData).toBeUndefined();
			}
		});

		it('accepts the secret in a query parameter', async () => {
			const params = { secretLocation: 'query', queryParameterName: 'key', secret: SECRET };
			expect((await call({ body, query: { key: SECRET } }, params)).answer.status).toBe(200);
			expect((await call({ body, query: { key: 'nope' } }, params)).answer.status).toBe(401);
		});

		it('refuses everything when the secret is left empty but required', async () => {
			const { answer } = await call({ body, headers: { 'x-listener-secret': '' } }, { secretLocation: 'header', headerName: 'X-Listener-Secret', secret: '' });
			expect(answer.status).toBe(401);
		});
	});

	describe('IP allowlist', () => {
		it('accepts listed addresses and ranges, refuses others with 403', async () => {
			const params = { allowedIps: '198.51.100.9, 203.0.113.0/24' };
			expect((await call({ body, ip: '203.0.113.77' }, params)).answer.status).toBe(200);
			expect((await call({ body, ip: '::ffff:198.51.100.9' }, params)).answer.status).toBe(200);
			const refused = await call({ body, ip: '192.0.2.1' }, params);
			expect(refused.answer).toEqual({ status: 403, json: { success: false, message: 'This address may not post to this listener' } });
			expect(refused.result.workflowData).toBeUndefined();
		});

		it('ignores X-Forwarded-For unless n8n is behind a proxy', async () => {
			const params = { allowedIps: '198.51.100.9' };
			const forged = await call({ body, ip: '192.0.2.1', headers: { 'x-forwarded-for': '198.51.100.9' } }, params);
			expect(forged.answer.status).toBe(403);
			const proxied = await call({ body, ip: '10.0.0.1', headers: { 'x-forwarded-for': '198.51.100.9, 10.0.0.1' } }, { ...params, behindProxy: true });
			expect(proxied.answer.status).toBe(200);
		});

		it('matches addresses and IPv4 ranges', () => {
			expect(ipAllowed('10.1.2.3', ['10.0.0.0/8'])).toBe(true);
			expect(ipAllowed('11.1.2.3', ['10.0.0.0/8'])).toBe(false);
			expect(ipAllowed('2001:db8::1', ['2001:DB8::1'])).toBe(true);
			expect(ipAllowed('1.2.3.4', ['0.0.0.0/0'])).toBe(true);
		});
	});

	it('refuses a body over the size limit with 413', async () => {
		const big = { ...body, data: [{ actionType: 'add-note', data: { body: 'x'.repeat(3000), customerId: 'PID-1' } }] };
		const { answer, result } = await call({ body: big }, { maxBodyKb: 2 });
		expect(answer.status).toBe(413);
		expect(String(answer.json!.message)).toMatch(/^The body is \d+ bytes; this listener takes at most 2048$/);
		expect(result.workflowData).toBeUndefined();
	});

	it.each([
		['a body that is not an object', [], 'The body must be a JSON object'],
		['no senderUser', { data: body.data }, 'senderUser is required'],
		['a senderUser that is not an email', { senderUser: 'huy', data: body.data }, 'senderUser "huy" is not an email address'],
		['no data array', { senderUser: 'a@example.com', data: {} }, 'data must be an array of actions'],
		['an empty data array', { senderUser: 'a@example.com', data: [] }, 'data holds no action'],
		['an action without actionType', { senderUser: 'a@example.com', data: [{ data: {} }] }, 'data[0].actionType is required'],
		['an unknown actionType', { senderUser: 'a@example.com', data: [body.data[0], { actionType: 'delete-contact', data: {} }] }, 'data[1].actionType "delete-contact" is not an action type'],
		['an action without data', { senderUser: 'a@example.com', data: [{ actionType: 'add-lead' }] }, 'data[0].data must be an object'],
	])('refuses %s with 400 naming the problem, starting no execution', async (_name, bad, message) => {
		const { answer, result } = await call({ body: bad });
		expect(answer.status).toBe(400);
		expect(answer.json!.success).toBe(false);
		expect(String(answer.json!.message)).toContain(message);
		expect(result.workflowData).toBeUndefined();
	});
});
