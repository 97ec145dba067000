// Secrets never reach what a user or a log sees. Every secret credential field of every CRM
// (credentials/*.ts, the transports' *_SECRET_FIELDS) gets a distinctive value with the
// characters that encodings change (space & = + / " < é, and * ~ ! ' ( ) that n8n's RFC 3986
// query strings encode differently from encodeURIComponent and forms); then every error path the
// simulators can force runs, with and without Continue On Fail: wrong credentials, 401/403,
// error pages that repeat the request (and its headers), vendor errors quoting the secrets,
// 5xx, 200 answers that are not the API's, timeouts, resets, invalid input, triggers and
// dropdowns. The thrown error (message, description, stack, cause, context, JSON) and the
// output items are searched for every form of every secret (./forms.ts): raw, URL-encoded
// (encodeURIComponent, RFC 3986, forms; hex digits of either case), XML-escaped (named,
// decimal and hex entities), JSON-escaped (with `\/`, with `\u`; once, twice and three times),
// and for the Data Platform listener URL its path, host+path, query and query values.
/* eslint-disable @typescript-eslint/no-require-imports */
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	ILoadOptionsFunctions,
	INodeType,
	IPollFunctions,
} from 'n8n-workflow';
import { DataPlatformApi } from '../../../credentials/DataPlatformApi.credentials';
import { EcontractApi } from '../../../credentials/EcontractApi.credentials';
import { PilotApi } from '../../../credentials/PilotApi.credentials';
import { PublitracApi } from '../../../credentials/PublitracApi.credentials';
import { SmlApi } from '../../../credentials/SmlApi.credentials';
import { DataPlatform } from '../../../nodes/DataPlatform/DataPlatform.node';
import { DataPlatformTrigger } from '../../../nodes/DataPlatform/DataPlatformTrigger.node';
import { DATA_PLATFORM_SECRET_FIELDS } from '../../../nodes/DataPlatform/transport';
import { Econtract } from '../../../nodes/Econtract/Econtract.node';
import { EcontractTrigger } from '../../../nodes/Econtract/EcontractTrigger.node';
import { ECONTRACT_SECRET_FIELDS } from '../../../nodes/Econtract/transport';
import { Pilot } from '../../../nodes/Pilot/Pilot.node';
import { PilotTrigger } from '../../../nodes/Pilot/PilotTrigger.node';
import { PILOT_SECRET_FIELDS } from '../../../nodes/Pilot/transport';
import { Publitrac } from '../../../nodes/Publitrac/Publitrac.node';
import { PublitracTrigger } from '../../../nodes/Publitrac/PublitracTrigger.node';
import { PUBLITRAC_SECRET_FIELDS } from '../../../nodes/Publitrac/transport';
import { resetRateLimiters } from '../../../nodes/shared/rateLimiter';
import { setRetryDefaults } from '../../../nodes/shared/transport';
import { Sml } from '../../../nodes/Sml/Sml.node';
import { SmlTrigger } from '../../../nodes/Sml/SmlTrigger.node';
import { SML_SECRET_FIELDS } from '../../../nodes/Sml/transport';
import { createTriggerContext, runNode } from '../../helpers/context';
import type { RunOptions, RunResult } from '../../helpers/context';
import { smlCredential } from '../../helpers/sims';
import type { Simulator } from '../../helpers/sims';
import { callWebhook, jsonRequest } from '../../helpers/webhook';
import type { WebhookTrigger } from '../../helpers/webhook';
import { formsOf, wireForms } from './forms';
import SECRETS from '../../fixtures/secrets.json';

// ---- what "visible" means, and every form a secret can take there -------------------------

const xmlEscape = (v: string) =>
	v
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');

function safeJson(value: unknown): string {
	const seen = new WeakSet<object>();
	try {
		return (
			JSON.stringify(value, (_k, v: unknown) => {
				if (v && typeof v === 'object') {
					if (seen.has(v)) return '[circular]';
					seen.add(v);
				}
				return v;
			}) ?? ''
		);
	} catch (e) {
		return `unserialisable: ${String(e)}`;
	}
}

/** Everything of a run a user or a log could see. */
function visible(result: { error?: unknown; output?: unknown }): string {
	const parts: string[] = [safeJson(result.output)];
	const e = result.error as (Error & Record<string, unknown>) | undefined;
	if (e) {
		parts.push(
			String(e.message),
			String(e.description),
			String(e.stack),
			String(e),
			safeJson(e),
			safeJson(e.cause),
			safeJson(e.context),
			safeJson(e.errorResponse),
			safeJson(e.messages),
		);
	}
	return parts.join('\n');
}

const checked = { runs: 0, errors: 0 };

function expectNoSecret(
	result: { error?: unknown; output?: unknown },
	secrets: string[],
	label: string,
) {
	checked.runs++;
	const seen = visible(result);
	const leaks = secrets.flatMap((s) =>
		formsOf(s)
			.filter((f) => seen.includes(f))
			.map((f) => `"${f}"`),
	);
	if (leaks.length)
		throw new Error(`${label}: secret forms visible: ${leaks.join(', ')}\n${seen.slice(0, 2000)}`);
}

/** The run failed somewhere the user sees it (thrown or as an error item): the check is not vacuous. */
function expectFailed(result: RunResult, label: string) {
	const errorItem = result.output.some((o) => o.json.error !== undefined);
	if (!result.error && !errorItem)
		throw new Error(`${label}: expected an error, got ${safeJson(result.output).slice(0, 500)}`);
	checked.errors++;
}

// ---- the CRMs, with distinctive secret values -------------------------------------------------

const SECRET = {
	pilotAppKey: 'pk-Sécret "appkey" &=+/<1>*~!\'()',
	publitracApiKey: 'pt-Kéy "api" &=+/<2>~!(x)',
	publitracPassword: 'pt-Pässword "pw" &x=1/?<3>*\'',
	publitracAccountToken: 'pt-Tök "acct" &en=9/+<4>*~',
	smlPassword: 'sml-Pässword "pw" &=+/<5>*~!\'()',
	smlToken: SECRETS.smlAllFormsToken,
	econtractKey: 'ek-Kèy "crm" &=+/<6>*~!\'()',
	dataPlatformPath: '/webhook/listener/lst-SECRETPATH-9f8e7d6c5b4a',
	dataPlatformQuery: 'qtok Sécret "dp" &=+/<7>*~!\'()',
};

interface Op {
	name: string;
	params: IDataObject;
	/** Parameters with bad input (refused before any request). */
	bad: IDataObject;
}

interface Fault {
	name: string;
	fault?: Record<string, unknown>;
	/** Run with credentials the simulator does not accept. */
	wrongCredentials?: boolean;
	/** The CRM's own answer quoting the secrets (an error it reports). */
	quote?: boolean;
}

interface Crm {
	name: string;
	/** The secret fields of the credential, as the node's transport lists them. */
	secretFields: string[];
	sim: Simulator;
	start(): Promise<void>;
	/** Makes the simulator accept the distinctive values. */
	accept(): void;
	/** Distinctive values the simulator accepts, or (wrong) values it refuses: secrets all the same. */
	credentials(wrong?: boolean): ICredentialDataDecryptedObject;
	/** Every value of a run with these credentials that must stay hidden (SML's issued tokens too, read after the run). */
	secrets(credentials: ICredentialDataDecryptedObject): string[];
	run(
		params: RunOptions['parameters'],
		credentials: ICredentialDataDecryptedObject,
		continueOnFail: boolean,
		items?: number,
	): Promise<RunResult>;
	ops: Op[];
	/** A vendor error body quoting the secrets in every form (status, body, content type). */
	quoting(credentials: ICredentialDataDecryptedObject): Record<string, unknown>;
}

const requestOptions = { maxRetries: 0, timeout: 1 };

function allForms(secrets: string[]): string {
	return secrets.map((s) => wireForms(s).join(' | ')).join(' ; ');
}

const pilotModule = require('../../../sandbox/pilot');
const publitracModule = require('../../../sandbox/publitrac');
const smlModule = require('../../../sandbox/sml');
const econtractModule = require('../../../sandbox/econtract');
const dataPlatformModule = require('../../../sandbox/dataPlatform');

/** The values of the credential's secret fields (SML: with the tokens it issued during the run). */
const secretValues = (fields: string[], credentials: ICredentialDataDecryptedObject) =>
	fields.map((f) => String(credentials[f] ?? '')).filter((v) => v.length > 0);

/** How a CRM's action node runs in these tests: `items` empty input items, its credential given. */
function runnerOf(
	node: () => INodeType,
	credentialName: string,
	type: ICredentialType,
): Crm['run'] {
	return (params, credentials, continueOnFail, items = 1) =>
		runNode(node(), {
			parameters: params,
			items: Array.from({ length: items }, () => ({})),
			credentials: { [credentialName]: credentials },
			credentialTypes: { [credentialName]: type },
			continueOnFail,
		});
}

/** An operation run with these parameters, and the same with `bad` changes (refused before any request). */
function op(name: string, params: IDataObject, bad: IDataObject): Op {
	return {
		name,
		params: { ...params, requestOptions },
		bad: { ...params, ...bad, requestOptions },
	};
}

function pilot(): Crm {
	const sim: Simulator = pilotModule.createPilotSimulator();
	const crm: Crm = {
		name: 'Pilot',
		secretFields: PILOT_SECRET_FIELDS,
		sim,
		start: async () => void (await sim.start(0)),
		accept: () => void (sim.state.appKeys = [SECRET.pilotAppKey]),
		credentials: (wrong) => ({
			appKey: wrong ? `${SECRET.pilotAppKey}-wrong` : SECRET.pilotAppKey,
			baseUrl: sim.url,
		}),
		secrets: (credentials) => secretValues(PILOT_SECRET_FIELDS, credentials),
		run: runnerOf(() => new Pilot(), 'pilotApi', new PilotApi()),
		ops: [
			op(
				'lead:create',
				{
					resource: 'lead',
					operation: 'create',
					pilot_contact_type_id: '1',
					pilot_business_type_id: '1',
					additionalFields: { pilot_firstname: 'Ana' },
				},
				{ additionalFields: { pilot_email: 'nope' } },
			),
			op(
				'survey:create',
				{
					resource: 'survey',
					operation: 'create',
					surveytype: 'A',
					telefono_contacto: '123',
					celular_contacto: '',
					additionalFields: {},
				},
				{ additionalFields: { email_contacto: 'nope' } },
			),
		],
		quoting: (credentials) => ({
			status: 200,
			body: JSON.stringify({
				success: false,
				message: `bad key ${allForms(crm.secrets(credentials))}`,
				data: `appkey=${encodeURIComponent(String(credentials.appKey))} refused`,
			}),
			contentType: 'application/json',
		}),
	};
	return crm;
}

function publitrac(): Crm {
	const sim: Simulator & { seedLeads(n: number): Array<Record<string, unknown>> } =
		publitracModule.createPublitracSimulator();
	const secrets = {
		apiKey: SECRET.publitracApiKey,
		password: SECRET.publitracPassword,
		accountToken: SECRET.publitracAccountToken,
	};
	const crm: Crm = {
		name: 'PUBLITRAC',
		secretFields: PUBLITRAC_SECRET_FIELDS,
		sim,
		start: async () => void (await sim.start(0)),
		accept: () => {
			Object.assign(sim.state.credentials, secrets);
			sim.seedLeads(1)[0].email = 'a@acme.com';
			(sim.state.views as IDataObject).V = { leadIds: [] };
		},
		credentials: (wrong) => ({
			...publitracModule.PUBLITRAC_CREDENTIALS,
			apiKey: secrets.apiKey,
			password: wrong ? `${secrets.password}-wrong` : secrets.password,
			accountToken: secrets.accountToken,
			baseUrl: `${sim.url}/api`,
		}),
		secrets: (credentials) => secretValues(PUBLITRAC_SECRET_FIELDS, credentials),
		run: runnerOf(() => new Publitrac(), 'publitracApi', new PublitracApi()),
		ops: [
			op(
				'lead:sync',
				{
					resource: 'lead',
					operation: 'sync',
					email: 'a@acme.com',
					additionalFields: { firstName: 'Ana' },
					customFields: {},
				},
				{ email: 'nope', additionalFields: {} },
			),
			op(
				'transaction:create',
				{
					resource: 'transaction',
					operation: 'create',
					email: 'a@acme.com',
					transaction: {
						id: '1',
						type: 'buying',
						total: '1',
						items: [{ id: '1', name: 'x', price: '1', quantity: '1' }],
					},
					options: {},
				},
				{ transaction: '{not json' },
			),
			op(
				'lead:get',
				{ resource: 'lead', operation: 'get', email: 'a@acme.com' },
				{ email: 'nope' },
			),
		],
		quoting: (credentials) => ({
			status: 200,
			body: `<?xml version="1.0"?><response><status>9015</status><message>bad ${xmlEscape(allForms(crm.secrets(credentials)))}</message><errors><error>password=${encodeURIComponent(String(credentials.password))} ${xmlEscape(String(credentials.accountToken))}</error></errors></response>`,
			contentType: 'text/xml',
		}),
	};
	return crm;
}

function sml(): Crm {
	const sim: Simulator = smlModule.createSmlSimulator({ password: SECRET.smlPassword, leads: 1 });
	const crm: Crm = {
		name: 'SML',
		secretFields: SML_SECRET_FIELDS,
		sim,
		start: async () => void (await sim.start(0)),
		accept: () => {
			(sim.state.tokens as IDataObject[]).push({
				token: SECRET.smlToken,
				username: smlModule.SML_USERNAME,
			});
		},
		// Wrong: a token SML does not know (a 401, then a login) and a password it refuses.
		credentials: (wrong) =>
			wrong
				? {
						...smlCredential(sim.url).data,
						password: `${SECRET.smlPassword}-wrong`,
						token: `${SECRET.smlToken}-wrong`,
					}
				: { ...smlCredential(sim.url).data, password: SECRET.smlPassword, token: SECRET.smlToken },
		// The tokens SML issued during the run are secrets too.
		secrets: (credentials) => [
			...secretValues(SML_SECRET_FIELDS, credentials),
			...(sim.state.tokens as Array<{ token: string }>).map((t) => t.token),
		],
		run: runnerOf(() => new Sml(), 'smlApi', new SmlApi()),
		ops: [
			op(
				'lead:create',
				{
					resource: 'lead',
					operation: 'create',
					source: 1,
					vehicle: { brand_model: 'Seat Ibiza' },
					additionalFields: {},
				},
				{ additionalFields: { client: { name: 'A', email: 'nope' } } },
			),
			op('lead:get', { resource: 'lead', operation: 'get', id_lead: 984 }, { id_lead: 'abc' }),
		],
		quoting: (credentials) => ({
			status: 400,
			body: JSON.stringify({
				non_field_errors: [`token ${allForms(crm.secrets(credentials))}`],
				detail: String(credentials.token),
			}),
			contentType: 'application/json',
		}),
	};
	return crm;
}

function econtract(): Crm {
	const sim: Simulator = econtractModule.createEcontractSimulator();
	const client = {
		gender: 1,
		segment: 1,
		first_name: 'John',
		last_name: 'Doe',
		email: 'john@server.com',
		language: 'nl',
		cellphone: '0499656565',
		landline: '',
	};
	const crm: Crm = {
		name: 'Econtract',
		secretFields: ECONTRACT_SECRET_FIELDS,
		sim,
		start: async () => void (await sim.start(0)),
		accept: () => {
			sim.state.crmApiKey = SECRET.econtractKey;
			(sim.state.clients as IDataObject[]).push({ id: 101, ...client });
			(sim.state.nextId as IDataObject).client = 102;
		},
		credentials: (wrong) => ({
			baseUrl: sim.url,
			crmApiId: econtractModule.ECONTRACT_CRM_API_ID,
			crmApiKey: wrong ? `${SECRET.econtractKey}-wrong` : SECRET.econtractKey,
		}),
		secrets: (credentials) => secretValues(ECONTRACT_SECRET_FIELDS, credentials),
		run: runnerOf(() => new Econtract(), 'econtractApi', new EcontractApi()),
		ops: [
			op(
				'client:create',
				{ resource: 'client', operation: 'create', ...client, additionalFields: {} },
				{ email: 'nope' },
			),
			op('client:get', { resource: 'client', operation: 'get', id: 101 }, { id: -3 }),
		],
		quoting: (credentials) => ({
			status: 422,
			body: JSON.stringify({
				message: `invalid ${allForms(crm.secrets(credentials))}`,
				errors: { crm_api_key: [String(credentials.crmApiKey)] },
			}),
			contentType: 'application/json',
		}),
	};
	return crm;
}

function dataPlatform(): Crm {
	const sim: Simulator = dataPlatformModule.createDataPlatformSimulator({
		path: SECRET.dataPlatformPath,
	});
	const crm: Crm = {
		name: 'CRM Data Platform',
		secretFields: DATA_PLATFORM_SECRET_FIELDS,
		sim,
		start: async () => void (await sim.start(0)),
		accept: () => {
			(sim.state.contacts as IDataObject[]).push({
				name: 'A',
				customerId: 'PID-1',
				contactId: '1',
				emails: [{ value: 'a@b.co' }],
				history: [],
			});
		},
		// Wrong: a listener URL the platform does not know (a 404): still a secret.
		credentials: (wrong) => ({
			listenerUrl: `${sim.url}${SECRET.dataPlatformPath}${wrong ? '-wrong' : ''}?token=${encodeURIComponent(SECRET.dataPlatformQuery)}`,
			senderUser: 'owner@dataplatform.test',
		}),
		secrets: (credentials) => secretValues(DATA_PLATFORM_SECRET_FIELDS, credentials),
		run: runnerOf(() => new DataPlatform(), 'dataPlatformApi', new DataPlatformApi()),
		ops: [
			op(
				'contact:create',
				{
					resource: 'contact',
					operation: 'create',
					name: 'A',
					additionalFields: {},
					permit: {},
					senderUser: '',
				},
				{ senderUser: 'nope' },
			),
			op(
				'note:create',
				{
					resource: 'note',
					operation: 'create',
					body: 'Hello',
					model: 'contact',
					customerId: 'PID-1',
					additionalFields: {},
					permit: {},
					senderUser: '',
				},
				{ body: '' },
			),
		],
		quoting: (credentials) => {
			const url = new URL(String(credentials.listenerUrl));
			const said = `${allForms(crm.secrets(credentials))} ; path ${allForms([url.pathname, url.pathname.split('/').pop()!])} ; token ${allForms([SECRET.dataPlatformQuery])}`;
			return {
				status: 200,
				body: JSON.stringify({
					success: true,
					data: [{ success: false, message: `no such listener ${said}` }],
				}),
				contentType: 'application/json',
			};
		},
	};
	return crm;
}

const FAULTS: Fault[] = [
	{ name: 'wrong credentials', wrongCredentials: true },
	{
		name: 'a 401 page repeating the request',
		fault: { kind: 'status', status: 401, echo: true, times: 10 },
	},
	{
		name: 'a 403 page repeating the request and its headers',
		fault: { kind: 'status', status: 403, echo: 'headers', times: 10 },
	},
	{
		name: 'a 500 page repeating the request and its headers',
		fault: { kind: 'status', status: 500, echo: 'headers', times: 10 },
	},
	{
		name: 'a 502 page repeating the request',
		fault: { kind: 'status', status: 502, echo: true, times: 10 },
	},
	{
		name: 'a 503 page repeating the request',
		fault: { kind: 'status', status: 503, echo: 'headers', times: 10 },
	},
	{
		name: "a 200 answer that is not the API's and repeats the request",
		fault: { kind: 'status', status: 200, echo: 'headers', times: 10 },
	},
	{ name: "the CRM's own error quoting the secrets", quote: true },
	{ name: 'a timeout', fault: { kind: 'timeout', times: 10 } },
	{ name: 'a connection reset', fault: { kind: 'reset', times: 10 } },
	{ name: 'a malformed answer', fault: { kind: 'malformed', times: 10 } },
	{ name: 'a truncated answer', fault: { kind: 'truncated', times: 10 } },
];

const crms = [pilot(), publitrac(), sml(), econtract(), dataPlatform()];

beforeAll(async () => {
	setRetryDefaults({ baseDelayMs: 10 });
	for (const crm of crms) await crm.start();
});
afterAll(async () => {
	setRetryDefaults();
	for (const crm of crms) await crm.sim.stop();
	// eslint-disable-next-line no-console
	console.log(
		`secrets: ${checked.runs} runs searched for every form of every secret, ${checked.errors} of them failed runs (error paths)`,
	);
});
beforeEach(() => {
	resetRateLimiters();
	for (const crm of crms) crm.sim.reset();
});

describe.each(crms.map((c) => [c.name, c] as const))(
	'%s: no secret in errors or items',
	(_name, crm) => {
		it("the secret fields are the credential's password fields", () => {
			const type = {
				Pilot: new PilotApi(),
				PUBLITRAC: new PublitracApi(),
				SML: new SmlApi(),
				Econtract: new EcontractApi(),
				'CRM Data Platform': new DataPlatformApi(),
			}[crm.name]!;
			const passwords = type.properties.filter((p) => p.typeOptions?.password).map((p) => p.name);
			expect([...crm.secretFields].sort()).toEqual([...passwords].sort());
		});

		it('the secrets reach the CRM in a successful run (so the checks are not vacuous)', async () => {
			for (const op of crm.ops) {
				crm.sim.reset();
				crm.accept();
				const credentials = crm.credentials();
				const result = await crm.run(op.params, credentials, false);
				expect(result.error).toBeUndefined();
				const wire = crm.sim.log
					.flatMap((r) => [
						`${r.method} ${r.path}?${new URLSearchParams(r.query).toString()}`,
						...Object.values(r.query),
						r.rawBody,
						...Object.values(typeof r.body === 'object' ? r.body : {}).map(String),
						String(r.headers.authorization ?? ''),
					])
					.join('\n');
				const sent = crm
					.secrets(credentials)
					.filter(
						(s) =>
							wire.includes(s) ||
							wire.includes(new URLSearchParams({ x: s }).toString().slice(2)) ||
							wire.includes(new URL(s, 'http://x').pathname),
					);
				expect(sent.length).toBeGreaterThan(0);
				expectNoSecret(result, crm.secrets(credentials), `${op.name} success`);
			}
		});

		it.each(FAULTS.map((f) => [f.name, f] as const))(
			'after %s',
			async (_fault, fault) => {
				for (const op of crm.ops) {
					for (const continueOnFail of [false, true]) {
						crm.sim.reset();
						resetRateLimiters();
						crm.accept();
						if (fault.fault) crm.sim.addFault(fault.fault);
						const credentials = crm.credentials(fault.wrongCredentials);
						if (fault.quote)
							crm.sim.addFault({ kind: 'status', times: 10, ...crm.quoting(credentials) });
						const result = await crm.run(op.params, credentials, continueOnFail);
						const label = `${op.name} ${fault.name} (continueOnFail ${continueOnFail})`;
						// A truncated answer of a JSON CRM may still parse (or not): every other fault must fail the run.
						if (!(fault.fault?.kind === 'truncated')) expectFailed(result, label);
						expectNoSecret(result, crm.secrets(credentials), label);
					}
				}
			},
			60_000,
		);

		it('after invalid input (refused before any request)', async () => {
			for (const op of crm.ops) {
				for (const continueOnFail of [false, true]) {
					crm.sim.reset();
					crm.accept();
					const credentials = crm.credentials();
					const result = await crm.run(op.bad, credentials, continueOnFail);
					expectFailed(result, `${op.name} bad input`);
					expect(crm.sim.log.filter((r) => !r.path.startsWith('/api/auth/'))).toHaveLength(0);
					expectNoSecret(result, crm.secrets(credentials), `${op.name} bad input`);
				}
			}
		});

		it('with Continue On Fail: an error page on item 0, bad input on item 1, item 2 fine', async () => {
			for (const op of crm.ops) {
				crm.sim.reset();
				crm.accept();
				crm.sim.addFault({ kind: 'status', status: 500, echo: 'headers', times: 1 });
				const credentials = crm.credentials();
				const result = await crm.run(
					(i) =>
						i === 1
							? op.bad
							: {
									...op.params,
									requestOptions: { ...requestOptions, parallelRequests: 1, batchSize: 1 },
								},
					credentials,
					true,
					3,
				);
				expect(result.error).toBeUndefined();
				expect(
					result.output
						.filter((o) => o.json.error !== undefined)
						.map((o) => (o.pairedItem as { item: number }).item),
				).toEqual([0, 1]);
				checked.errors++;
				expectNoSecret(result, crm.secrets(credentials), `${op.name} three items`);
			}
		});
	},
);

describe('SML: a token issued during the run (the login happens inside the first call)', () => {
	it.each([
		[
			'an error page repeating the headers (Authorization)',
			{ kind: 'status', status: 500, echo: 'headers', times: 10, path: '/api/lead/' },
		],
		[
			'a 502 page repeating the headers',
			{ kind: 'status', status: 502, echo: 'headers', times: 10, path: '/api/lead/' },
		],
		['an answer quoting the token', undefined],
	])('is hidden after %s', async (_name, fault) => {
		const crm = crms[2];
		for (const op of crm.ops) {
			for (const continueOnFail of [false, true]) {
				crm.sim.reset();
				const credentials = { ...crm.credentials(), token: '' };
				if (fault) crm.sim.addFault(fault);
				// The token the login will issue, quoted in the answer of the call.
				else
					crm.sim.addFault({
						kind: 'status',
						status: 200,
						times: 10,
						path: '/api/lead/',
						body: JSON.stringify({
							id: 1,
							note: `token 00000001e5c1a9b0d4f7a2c8e6b3d1f0a9c7e5b3d1f0`,
						}),
					});
				const result = await crm.run(op.params, credentials, continueOnFail);
				expect((crm.sim.state.tokens as unknown[]).length).toBe(1);
				if (fault) expectFailed(result, `${op.name} issued token`);
				else expect(JSON.stringify(result.output)).toContain('token [redacted]');
				expectNoSecret(
					result,
					crm.secrets(credentials),
					`${op.name} issued token (continueOnFail ${continueOnFail})`,
				);
			}
		}
	});
});

// ---- triggers and dropdowns: no router there, the transports redact ------------------------

describe('triggers and dropdowns', () => {
	const pollOf = async (
		crm: Crm,
		trigger: { poll?: (this: IPollFunctions) => Promise<unknown> },
		parameters: IDataObject,
		credentials: ICredentialDataDecryptedObject,
		credentialTypes: IDataObject,
	) => {
		const context = createTriggerContext({
			parameters,
			credentials: { [Object.keys(credentialTypes)[0]]: credentials },
			credentialTypes: credentialTypes as never,
			staticData: {},
			pollBudgetMs: 1000,
		});
		return await trigger.poll!.call(context as unknown as IPollFunctions).then(
			(output) => ({ output }),
			(error: Error) => ({ error, output: [] }),
		);
	};
	const polls: Array<
		[
			string,
			() => Crm,
			() => { poll?: (this: IPollFunctions) => Promise<unknown> },
			IDataObject,
			IDataObject,
		]
	> = [
		[
			'publitracTrigger',
			() => crms[1],
			() => new PublitracTrigger(),
			{ source: 'view', viewName: 'V', event: 'new', options: {} },
			{ publitracApi: new PublitracApi() },
		],
		[
			'smlTrigger',
			() => crms[2],
			() => new SmlTrigger(),
			{ filters: {}, emitStatusChanges: false },
			{ smlApi: new SmlApi() },
		],
		[
			'econtractTrigger',
			() => crms[3],
			() => new EcontractTrigger(),
			{ filters: {} },
			{ econtractApi: new EcontractApi() },
		],
	];

	it.each(polls)(
		'%s: no secret in the errors of a poll',
		async (name, crmOf, triggerOf, parameters, credentialTypes) => {
			const crm = crmOf();
			for (const fault of FAULTS) {
				crm.sim.reset();
				resetRateLimiters();
				crm.accept();
				if (fault.fault) crm.sim.addFault(fault.fault);
				const credentials = crm.credentials(fault.wrongCredentials);
				if (fault.quote)
					crm.sim.addFault({ kind: 'status', times: 10, ...crm.quoting(credentials) });
				const result = await pollOf(crm, triggerOf(), parameters, credentials, credentialTypes);
				const label = `${name} ${fault.name}`;
				if (fault.fault?.kind !== 'truncated') {
					if (!('error' in result) || !result.error)
						throw new Error(`${label}: the poll did not fail`);
					checked.errors++;
				}
				expectNoSecret(result, crm.secrets(credentials), label);
			}
		},
		60_000,
	);

	it('smlApi dropdowns: no secret in their errors', async () => {
		const crm = crms[2];
		// Dropdowns have no Request Options: a timeout there takes the default 30 s, so it is left out.
		for (const fault of FAULTS.filter((f) => f.fault?.kind !== 'timeout')) {
			crm.sim.reset();
			crm.accept();
			if (fault.fault) crm.sim.addFault(fault.fault);
			const credentials = crm.credentials(fault.wrongCredentials);
			if (fault.quote) crm.sim.addFault({ kind: 'status', times: 10, ...crm.quoting(credentials) });
			const context = createTriggerContext({
				parameters: {},
				credentials: { smlApi: credentials },
				credentialTypes: { smlApi: new SmlApi() },
			});
			const result = await new Sml().methods.loadOptions.getSources
				.call(context as unknown as ILoadOptionsFunctions)
				.then(
					(output) => ({ output }),
					(error: Error) => ({ error, output: [] }),
				);
			expectNoSecret(result, crm.secrets(credentials), `getSources ${fault.name}`);
		}
	}, 60_000);

	/**
	 * webhook() of a trigger given a JSON post (or `raw` with its headers). An accepted submission is
	 * answered by n8n with the node's webhookResponse (status 200, once the execution exists): that
	 * answer is what the sender sees, so it is searched too.
	 */
	function webhook(
		trigger: WebhookTrigger,
		request: IDataObject,
		params: IDataObject,
		credentials?: IDataObject,
	) {
		const raw = typeof request.raw === 'string' ? request.raw : undefined;
		return callWebhook(
			trigger,
			jsonRequest({
				body: request.body,
				raw,
				headers: request.headers as Record<string, string> | undefined,
				query: request.query,
			}),
			{ parameters: params, credentials },
		);
	}

	it('pilotTrigger: neither its refusals nor its items show the app key', async () => {
		const key = SECRET.pilotAppKey;
		const lead = {
			action: 'create',
			pilot_firstname: 'Ana',
			pilot_contact_type_id: '1',
			pilot_business_type_code: 'New',
		};
		const params = {
			path: 'pilot',
			checkAppKey: true,
			accept: ['lead', 'survey', 'adf'],
			checkRequired: true,
		};
		const credentials = { appKey: key, baseUrl: 'http://unused' };
		for (const given of [key, `${key}x`, key.slice(0, -1), '']) {
			const { result, answer } = await webhook(
				new PilotTrigger(),
				{ body: { ...lead, appkey: given } },
				params,
				credentials,
			);
			expect(answer.status).toBe(given === key ? 200 : 401);
			expectNoSecret(
				{ output: { result, answer } },
				[key, `${key}x`],
				`pilotTrigger appkey ${given === key ? 'right' : 'wrong'}`,
			);
		}
		// An ADF carries the key in <format><key>.
		const adf = `<adf><prospect><customer><contact><name part="first">A</name><email>a@b.co</email></contact></customer></prospect><format><key>${xmlEscape(key)}</key></format></adf>`;
		const { result, answer } = await webhook(
			new PilotTrigger(),
			{ raw: adf, body: {}, headers: { 'content-type': 'text/xml' } },
			params,
			credentials,
		);
		expect(answer.status).toBe(200);
		expectNoSecret({ output: { result, answer } }, [key], 'pilotTrigger ADF');
	});

	it('dataPlatformTrigger: neither its refusals nor its items show the shared secret', async () => {
		const secret = 'dp-Shared "trigger" Sécret &=+/<8>';
		const body = {
			senderUser: 'a@example.com',
			data: [{ actionType: 'add-contact', data: { name: 'Huy' } }],
		};
		for (const location of ['header', 'query'] as const) {
			const params = {
				path: 'data-platform',
				secretLocation: location,
				headerName: 'x-listener-secret',
				queryParameterName: 'secret',
				secret,
				allowedIps: '',
				behindProxy: false,
				maxBodyKb: 1024,
			};
			for (const given of [secret, `${secret}x`]) {
				const request =
					location === 'header'
						? { body, headers: { 'x-listener-secret': given } }
						: { body, query: { secret: given } };
				const { result, answer } = await webhook(new DataPlatformTrigger(), request, params);
				expect(answer.status).toBe(given === secret ? 200 : 401);
				expectNoSecret(
					{ output: { result, answer } },
					[secret, `${secret}x`],
					`dataPlatformTrigger ${location}`,
				);
			}
		}
	});
});
