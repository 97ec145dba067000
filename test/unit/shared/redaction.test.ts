// Secrets never reach an error message, a description or an output item: for every
// credential field of every CRM, through every error path, including errors raised
// by the HTTP layer itself. (One describe per CRM credential; Pilot's is appKey.)
import type {
	ICredentialType,
	IExecuteFunctions,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { PilotApi } from '../../../credentials/PilotApi.credentials';
import { Pilot } from '../../../nodes/Pilot/Pilot.node';
import { REDACTED, redactText, redactValue, secretsOf } from '../../../nodes/shared/redact';
import { routeItems } from '../../../nodes/shared/router';
import { crmRequest, shortText } from '../../../nodes/shared/transport';
import { runNode } from '../../helpers/context';
import type { RunResult } from '../../helpers/context';
import { pilotSimulator } from '../../helpers/sims';
import type { Simulator } from '../../helpers/sims';
import { jsonInner, leakedForms, rfc3986, wireForms } from '../secrets/forms';
import SECRETS from '../../fixtures/secrets.json';

let sim: Simulator;
beforeAll(async () => {
	sim = await pilotSimulator().start(0);
});
afterAll(async () => sim.stop());
beforeEach(() => sim.reset());

/** Every way the secret could be written: raw, URL/form-encoded, JSON-escaped. */
function forms(secret: string): string[] {
	return [
		secret,
		encodeURIComponent(secret),
		encodeURIComponent(secret).replace(/%20/g, '+'),
		JSON.stringify(secret).slice(1, -1),
	];
}

function expectNoSecret(result: RunResult, secret: string) {
	const seen = JSON.stringify({
		message: result.error?.message,
		description: (result.error as { description?: string } | undefined)?.description,
		context: (result.error as { context?: unknown } | undefined)?.context,
		output: result.output,
	});
	for (const form of forms(secret)) expect(seen).not.toContain(form);
}

describe('redaction: Pilot appKey', () => {
	const secret = 'pilot-Sécret key&=+/42';
	const node = new Pilot();
	const lead = {
		resource: 'lead',
		operation: 'create',
		pilot_contact_type_id: '1',
		pilot_business_type_id: '1',
		additionalFields: {},
		requestOptions: { maxRetries: 0 },
	};
	const run = (continueOnFail = false) =>
		runNode(node, {
			parameters: lead,
			credentials: { pilotApi: { appKey: secret, baseUrl: sim.url } },
			credentialTypes: { pilotApi: new PilotApi() },
			continueOnFail,
		});

	beforeEach(() => {
		sim.state.appKeys = [secret];
	});

	it('is sent to Pilot (so the checks below are not vacuous)', async () => {
		const result = await run();
		expect(result.error).toBeUndefined();
		expect(sim.log[0].body.appkey).toBe(secret);
	});

	it.each([
		['an error page that repeats the request', { kind: 'status', status: 500, echo: true }],
		[
			'a 200 answer that is not JSON and repeats the request',
			{ kind: 'status', status: 200, echo: true },
		],
		[
			'a success:false answer quoting the key',
			{
				kind: 'status',
				status: 200,
				body: JSON.stringify({
					success: false,
					message: `bad key ${secret}`,
					data: `appkey=${encodeURIComponent(secret)} refused`,
				}),
			},
		],
	])('is removed from the error of %s', async (_name, fault) => {
		for (const continueOnFail of [false, true]) {
			sim.addFault(fault);
			const result = await run(continueOnFail);
			expect(continueOnFail ? result.output[0].json.error : result.error?.message).toContain(
				'[redacted]',
			);
			expectNoSecret(result, secret);
		}
	});

	it('is removed from output items that echo it', async () => {
		sim.addFault({
			kind: 'status',
			status: 200,
			body: JSON.stringify({
				success: true,
				message: 'ok',
				data: { id: 1, message: `created with ${secret}` },
			}),
		});
		const result = await run();
		expect(result.output[0].json.message).toBe('created with [redacted]');
		expectNoSecret(result, secret);
	});
});

describe('redaction: errors raised by the HTTP layer itself', () => {
	// A credential that puts its secret in the URL, as PUBLITRAC and Econtract do:
	// the HTTP layer's own error messages then contain the full URL.
	const secret = SECRETS.queryStringToken;
	class QueryApi implements ICredentialType {
		name = 'queryApi';
		displayName = 'Query';
		properties = [];
		authenticate = {
			type: 'generic' as const,
			properties: { qs: { token: '={{$credentials.token}}' } },
		};
	}
	class QueryNode implements INodeType {
		description = {
			displayName: 'Q',
			name: 'q',
			defaults: { name: 'Q' },
			properties: [],
		} as unknown as INodeTypeDescription;
		async execute(this: IExecuteFunctions) {
			return await routeItems.call(this, {
				credentialType: 'queryApi',
				secretFields: ['token'],
				operations: {
					thing: {
						get: {
							description: [],
							async execute(this: IExecuteFunctions, itemIndex: number) {
								const url = this.getNodeParameter('url', itemIndex) as string;
								const r = await crmRequest.call(this, {
									crm: 'Test',
									credentialType: 'queryApi',
									method: 'GET',
									url,
									idempotent: true,
									itemIndex,
									retry: { maxRetries: 0 },
									timeoutMs: 1000,
								});
								throw new Error(`raw failure of ${url}?token=${secret} with ${r.body}`);
							},
						},
					},
				},
			});
		}
	}

	it.each([
		['connection refused', 'http://127.0.0.1:9/thing'],
		['a raw error quoting the URL', 'SIM/thing'],
	])('is removed after %s', async (_name, url) => {
		const result = await runNode(new QueryNode(), {
			parameters: { resource: 'thing', operation: 'get', url: url.replace('SIM', sim.url) },
			credentials: { queryApi: { token: secret } },
			credentialTypes: { queryApi: new QueryApi() },
		});
		expect(result.error).toBeDefined();
		expectNoSecret(result, secret);
	});
});

// ---- the rules themselves (nodes/shared/redact.ts) ---------------------------------------------

describe('redaction in errors: every form a secret takes on the wire or in an echoed page', () => {
	// The values: n8n's query strings write `*` as %2A and `!` as %21 (RFC 3986), which
	// neither encodeURIComponent nor URLSearchParams does.
	const values = ['Summer*2024-Red', 'Key~With!Bang-2024', "it's (a) t/k&n <é> *"];
	const secrets = secretsOf({ password: values[0], apiKey: values[1], token: values[2] }, [
		'password',
		'apiKey',
		'token',
	]);

	it.each(values.flatMap((value) => wireForms(value).map((form) => [value, form] as const)))(
		'%s written as %s',
		(_value, form) => {
			const text = `refused GET /api?password=${form}&x=1 (${form})`;
			expect(redactText(text, secrets)).toBe(
				'refused GET /api?password=[redacted]&x=1 ([redacted])',
			);
		},
	);

	it.each([
		['percent-encoded twice', (v: string) => rfc3986(rfc3986(v))],
		['JSON-escaped inside an XML page', (v: string) => JSON.stringify(v).replace(/"/g, '&quot;')],
		[
			'an XML page quoting the RFC 3986 URL, JSON-escaped',
			(v: string) => jsonInner(`&lt;a href=&quot;?k=${rfc3986(v)}&quot;&gt;`),
		],
		['mixed-case hex in one value', (v: string) => rfc3986(v).replace(/%2A/g, '%2a')],
	])('%s', (_name, encode) => {
		for (const value of values) {
			const text = `page: ${encode(value)} end`;
			const clean = redactText(text, secrets);
			expect(clean).toContain('[redacted]');
			expect(leakedForms(clean, [value])).toEqual([]);
			expect(clean).toMatch(/^page: /);
			expect(clean).toMatch(/ end$/);
		}
	});

	it('hides a short password (errors cannot show a secret, however short), a very short one where it stands alone', () => {
		const four = secretsOf({ password: '1234' }, ['password']);
		expect(redactText('GET /api?password=1234&apikey=k', four)).toBe(
			'GET /api?password=[redacted]&apikey=k',
		);
		const two = secretsOf({ password: '12' }, ['password']);
		// Standing alone it is hidden; inside a number ("412") it is not the password.
		expect(redactText('HTTP 412 for GET /api?password=12&x=y', two)).toBe(
			'HTTP 412 for GET /api?password=[redacted]&x=y',
		);
	});
});

describe('redaction then shortening: a secret cut at the edge of a shortened page (issue 15, item 6)', () => {
	const apiKey = 'Key~With!Bang-2024-9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1';
	const secrets = secretsOf({ apiKey }, ['apiKey']);
	it.each([
		['as sent (RFC 3986)', rfc3986(apiKey)],
		['raw', apiKey],
		['entity-escaped', wireForms(apiKey)[10]],
	])('%s', (_name, form) => {
		for (let before = 250; before < 300; before += 7) {
			// The key starts `before` characters into the page's text and runs past character 300.
			const page = `<html><body><p>${'x'.repeat(before - 7)} apikey=${form} and more text after it ${'y'.repeat(80)}</p></body></html>`;
			const message = redactText(`HTTP 500 - ${shortText(page)} (method getLead)`, secrets);
			// 300 characters of the page, at most 9 more to end a "[redacted]" at the edge, then "...".
			expect(message.length).toBeLessThanOrEqual(
				'HTTP 500 - '.length + 309 + '... (method getLead)'.length,
			);
			expect(message).toMatch(/^HTTP 500 - x+ apikey=/);
			expect(message).toMatch(/\.\.\. \(method getLead\)$/);
			// No start of the key, in any form, before the cut.
			const shown = message.slice(message.indexOf('apikey=') + 7, message.lastIndexOf('...'));
			expect(
				shown === '' ||
					shown === '[redacted]' ||
					REDACTED.startsWith(shown) ||
					shown.startsWith('[redacted]'),
			).toBe(true);
			expect(message).not.toContain('Key~');
			expect(message).not.toContain('Key%7E');
		}
	});
});

describe("redaction in output items: the CRM's data reaches the user intact", () => {
	it('a lead whose phone contains the password, and whose postal code and id equal it, is output unchanged', () => {
		const secrets = secretsOf({ password: '1234', apiKey: 'Key~With!Bang-2024' }, [
			'password',
			'apiKey',
		]);
		const lead = {
			id: '1234',
			phone: '0612345678',
			postalCode: '1234',
			notes: 'call 1234 after 6',
			score: 1234,
		};
		const out = redactValue(lead, secrets);
		expect(out).toBe(lead);
		expect(out).toEqual({
			id: '1234',
			phone: '0612345678',
			postalCode: '1234',
			notes: 'call 1234 after 6',
			score: 1234,
		});
	});

	it('a credential echoed back is hidden: a strong secret anywhere, a short one as the whole value of a credential field', () => {
		const secrets = secretsOf({ password: '1234', apiKey: 'Key~With!Bang-2024' }, [
			'password',
			'apiKey',
		]);
		const answer = {
			password: '1234',
			apikey: 'Key~With!Bang-2024',
			message: 'created with Key~With!Bang-2024',
			url: `?apikey=${rfc3986('Key~With!Bang-2024')}`,
			postalCode: '1234',
		};
		expect(redactValue(answer, secrets)).toEqual({
			password: '[redacted]',
			apikey: '[redacted]',
			message: 'created with [redacted]',
			url: '?apikey=[redacted]',
			postalCode: '1234',
		});
	});

	it('a listener URL with ?account=1001 leaves an id 1001 alone (the URL is the secret, not its account number)', () => {
		const listenerUrl =
			'https://platform.example.com/webhook/listener/lst-SECRETPATH-9f8e7d6c5b4a?account=1001';
		const secrets = secretsOf({ listenerUrl }, ['listenerUrl']);
		const answer = {
			id: '1001',
			account: '1001',
			message: 'contact 1001 stored',
			via: `stored via ${listenerUrl}`,
		};
		expect(redactValue(answer, secrets)).toEqual({
			id: '1001',
			account: '1001',
			message: 'contact 1001 stored',
			via: 'stored via [redacted]',
		});
		// In an error the account number is still hidden: an error never needs it.
		expect(redactText('POST /webhook/listener/x?account=1001 failed', secrets)).toBe(
			'POST /webhook/listener/x?[redacted] failed',
		);
	});
});
