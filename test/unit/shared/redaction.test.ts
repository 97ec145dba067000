// Secrets never reach an error message, a description or an output item: for every
// credential field of every CRM, through every error path, including errors raised
// by the HTTP layer itself. (One describe per CRM credential; Pilot's is appKey.)
import type { ICredentialType, IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { PilotApi } from '../../../credentials/PilotApi.credentials';
import { Pilot } from '../../../nodes/Pilot/Pilot.node';
import { routeItems } from '../../../nodes/shared/router';
import { crmRequest } from '../../../nodes/shared/transport';
import { runNode } from '../../helpers/context';
import type { RunResult } from '../../helpers/context';
import { pilotSimulator } from '../../helpers/sims';
import type { Simulator } from '../../helpers/sims';

let sim: Simulator;
beforeAll(async () => {
	sim = await pilotSimulator().start(0);
});
afterAll(async () => sim.stop());
beforeEach(() => sim.reset());

/** Every way the secret could be written: raw, URL/form-encoded, JSON-escaped. */
function forms(secret: string): string[] {
	return [secret, encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, '+'), JSON.stringify(secret).slice(1, -1)];
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
	const lead = { resource: 'lead', operation: 'create', pilot_contact_type_id: '1', pilot_business_type_id: '1', additionalFields: {}, requestOptions: { maxRetries: 0 } };
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
		['a 200 answer that is not JSON and repeats the request', { kind: 'status', status: 200, echo: true }],
		['a success:false answer quoting the key', { kind: 'status', status: 200, body: JSON.stringify({ success: false, message: `bad key ${secret}`, data: `appkey=${encodeURIComponent(secret)} refused` }) }],
	])('is removed from the error of %s', async (_name, fault) => {
		for (const continueOnFail of [false, true]) {
			sim.addFault(fault);
			const result = await run(continueOnFail);
			expect(continueOnFail ? result.output[0].json.error : result.error?.message).toContain('[redacted]');
			expectNoSecret(result, secret);
		}
	});

	it('is removed from output items that echo it', async () => {
		sim.addFault({ kind: 'status', status: 200, body: JSON.stringify({ success: true, message: 'ok', data: { id: 1, message: `created with ${secret}` } }) });
		const result = await run();
		expect(result.output[0].json.message).toBe('created with [redacted]');
		expectNoSecret(result, secret);
	});
});

describe('redaction: errors raised by the HTTP layer itself', () => {
	// A credential that puts its secret in the URL, as PUBLITRAC and Econtract do:
	// the HTTP layer's own error messages then contain the full URL.
	const secret = 'qs-secret-Token_9f8e7d';
	class QueryApi implements ICredentialType {
		name = 'queryApi';
		displayName = 'Query';
		properties = [];
		authenticate = { type: 'generic' as const, properties: { qs: { token: '={{$credentials.token}}' } } };
	}
	class QueryNode implements INodeType {
		description = { displayName: 'Q', name: 'q', defaults: { name: 'Q' }, properties: [] } as unknown as INodeTypeDescription;
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
								const r = await crmRequest.call(this, { crm: 'Test', credentialType: 'queryApi', method: 'GET', url, idempotent: true, itemIndex, retry: { maxRetries: 0 }, timeoutMs: 1000 });
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
