// The operations the fault matrix (and the secrets test) run, one per CRM call shape:
// each knows its simulator, how to run N items (item i carries the marker ITEM-i-MARK,
// or another text unique to it, in its request), and how many records the CRM stored.
/* eslint-disable @typescript-eslint/no-require-imports */
import type { ICredentialDataDecryptedObject, ICredentialType, IDataObject, INodeType } from 'n8n-workflow';
import { DataPlatformApi } from '../../../credentials/DataPlatformApi.credentials';
import { EcontractApi } from '../../../credentials/EcontractApi.credentials';
import { PilotApi } from '../../../credentials/PilotApi.credentials';
import { PublitracApi } from '../../../credentials/PublitracApi.credentials';
import { SmlApi } from '../../../credentials/SmlApi.credentials';
import { DataPlatform } from '../../../nodes/DataPlatform/DataPlatform.node';
import { Econtract } from '../../../nodes/Econtract/Econtract.node';
import { Pilot } from '../../../nodes/Pilot/Pilot.node';
import { Publitrac } from '../../../nodes/Publitrac/Publitrac.node';
import { Sml } from '../../../nodes/Sml/Sml.node';
import { runNode } from '../../helpers/context';
import type { RunResult } from '../../helpers/context';
import type { LoggedRequest, Simulator } from '../../helpers/sims';

export interface RequestOptions {
	maxRetries: number;
	timeout: number;
}

export interface Target {
	/** "Pilot lead:create" */
	name: string;
	crm: string;
	/** Sent again after a 500/502/504, a reset or a timeout (reads, and upserts the CRM dedupes). */
	idempotent: boolean;
	/** Creates something: the matrix counts what the CRM stored. */
	creates: boolean;
	sim: Simulator & { expireTokensAfter?: (calls: number) => void };
	/** Path of the operation's calls (the login of SML is not one). */
	path: string;
	/** A text only item i's request holds (its "METHOD url" line or its body). */
	marker(i: number): string;
	/** Prepares the simulator after a reset (seeded records the operation reads). */
	seed(): void;
	/** Runs the node on `items` items. */
	run(items: number, options: RequestOptions, continueOnFail: boolean, credentials?: ICredentialDataDecryptedObject): Promise<RunResult>;
	/** Records the CRM holds (creates only). */
	stored(): number;
	/** The credential values of the run, for the secrets test. */
	credentials(): ICredentialDataDecryptedObject;
}

export const MARK = (i: number) => `ITEM-${i}-MARK`;

function runner(node: INodeType, type: string, credentialType: ICredentialType) {
	return (
		parameters: (i: number) => IDataObject,
		credentials: ICredentialDataDecryptedObject,
		items: number,
		continueOnFail: boolean,
	): Promise<RunResult> =>
		runNode(node, {
			parameters,
			items: Array.from({ length: items }, (_, i) => ({ n: i })),
			credentials: { [type]: credentials },
			credentialTypes: { [type]: credentialType },
			continueOnFail,
		});
}

/** The calls of the operation that item i sent (in order). */
export function callsOf(target: Target, i: number): LoggedRequest[] {
	const marker = target.marker(i);
	return target.sim.log.filter(
		(r) => r.path.startsWith(target.path) && (`${r.method} ${r.path}?${new URLSearchParams(r.query).toString()}`.includes(marker) || r.rawBody.includes(marker) || JSON.stringify(r.query).includes(marker)),
	);
}

// ---- Pilot -----------------------------------------------------------------------------
export function pilotLeadCreate(): Target {
	const sim: Simulator = require('../../../sandbox/pilot').createPilotSimulator();
	const appKey: string = require('../../../sandbox/pilot').PILOT_APP_KEY;
	const run = runner(new Pilot(), 'pilotApi', new PilotApi());
	const target: Target = {
		name: 'Pilot lead:create',
		crm: 'Pilot',
		idempotent: false,
		creates: true,
		sim,
		path: '/webhooks/welcome.php',
		marker: MARK,
		seed: () => undefined,
		credentials: () => ({ appKey, baseUrl: sim.url }),
		run: (items, options, continueOnFail, credentials = {}) =>
			run(
				(i) => ({
					resource: 'lead',
					operation: 'create',
					pilot_contact_type_id: '1',
					pilot_business_type_id: '1',
					additionalFields: { pilot_firstname: MARK(i), pilot_email: `item${i}@example.com` },
					requestOptions: { ...options, parallelRequests: 1 },
				}),
				{ ...target.credentials(), ...credentials },
				items,
				continueOnFail,
			),
		stored: () => (sim.state.leads as unknown[]).length,
	};
	return target;
}

// ---- PUBLITRAC -------------------------------------------------------------------------
const publitracSim = (): Simulator & { seedLeads(n: number, where?: { view?: string }): Array<Record<string, unknown>> } =>
	require('../../../sandbox/publitrac').createPublitracSimulator();
const PUBLITRAC_CREDS = require('../../../sandbox/publitrac').PUBLITRAC_CREDENTIALS;

export function publitracLeadSync(): Target {
	const sim = publitracSim();
	const run = runner(new Publitrac(), 'publitracApi', new PublitracApi());
	const target: Target = {
		name: 'PUBLITRAC lead:sync',
		crm: 'PUBLITRAC',
		idempotent: true,
		creates: true,
		sim,
		path: '/api',
		marker: MARK,
		seed: () => undefined,
		credentials: () => ({ ...PUBLITRAC_CREDS, baseUrl: `${sim.url}/api` }),
		run: (items, options, continueOnFail, credentials = {}) =>
			run(
				(i) => ({
					resource: 'lead',
					operation: 'sync',
					email: `item${i}@acme.com`,
					additionalFields: { firstName: MARK(i) },
					customFields: { field: [{ name: 'carColor', value: 'red' }] },
					requestOptions: options,
				}),
				{ ...target.credentials(), ...credentials },
				items,
				continueOnFail,
			),
		stored: () => (sim.state.leads as unknown[]).length,
	};
	return target;
}

export function publitracViewGetLeads(): Target {
	const sim = publitracSim();
	const run = runner(new Publitrac(), 'publitracApi', new PublitracApi());
	const target: Target = {
		name: 'PUBLITRAC view:getLeads',
		crm: 'PUBLITRAC',
		idempotent: true,
		creates: false,
		sim,
		path: '/api',
		marker: (i) => `viewName=View${i}Mark`,
		seed: () => {
			for (let i = 0; i < 3; i++) sim.seedLeads(2, { view: `View${i}Mark` });
		},
		credentials: () => ({ ...PUBLITRAC_CREDS, baseUrl: `${sim.url}/api` }),
		run: (items, options, continueOnFail, credentials = {}) =>
			run(
				(i) => ({ resource: 'view', operation: 'getLeads', viewName: `View${i}Mark`, returnAll: true, requestOptions: { ...options, parallelRequests: 1 } }),
				{ ...target.credentials(), ...credentials },
				items,
				continueOnFail,
			),
		stored: () => 0,
	};
	return target;
}

// ---- SML -------------------------------------------------------------------------------
const smlModule = () => require('../../../sandbox/sml');

function smlCredentials(sim: Simulator): ICredentialDataDecryptedObject {
	return { domain: sim.url, username: smlModule().SML_USERNAME, password: smlModule().SML_PASSWORD, authScheme: 'Token', token: '' };
}

export function smlLeadCreate(): Target {
	const sim = smlModule().createSmlSimulator();
	const run = runner(new Sml(), 'smlApi', new SmlApi());
	const target: Target = {
		name: 'SML lead:create',
		crm: 'SML',
		idempotent: false,
		creates: true,
		sim,
		path: '/api/lead/',
		marker: MARK,
		seed: () => undefined,
		credentials: () => smlCredentials(sim),
		run: (items, options, continueOnFail, credentials = {}) =>
			run(
				(i) => ({
					resource: 'lead',
					operation: 'create',
					source: 1,
					vehicle: { brand_model: MARK(i) },
					additionalFields: { client: { name: `Client ${i}`, phone: `60000000${i}` } },
					requestOptions: { ...options, parallelRequests: 1 },
				}),
				{ ...target.credentials(), ...credentials },
				items,
				continueOnFail,
			),
		stored: () => (sim.state.leads as unknown[]).length,
	};
	return target;
}

export function smlLeadGetMany(): Target {
	const sim = smlModule().createSmlSimulator({ leads: 3 });
	const run = runner(new Sml(), 'smlApi', new SmlApi());
	const target: Target = {
		name: 'SML lead:getMany',
		crm: 'SML',
		idempotent: true,
		creates: false,
		sim,
		path: '/api/lead/',
		// The simulator seeds lead i with the client phone 6000 and i on 5 digits.
		marker: (i) => `client__phone__icontains=60000000${i}`,
		seed: () => undefined,
		credentials: () => smlCredentials(sim),
		run: (items, options, continueOnFail, credentials = {}) =>
			run(
				(i) => ({ resource: 'lead', operation: 'getMany', returnAll: true, filters: { client__phone__icontains: `60000000${i}` }, requestOptions: { ...options, parallelRequests: 1 } }),
				{ ...target.credentials(), ...credentials },
				items,
				continueOnFail,
			),
		stored: () => 0,
	};
	return target;
}

// ---- Econtract -------------------------------------------------------------------------
const econtractModule = () => require('../../../sandbox/econtract');

function econtractCredentials(sim: Simulator): ICredentialDataDecryptedObject {
	return { baseUrl: sim.url, crmApiId: econtractModule().ECONTRACT_CRM_API_ID, crmApiKey: econtractModule().ECONTRACT_CRM_API_KEY };
}

export function econtractOrderCreate(): Target {
	const sim = econtractModule().createEcontractSimulator();
	const run = runner(new Econtract(), 'econtractApi', new EcontractApi());
	const target: Target = {
		name: 'Econtract order:create',
		crm: 'Econtract',
		idempotent: true,
		creates: true,
		sim,
		path: '/api/orders',
		marker: MARK,
		seed: () => undefined,
		credentials: () => econtractCredentials(sim),
		run: (items, options, continueOnFail, credentials = {}) =>
			run(
				(i) => ({
					resource: 'order',
					operation: 'create',
					product_type: 'gas',
					comparison_id: 45688954,
					affiliate_id: 50,
					sales_channel_id: 1,
					ip_address: '192.168.1.1',
					supplier_id: 5,
					product_id: 12,
					payment_method: 1,
					ean: '541448820099999999',
					mru_nr: '654321',
					situation: 3,
					donor: '8',
					donor_client_nr: '112233',
					client: { gender: 1, segment: 1, first_name: MARK(i), last_name: 'Doe', email: `item${i}@server.com`, language: 'nl', cellphone: '0499656565' },
					address: { street: 'Street 02', nr: '10', postal_code: '3500', city: 'Hasselt', country: 'BE' },
					invoice_address: {},
					additionalFields: {},
					requestOptions: { ...options, parallelRequests: 1 },
				}),
				{ ...target.credentials(), ...credentials },
				items,
				continueOnFail,
			),
		stored: () => (sim.state.orders as unknown[]).length,
	};
	return target;
}

export function econtractClientGet(): Target {
	const sim = econtractModule().createEcontractSimulator();
	const run = runner(new Econtract(), 'econtractApi', new EcontractApi());
	const target: Target = {
		name: 'Econtract client:get',
		crm: 'Econtract',
		idempotent: true,
		creates: false,
		sim,
		path: '/api/clients/',
		marker: (i) => `GET /api/clients/${101 + i}?`,
		seed: () => {
			const clients = sim.state.clients as IDataObject[];
			for (let i = 0; i < 3; i++) clients.push({ id: 101 + i, first_name: `Client${i}`, last_name: 'Doe', email: `c${i}@server.com` });
		},
		credentials: () => econtractCredentials(sim),
		run: (items, options, continueOnFail, credentials = {}) =>
			run(
				(i) => ({ resource: 'client', operation: 'get', id: 101 + i, requestOptions: { ...options, parallelRequests: 1 } }),
				{ ...target.credentials(), ...credentials },
				items,
				continueOnFail,
			),
		stored: () => 0,
	};
	return target;
}

// ---- CRM Data Platform -----------------------------------------------------------------
export function dataPlatformContactCreate(): Target {
	const module = require('../../../sandbox/dataPlatform');
	const sim: Simulator = module.createDataPlatformSimulator();
	const run = runner(new DataPlatform(), 'dataPlatformApi', new DataPlatformApi());
	const target: Target = {
		name: 'Data Platform contact:create',
		crm: 'CRM Data Platform',
		idempotent: false,
		creates: true,
		sim,
		path: module.DATA_PLATFORM_LISTENER_PATH,
		marker: MARK,
		seed: () => undefined,
		credentials: () => ({ listenerUrl: `${sim.url}${module.DATA_PLATFORM_LISTENER_PATH}`, senderUser: 'owner@dataplatform.test' }),
		run: (items, options, continueOnFail, credentials = {}) =>
			run(
				(i) => ({
					resource: 'contact',
					operation: 'create',
					name: MARK(i),
					additionalFields: {},
					permit: {},
					senderUser: '',
					// One item per POST, so a fault meets one item only.
					requestOptions: { ...options, batchSize: 1 },
				}),
				{ ...target.credentials(), ...credentials },
				items,
				continueOnFail,
			),
		stored: () => (sim.state.contacts as unknown[]).length,
	};
	return target;
}

export const allTargets = (): Target[] => [
	pilotLeadCreate(),
	publitracLeadSync(),
	publitracViewGetLeads(),
	smlLeadCreate(),
	smlLeadGetMany(),
	econtractOrderCreate(),
	econtractClientGet(),
	dataPlatformContactCreate(),
];
