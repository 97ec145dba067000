// dataPlatformTrigger's webhook() with the request n8n hands it (body parsed by n8n, raw
// bytes in rawBody, express's req.ip). Real-HTTP behaviour is in test/e2e/dataPlatform.e2e.test.js
// and test/e2e/dataPlatformTrigger.e2e.test.js.
import { NodeHelpers } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	INodeParameters,
} from 'n8n-workflow';
import { DataPlatformTriggerApi } from '../../../credentials/DataPlatformTriggerApi.credentials';
import {
	DataPlatformTrigger,
	ipAllowed,
	normalizeIp,
} from '../../../nodes/DataPlatform/DataPlatformTrigger.node';
import SECRETS from '../../fixtures/secrets.json';
import { callWebhook, jsonRequest } from '../../helpers/webhook';

const SECRET = SECRETS.dataPlatformSharedSecret;
const description = new DataPlatformTrigger().description;

interface FakeRequest {
	body?: unknown;
	headers?: Record<string, string>;
	query?: Record<string, string>;
	/** The peer's address (the socket's). */
	ip?: string;
	raw?: string;
	/** n8n's N8N_PROXY_HOPS, which it gives Express as "trust proxy". */
	proxyHops?: number;
}

/**
 * req.ip as Express computes it with "trust proxy" set to a hop count (proxy-addr): the
 * addresses are the socket's then X-Forwarded-For's from right to left, and the first
 * `hops` of them are trusted proxies, so req.ip is the one after them.
 */
function expressIp(socket: string, forwardedFor: string | undefined, hops: number): string {
	const chain = [
		socket,
		...(forwardedFor
			? forwardedFor
					.split(',')
					.map((s) => s.trim())
					.reverse()
			: []),
	];
	return chain[Math.min(hops, chain.length - 1)];
}

/** The parameters as n8n hands them to the node: defaults filled in, the ones not displayed dropped. */
const asN8nRuns = (parameters: INodeParameters): INodeParameters =>
	NodeHelpers.getNodeParameters(
		description.properties,
		parameters,
		true,
		false,
		{ typeVersion: 1 },
		description,
	)!;
/** The parameters as the editor saves them into the workflow (and every export). */
const asSaved = (parameters: INodeParameters): INodeParameters =>
	NodeHelpers.getNodeParameters(
		description.properties,
		parameters,
		false,
		false,
		{ typeVersion: 1 },
		description,
	)!;

function call(
	request: FakeRequest,
	parameters: IDataObject = {},
	credential?: ICredentialDataDecryptedObject | 'unreadable',
) {
	const params = asN8nRuns({
		path: 'data-platform',
		allowedIps: '',
		maxBodyKb: 1024,
		...parameters,
	} as INodeParameters);
	const posted = jsonRequest({
		body: request.body,
		raw: request.raw,
		headers: request.headers,
		query: request.query,
	});
	const socket = request.ip ?? '203.0.113.7';
	return callWebhook(
		new DataPlatformTrigger(),
		{
			...posted,
			ip: expressIp(socket, posted.headers!['x-forwarded-for'], request.proxyHops ?? 0),
			remoteAddress: socket,
		},
		{
			parameters: params,
			credentials: async (type: string) => {
				// n8n's getCredentials: refuses a node without that credential, and fails when it cannot decrypt it.
				if (type !== 'dataPlatformTriggerApi' || !credential)
					throw new Error('Node does not have any credentials set');
				if (credential === 'unreadable') throw new Error('Credentials could not be decrypted');
				return credential;
			},
			context: {
				getNode: () => ({
					name: 'CRM Data Platform Trigger',
					typeVersion: 1,
					parameters: params,
					credentials: credential
						? { dataPlatformTriggerApi: { id: 'c1', name: 'Listener secret' } }
						: undefined,
				}),
			},
		},
	);
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
		expect(new DataPlatformTrigger().description.webhooks).toEqual([
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: '',
				path: '={{$parameter["path"]}}',
			},
		]);
	});

	it('emits one item per action, keeping senderUser and actionType, and answers 200', async () => {
		const { result, answer, answeredBy } = await call({ body });
		expect(answer).toEqual({
			status: 200,
			json: { success: true, message: '3 actions received', accepted: 3, ignored: 0 },
		});
		// n8n answers, after creating the execution: never a 200 without one.
		expect(answeredBy).toBe('n8n');
		expect(result.noWebhookResponse).toBeUndefined();
		expect(result.workflowData![0].map((i) => i.json)).toEqual([
			{
				senderUser: 'huy.nguyenviet@example.com',
				actionType: 'add-contact',
				data: { name: 'Huy', emails: [{ value: 'huy@example.com' }] },
			},
			{
				senderUser: 'huy.nguyenviet@example.com',
				actionType: 'add-note',
				data: { body: 'Hello', customerId: 'PID-1' },
			},
			{
				senderUser: 'huy.nguyenviet@example.com',
				actionType: 'send-sms',
				data: { content: 'Hi', phones: ['0333456789'] },
			},
		]);
	});

	it('keeps only the action types of the filter; none left starts no execution', async () => {
		const some = await call({ body }, { actionTypes: ['add-note'] });
		expect(some.answer.json).toMatchObject({ accepted: 1, ignored: 2 });
		expect(some.result.workflowData![0].map((i) => i.json.actionType)).toEqual(['add-note']);
		const none = await call({ body }, { actionTypes: ['add-deal'] });
		expect(none.answer).toEqual({
			status: 200,
			json: { success: true, message: '3 actions received', accepted: 0, ignored: 3 },
		});
		expect(none.answeredBy).toBe('node');
		expect(none.result.workflowData).toBeUndefined();
	});

	describe('shared secret in a credential (Authentication: Shared Secret)', () => {
		const inHeader = { secret: SECRET, location: 'header', headerName: 'X-Listener-Secret' };
		const inQuery = { secret: SECRET, location: 'query', queryParameterName: 'key' };
		const auth = { authentication: 'sharedSecret' };
		const refusedWith401 = (answer: { status?: number; json?: IDataObject }) =>
			expect(answer).toEqual({
				status: 401,
				json: { success: false, message: 'The shared secret is missing or wrong' },
			});

		it('accepts the right secret in the header named by the credential, refuses a wrong or missing one with 401', async () => {
			const ok = await call({ body, headers: { 'x-listener-secret': SECRET } }, auth, inHeader);
			expect(ok.answer.status).toBe(200);
			expect(ok.result.workflowData![0]).toHaveLength(3);
			for (const headers of [
				{ 'x-listener-secret': `${SECRET}x` },
				{ 'x-listener-secret': SECRET.slice(0, -1) },
				{ 'x-other': SECRET },
				{},
			] as Array<Record<string, string>>) {
				const { answer, result } = await call({ body, headers }, auth, inHeader);
				refusedWith401(answer);
				expect(result.workflowData).toBeUndefined();
			}
			// In the query instead of the header the credential names: refused.
			refusedWith401(
				(await call({ body, query: { 'X-Listener-Secret': SECRET } }, auth, inHeader)).answer,
			);
		});

		it('accepts the right secret in the query parameter named by the credential', async () => {
			expect((await call({ body, query: { key: SECRET } }, auth, inQuery)).answer.status).toBe(200);
			refusedWith401((await call({ body, query: { key: 'nope' } }, auth, inQuery)).answer);
			refusedWith401((await call({ body, headers: { key: SECRET } }, auth, inQuery)).answer);
		});

		it('checks the secret before reading the body: a wrong one gets 401 whatever the body', async () => {
			for (const bad of [[], { senderUser: 'huy' }, 'not json']) {
				refusedWith401(
					(await call({ body: bad, headers: { 'x-listener-secret': 'nope' } }, auth, inHeader))
						.answer,
				);
			}
			const big = { ...body, data: [{ actionType: 'add-note', data: { body: 'x'.repeat(3000) } }] };
			refusedWith401((await call({ body: big }, { ...auth, maxBodyKb: 2 }, inHeader)).answer);
		});

		it('ignores the old secret parameters once a credential is chosen', async () => {
			const legacy = { secretLocation: 'header', headerName: 'X-Old', secret: 'old-secret' };
			refusedWith401(
				(await call({ body, headers: { 'x-old': 'old-secret' } }, { ...auth, ...legacy }, inHeader))
					.answer,
			);
			expect(
				(
					await call(
						{ body, headers: { 'x-listener-secret': SECRET } },
						{ ...auth, ...legacy },
						inHeader,
					)
				).answer.status,
			).toBe(200);
		});

		it('refuses every post with 500 when the credential is missing, unreadable or empty: never an open listener', async () => {
			const unusable = {
				status: 500,
				json: {
					success: false,
					message:
						'This listener requires a shared secret but its credential is missing or unreadable; no post is accepted until it is set',
				},
			};
			for (const credential of [
				undefined,
				'unreadable' as const,
				{ ...inHeader, secret: '' },
				{ ...inHeader, headerName: 'Bad Header:' },
			]) {
				const { answer, result } = await call(
					{ body, headers: { 'x-listener-secret': SECRET } },
					auth,
					credential,
				);
				expect(answer).toEqual(unusable);
				expect(JSON.stringify(answer)).not.toContain(SECRET);
				expect(result.workflowData).toBeUndefined();
			}
		});

		it('declares the credential only for Authentication: Shared Secret, with the secret as a password field', () => {
			expect(description.credentials).toEqual([
				{
					name: 'dataPlatformTriggerApi',
					required: true,
					displayOptions: { show: { authentication: ['sharedSecret'] } },
					testedBy: 'dataPlatformTriggerSecretTest',
				},
			]);
			const credential = new DataPlatformTriggerApi();
			expect(credential.name).toBe('dataPlatformTriggerApi');
			const secret = credential.properties.find((p) => p.name === 'secret')!;
			expect(secret.typeOptions).toEqual({ password: true });
			expect(credential.properties.map((p) => [p.name, p.default])).toEqual([
				['secret', ''],
				['location', 'header'],
				['headerName', 'X-Listener-Secret'],
				['queryParameterName', 'secret'],
			]);
		});

		it("the credential's Test button checks the form only, naming the field, never showing the secret", async () => {
			const test = (data: ICredentialDataDecryptedObject) =>
				new DataPlatformTrigger().methods.credentialTest.dataPlatformTriggerSecretTest.call(
					{} as ICredentialTestFunctions,
					{
						id: 'c1',
						name: 'Listener secret',
						type: 'dataPlatformTriggerApi',
						data,
					} as ICredentialsDecrypted,
				);
			expect(await test(inHeader)).toEqual({
				status: 'OK',
				message:
					"Well-formed: senders must give this secret in the header X-Listener-Secret. Nothing was sent; only a post to the trigger's URL proves it.",
			});
			expect((await test(inQuery)).message).toContain('the query parameter key');
			expect(await test({ ...inHeader, secret: '' })).toEqual({
				status: 'Error',
				message: 'Secret is empty: enter the value senders must give',
			});
			const badName = await test({ ...inHeader, headerName: 'X Secret' });
			expect(badName).toMatchObject({ status: 'Error' });
			expect(badName.message).toMatch(/^Header Name "X Secret" is not an HTTP header name/);
			expect(await test({ ...inQuery, queryParameterName: ' ' })).toEqual({
				status: 'Error',
				message: 'Query Parameter Name is empty',
			});
			for (const data of [inHeader, inQuery, { ...inHeader, headerName: 'X Secret' }])
				expect(JSON.stringify(await test(data))).not.toContain(SECRET);
		});
	});

	describe('no secret, and the secret parameters of version 1.0 (old workflows)', () => {
		const legacyHeader = {
			secretLocation: 'header',
			headerName: 'X-Listener-Secret',
			secret: SECRET,
		};

		it('Authentication None with no old secret is an open listener, and the editor says so', async () => {
			expect((await call({ body })).answer.status).toBe(200);
			const shown = (parameters: INodeParameters) =>
				description.properties
					.filter(
						(p) =>
							p.type === 'notice' &&
							NodeHelpers.displayParameter(
								asN8nRuns(parameters),
								p,
								{ typeVersion: 1 },
								description,
							),
					)
					.map((p) => p.name);
			expect(shown({})).toEqual(['openNotice']);
			expect(shown(legacyHeader)).toEqual(['legacySecretNotice']);
			expect(shown({ authentication: 'sharedSecret' })).toEqual([]);
			expect(shown({ behindProxy: true })).toEqual(['openNotice', 'behindProxyNotice']);
		});

		it('an old workflow keeps refusing a wrong or missing secret in the header (401) and accepts the right one', async () => {
			expect(
				(await call({ body, headers: { 'x-listener-secret': SECRET } }, legacyHeader)).answer
					.status,
			).toBe(200);
			for (const headers of [{ 'x-listener-secret': `${SECRET}x` }, {}] as Array<
				Record<string, string>
			>) {
				const { answer, result } = await call({ body, headers }, legacyHeader);
				expect(answer).toEqual({
					status: 401,
					json: { success: false, message: 'The shared secret is missing or wrong' },
				});
				expect(result.workflowData).toBeUndefined();
			}
		});

		it('an old workflow with the secret in a query parameter keeps working', async () => {
			const params = { secretLocation: 'query', queryParameterName: 'key', secret: SECRET };
			expect((await call({ body, query: { key: SECRET } }, params)).answer.status).toBe(200);
			expect((await call({ body, query: { key: 'nope' } }, params)).answer.status).toBe(401);
		});

		it('an old workflow whose required secret was left empty refuses everything', async () => {
			const { answer } = await call(
				{ body, headers: { 'x-listener-secret': '' } },
				{ secretLocation: 'header', headerName: 'X-Listener-Secret', secret: '' },
			);
			expect(answer.status).toBe(401);
		});

		it('no secret parameter is in the UI, and none is saved in a new workflow or once Shared Secret is chosen', () => {
			for (const name of [
				'secretLocation',
				'headerName',
				'queryParameterName',
				'secret',
				'behindProxy',
			]) {
				expect(description.properties.find((p) => p.name === name)!.type).toBe('hidden');
			}
			// A new node as the editor saves it: no secret anywhere.
			expect(JSON.stringify(asSaved({ path: 'data-platform' }))).not.toMatch(/secret/i);
			// An old node, then the user chooses Shared Secret: the old secret leaves the workflow.
			const legacy = { secretLocation: 'header', headerName: 'X-Old-Secret', secret: SECRET };
			const old = asSaved({ path: 'my-listener', ...legacy });
			expect(old).toEqual({ path: 'my-listener', ...legacy });
			const moved = asSaved({ ...old, authentication: 'sharedSecret' });
			expect(moved).toEqual({ path: 'my-listener', authentication: 'sharedSecret' });
			expect(JSON.stringify(moved)).not.toContain(SECRET);
		});
	});

	describe('IP allowlist', () => {
		it('accepts listed addresses and ranges, refuses others with 403', async () => {
			const params = { allowedIps: '198.51.100.9, 203.0.113.0/24' };
			expect((await call({ body, ip: '203.0.113.77' }, params)).answer.status).toBe(200);
			expect((await call({ body, ip: '::ffff:198.51.100.9' }, params)).answer.status).toBe(200);
			const refused = await call({ body, ip: '192.0.2.1' }, params);
			expect(refused.answer).toEqual({
				status: 403,
				json: { success: false, message: 'This address may not post to this listener' },
			});
			expect(refused.result.workflowData).toBeUndefined();
		});

		it('checks the address before the secret: a caller outside the list learns nothing about it', async () => {
			const params = { allowedIps: '198.51.100.9', authentication: 'sharedSecret' };
			const { answer } = await call(
				{ body, ip: '192.0.2.1', headers: { 'x-listener-secret': 'nope' } },
				params,
				{ secret: SECRET, location: 'header', headerName: 'X-Listener-Secret' },
			);
			expect(answer.status).toBe(403);
		});

		it('ignores X-Forwarded-For when n8n trusts no proxy (N8N_PROXY_HOPS unset), even with the old Behind a Proxy on', async () => {
			const params = { allowedIps: '198.51.100.9' };
			for (const extra of [{}, { behindProxy: true }]) {
				const forged = await call(
					{ body, ip: '192.0.2.1', headers: { 'x-forwarded-for': '198.51.100.9' } },
					{ ...params, ...extra },
				);
				expect(forged.answer.status).toBe(403);
			}
		});

		it('behind one proxy (N8N_PROXY_HOPS=1) takes the address the proxy appended, not the left-most one the sender wrote', async () => {
			const params = { allowedIps: '203.0.113.7', behindProxy: true };
			// The proxy at 127.0.0.1 appends the sender's real address (198.18.0.9) to the sender's header.
			for (const forwarded of [
				'203.0.113.7, 198.18.0.9',
				'::ffff:203.0.113.7, 198.18.0.9',
				'203.0.113.7,198.18.0.9',
			]) {
				const forged = await call(
					{ body, ip: '127.0.0.1', proxyHops: 1, headers: { 'x-forwarded-for': forwarded } },
					params,
				);
				expect(forged.answer).toEqual({
					status: 403,
					json: { success: false, message: 'This address may not post to this listener' },
				});
				expect(forged.result.workflowData).toBeUndefined();
			}
			// The listed sender through the proxy, plain or IPv4-mapped.
			expect(
				(
					await call(
						{ body, ip: '127.0.0.1', proxyHops: 1, headers: { 'x-forwarded-for': '203.0.113.7' } },
						params,
					)
				).answer.status,
			).toBe(200);
			expect(
				(
					await call(
						{
							body,
							ip: '::ffff:127.0.0.1',
							proxyHops: 1,
							headers: { 'x-forwarded-for': '::ffff:203.0.113.7' },
						},
						params,
					)
				).answer.status,
			).toBe(200);
			// Two proxies (N8N_PROXY_HOPS=2): the second entry from the right.
			expect(
				(
					await call(
						{
							body,
							ip: '127.0.0.1',
							proxyHops: 2,
							headers: { 'x-forwarded-for': '198.18.0.9, 203.0.113.7, 10.0.0.2' },
						},
						params,
					)
				).answer.status,
			).toBe(200);
			expect(
				(
					await call(
						{
							body,
							ip: '127.0.0.1',
							proxyHops: 2,
							headers: { 'x-forwarded-for': '203.0.113.7, 198.18.0.9, 10.0.0.2' },
						},
						params,
					)
				).answer.status,
			).toBe(403);
		});

		it('matches addresses and IPv4 ranges', () => {
			expect(ipAllowed('10.1.2.3', ['10.0.0.0/8'])).toBe(true);
			expect(ipAllowed('11.1.2.3', ['10.0.0.0/8'])).toBe(false);
			expect(ipAllowed('2001:db8::1', ['2001:DB8::1'])).toBe(true);
			expect(ipAllowed('1.2.3.4', ['0.0.0.0/0'])).toBe(true);
			expect(ipAllowed('10.0.0.1', ['10.0.0.0/33', '10.0.0.0/x', '10.0.0.1/8/8', ''])).toBe(false);
		});

		it('compares IPv4-mapped IPv6 addresses as their IPv4 form, on both sides, in every notation', () => {
			for (const form of [
				'::ffff:203.0.113.7',
				'::FFFF:203.0.113.7',
				'0:0:0:0:0:ffff:203.0.113.7',
				'::0:ffff:203.0.113.7',
				'::ffff:cb00:7107',
			]) {
				expect(normalizeIp(form)).toBe('203.0.113.7');
				expect(ipAllowed(form, ['203.0.113.7'])).toBe(true);
				expect(ipAllowed('203.0.113.7', [form])).toBe(true);
				expect(ipAllowed(form, ['203.0.113.0/24'])).toBe(true);
				expect(ipAllowed(form, ['198.51.100.7'])).toBe(false);
			}
			// A range written in mapped form: its bits count either from the IPv4 part or over the whole IPv6 address.
			expect(ipAllowed('203.0.113.9', ['::ffff:203.0.113.0/24'])).toBe(true);
			expect(ipAllowed('::ffff:203.0.113.9', ['::ffff:203.0.113.0/120'])).toBe(true);
			expect(ipAllowed('203.0.114.9', ['::ffff:203.0.113.0/120'])).toBe(false);
			// Not mapped: left as they are.
			expect(normalizeIp('2001:db8::ffff:203.0.113.7')).toBe('2001:db8::ffff:203.0.113.7');
			expect(ipAllowed('2001:db8::ffff:203.0.113.7', ['203.0.113.7'])).toBe(false);
		});
	});

	it('refuses a body over the size limit with 413', async () => {
		const big = {
			...body,
			data: [{ actionType: 'add-note', data: { body: 'x'.repeat(3000), customerId: 'PID-1' } }],
		};
		const { answer, result } = await call({ body: big }, { maxBodyKb: 2 });
		expect(answer.status).toBe(413);
		expect(String(answer.json!.message)).toMatch(
			/^The body is \d+ bytes; this listener takes at most 2048$/,
		);
		expect(result.workflowData).toBeUndefined();
	});

	it.each([
		['a body that is not an object', [], 'The body must be a JSON object'],
		['no senderUser', { data: body.data }, 'senderUser is required'],
		[
			'a senderUser that is not an email',
			{ senderUser: 'huy', data: body.data },
			'senderUser "huy" is not an email address',
		],
		[
			'no data array',
			{ senderUser: 'a@example.com', data: {} },
			'data must be an array of actions',
		],
		['an empty data array', { senderUser: 'a@example.com', data: [] }, 'data holds no action'],
		[
			'an action without actionType',
			{ senderUser: 'a@example.com', data: [{ data: {} }] },
			'data[0].actionType is required',
		],
		[
			'an unknown actionType',
			{
				senderUser: 'a@example.com',
				data: [body.data[0], { actionType: 'delete-contact', data: {} }],
			},
			'data[1].actionType "delete-contact" is not an action type',
		],
		[
			'an action without data',
			{ senderUser: 'a@example.com', data: [{ actionType: 'add-lead' }] },
			'data[0].data must be an object',
		],
	])(
		'refuses %s with 400 naming the problem, starting no execution',
		async (_name, bad, message) => {
			const { answer, result } = await call({ body: bad });
			expect(answer.status).toBe(400);
			expect(answer.json!.success).toBe(false);
			expect(String(answer.json!.message)).toContain(message);
			expect(result.workflowData).toBeUndefined();
		},
	);
});
