// The CRM API key never reaches an error message, a description or an output item,
// through every error path, on POST (key in the form body) and GET (key in the URL).
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { EcontractApi } from '../../../credentials/EcontractApi.credentials';
import { EcontractTrigger } from '../../../nodes/Econtract/EcontractTrigger.node';
import { createTriggerContext } from '../../helpers/context';
import type { RunResult } from '../../helpers/context';
import { CRM_API_ID, noRetry, run, useSimulator } from './setup';

const sim = useSimulator();
const secret = 'ec-Sécret key&=+/42';

function forms(value: string): string[] {
	return [
		value,
		encodeURIComponent(value),
		encodeURIComponent(value).replace(/%20/g, '+'),
		JSON.stringify(value).slice(1, -1),
	];
}

function expectNoSecret(result: RunResult) {
	const seen = JSON.stringify({
		message: result.error?.message,
		description: (result.error as { description?: string } | undefined)?.description,
		context: (result.error as { context?: unknown } | undefined)?.context,
		output: result.output,
	});
	for (const form of forms(secret)) expect(seen).not.toContain(form);
}

const calls: Array<[string, IDataObject]> = [
	[
		'POST lead:create',
		{
			resource: 'lead',
			operation: 'createClickOut',
			first_name: 'J',
			last_name: 'D',
			email: 'j@d.be',
			additionalFields: {},
			requestOptions: noRetry,
		},
	],
	[
		'GET usage:getDefaults',
		{
			resource: 'usage',
			operation: 'getDefaults',
			producttype: 'gas',
			segment: 1,
			additionalFields: {},
			requestOptions: noRetry,
		},
	],
];

describe('redaction: Econtract crmApiKey', () => {
	beforeEach(() => {
		sim().state.crmApiKey = secret;
	});

	it.each(calls)(
		'is sent to Econtract on %s (so the checks below are not vacuous)',
		async (_name, parameters) => {
			const result = await run(sim(), parameters, {}, secret);
			expect(result.error).toBeUndefined();
			const sent = sim().log[0];
			expect(sent.method === 'GET' ? sent.query.crm_api_key : sent.body.crm_api_key).toBe(secret);
		},
	);

	const faults: Array<[string, IDataObject]> = [
		['an error page that repeats the request', { kind: 'status', status: 500, echo: true }],
		[
			'a 200 answer that is not JSON and repeats the request',
			{ kind: 'status', status: 200, echo: true },
		],
		[
			'a 422 answer quoting the key',
			{
				kind: 'status',
				status: 422,
				body: JSON.stringify({
					message: `bad data for ${secret}`,
					errors: { crm_api_key: [`${encodeURIComponent(secret)} is odd`] },
				}),
			},
		],
		[
			'a 401 answer quoting the key',
			{ kind: 'status', status: 401, body: JSON.stringify({ message: `key ${secret} refused` }) },
		],
	];
	for (const [callName, parameters] of calls) {
		it.each(faults)(`is removed from the error of %s (${callName})`, async (_name, fault) => {
			for (const continueOnFail of [false, true]) {
				sim().addFault(fault);
				const result = await run(sim(), parameters, { continueOnFail }, secret);
				const message = continueOnFail
					? String(result.output[0].json.error)
					: String(result.error?.message);
				expect(message).toMatch(/^Econtract[: ]/);
				expectNoSecret(result);
			}
		});
	}

	it('is removed from the error of a connection reset', async () => {
		sim().addFault({ kind: 'reset' });
		const result = await run(sim(), calls[1][1], {}, secret);
		expect(result.error?.message).toMatch(/^Econtract: connection failed/);
		expectNoSecret(result);
	});

	it('is removed from output items that echo it', async () => {
		sim().addFault({
			kind: 'status',
			status: 200,
			body: JSON.stringify({ id: 1, note: `created with ${secret}` }),
		});
		const result = await run(sim(), calls[0][1], {}, secret);
		expect(result.output[0].json.note).toBe('created with [redacted]');
		expectNoSecret(result);
	});

	it('is removed from the trigger errors too (no router there)', async () => {
		// A poll is a read: a 500 is retried (Max Retries 3), so the page comes back every time.
		sim().addFault({ kind: 'status', status: 500, echo: true, times: 10 });
		const context = createTriggerContext({
			parameters: { filters: {} },
			credentials: {
				econtractApi: { baseUrl: sim().url, crmApiId: CRM_API_ID, crmApiKey: secret },
			},
			credentialTypes: { econtractApi: new EcontractApi() },
			staticData: {},
		});
		const error = await new EcontractTrigger().poll.call(context as unknown as IPollFunctions).then(
			() => undefined,
			(e: Error) => e,
		);
		expect(error?.message).toMatch(/^Econtract: HTTP 500/);
		expectNoSecret({ output: [], error });
	});
});
