// The operations the fault matrix (and the secrets test) run, one per CRM call shape:
// each knows its simulator, how to run N items (item i carries the marker ITEM-i-MARK,
// or another text unique to it, in its request), and how many records the CRM stored.
/* eslint-disable @typescript-eslint/no-require-imports */
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INodeType,
} from 'n8n-workflow';
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
import { dataPlatformCredential, publitracCredential, smlCredential } from '../../helpers/sims';
import type { LoggedRequest, Simulator } from '../../helpers/sims';
import { GAS, ORDER_FIELDS } from '../econtract/setup';

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
	run(
		items: number,
		options: RequestOptions,
		continueOnFail: boolean,
		credentials?: ICredentialDataDecryptedObject,
	): Promise<RunResult>;
	/** Records the CRM holds (creates only). */
	stored(): number;
	/** The credential values of the run, for the secrets test. */
	credentials(): ICredentialDataDecryptedObject;
}

export const MARK = (i: number) => `ITEM-${i}-MARK`;

/** A target: its facts, and item i's node parameters for the matrix's request options. */
type TargetSpec = Omit<Target, 'run'> & {
	node: INodeType;
	credentialName: string;
	credentialType: ICredentialType;
	parameters(i: number, options: RequestOptions): IDataObject;
};

/** The target with its `run`: N items through the node, over HTTP to the simulator. */
function defineTarget(spec: TargetSpec): Target {
	const { node, credentialName, credentialType, parameters, ...target } = spec;
	return {
		...target,
		run: (items, options, continueOnFail, credentials = {}) =>
			runNode(node, {
				parameters: (i) => parameters(i, options),
				items: Array.from({ length: items }, (_, i) => ({ n: i })),
				credentials: { [credentialName]: { ...target.credentials(), ...credentials } },
				credentialTypes: { [credentialName]: credentialType },
				continueOnFail,
			}),
	};
}

/** The calls of the operation that item i sent (in order). */
export function callsOf(target: Target, i: number): LoggedRequest[] {
	const marker = target.marker(i);
	return target.sim.log.filter(
		(r) =>
			r.path.startsWith(target.path) &&
			(`${r.method} ${r.path}?${new URLSearchParams(r.query).toString()}`.includes(marker) ||
				r.rawBody.includes(marker) ||
				JSON.stringify(r.query).includes(marker)),
	);
}

// ---- Pilot -----------------------------------------------------------------------------
export function pilotLeadCreate(): Target {
	const sim: Simulator = require('../../../sandbox/pilot').createPilotSimulator();
	const appKey: string = require('../../../sandbox/pilot').PILOT_APP_KEY;
	return defineTarget({
		node: new Pilot(),
		credentialName: 'pilotApi',
		credentialType: new PilotApi(),
		name: 'Pilot lead:create',
		crm: 'Pilot',
		idempotent: false,
		creates: true,
		sim,
		path: '/webhooks/welcome.php',
		marker: MARK,
		seed: () => undefined,
		credentials: () => ({ appKey, baseUrl: sim.url }),
		parameters: (i, options) => ({
			resource: 'lead',
			operation: 'create',
			pilot_contact_type_id: '1',
			pilot_business_type_id: '1',
			additionalFields: { pilot_firstname: MARK(i), pilot_email: `item${i}@example.com` },
			requestOptions: { ...options, parallelRequests: 1 },
		}),
		stored: () => (sim.state.leads as unknown[]).length,
	});
}

// ---- PUBLITRAC -------------------------------------------------------------------------
const publitracSim = (): Simulator & {
	seedLeads(n: number, where?: { view?: string }): Array<Record<string, unknown>>;
} => require('../../../sandbox/publitrac').createPublitracSimulator();

export function publitracLeadSync(): Target {
	const sim = publitracSim();
	return defineTarget({
		node: new Publitrac(),
		credentialName: 'publitracApi',
		credentialType: new PublitracApi(),
		name: 'PUBLITRAC lead:sync',
		crm: 'PUBLITRAC',
		idempotent: true,
		creates: true,
		sim,
		path: '/api',
		marker: MARK,
		seed: () => undefined,
		credentials: () => publitracCredential(sim.url).data,
		parameters: (i, options) => ({
			resource: 'lead',
			operation: 'sync',
			email: `item${i}@acme.com`,
			additionalFields: { firstName: MARK(i) },
			customFields: { field: [{ name: 'carColor', value: 'red' }] },
			requestOptions: options,
		}),
		stored: () => (sim.state.leads as unknown[]).length,
	});
}

export function publitracViewGetLeads(): Target {
	const sim = publitracSim();
	return defineTarget({
		node: new Publitrac(),
		credentialName: 'publitracApi',
		credentialType: new PublitracApi(),
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
		credentials: () => publitracCredential(sim.url).data,
		parameters: (i, options) => ({
			resource: 'view',
			operation: 'getLeads',
			viewName: `View${i}Mark`,
			returnAll: true,
			requestOptions: { ...options, parallelRequests: 1 },
		}),
		stored: () => 0,
	});
}

// ---- SML -------------------------------------------------------------------------------
const smlModule = () => require('../../../sandbox/sml');

function smlCredentials(sim: Simulator): ICredentialDataDecryptedObject {
	return smlCredential(sim.url).data;
}

export function smlLeadCreate(): Target {
	const sim = smlModule().createSmlSimulator();
	return defineTarget({
		node: new Sml(),
		credentialName: 'smlApi',
		credentialType: new SmlApi(),
		name: 'SML lead:create',
		crm: 'SML',
		idempotent: false,
		creates: true,
		sim,
		path: '/api/lead/',
		marker: MARK,
		seed: () => undefined,
		credentials: () => smlCredentials(sim),
		parameters: (i, options) => ({
			resource: 'lead',
			operation: 'create',
			source: 1,
			vehicle: { brand_model: MARK(i) },
			additionalFields: { client: { name: `Client ${i}`, phone: `60000000${i}` } },
			requestOptions: { ...options, parallelRequests: 1 },
		}),
		stored: () => (sim.state.leads as unknown[]).length,
	});
}

export function smlLeadGetMany(): Target {
	const sim = smlModule().createSmlSimulator({ leads: 3 });
	return defineTarget({
		node: new Sml(),
		credentialName: 'smlApi',
		credentialType: new SmlApi(),
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
		parameters: (i, options) => ({
			resource: 'lead',
			operation: 'getMany',
			returnAll: true,
			filters: { client__phone__icontains: `60000000${i}` },
			requestOptions: { ...options, parallelRequests: 1 },
		}),
		stored: () => 0,
	});
}

// ---- Econtract -------------------------------------------------------------------------
const econtractModule = () => require('../../../sandbox/econtract');

function econtractCredentials(sim: Simulator): ICredentialDataDecryptedObject {
	return {
		baseUrl: sim.url,
		crmApiId: econtractModule().ECONTRACT_CRM_API_ID,
		crmApiKey: econtractModule().ECONTRACT_CRM_API_KEY,
	};
}

export function econtractOrderCreate(): Target {
	const sim = econtractModule().createEcontractSimulator();
	return defineTarget({
		node: new Econtract(),
		credentialName: 'econtractApi',
		credentialType: new EcontractApi(),
		name: 'Econtract order:create',
		crm: 'Econtract',
		idempotent: true,
		creates: true,
		sim,
		path: '/api/orders',
		marker: MARK,
		seed: () => undefined,
		credentials: () => econtractCredentials(sim),
		parameters: (i, options) => ({
			resource: 'order',
			operation: 'create',
			product_type: 'gas',
			...ORDER_FIELDS,
			...GAS,
			client: {
				gender: 1,
				segment: 1,
				first_name: MARK(i),
				last_name: 'Doe',
				email: `item${i}@server.com`,
				language: 'nl',
				cellphone: '0499656565',
			},
			address: {
				street: 'Street 02',
				nr: '10',
				postal_code: '3500',
				city: 'Hasselt',
				country: 'BE',
			},
			invoice_address: {},
			additionalFields: {},
			requestOptions: { ...options, parallelRequests: 1 },
		}),
		stored: () => (sim.state.orders as unknown[]).length,
	});
}

export function econtractClientGet(): Target {
	const sim = econtractModule().createEcontractSimulator();
	return defineTarget({
		node: new Econtract(),
		credentialName: 'econtractApi',
		credentialType: new EcontractApi(),
		name: 'Econtract client:get',
		crm: 'Econtract',
		idempotent: true,
		creates: false,
		sim,
		path: '/api/clients/',
		marker: (i) => `GET /api/clients/${101 + i}?`,
		seed: () => {
			const clients = sim.state.clients as IDataObject[];
			for (let i = 0; i < 3; i++)
				clients.push({
					id: 101 + i,
					first_name: `Client${i}`,
					last_name: 'Doe',
					email: `c${i}@server.com`,
				});
		},
		credentials: () => econtractCredentials(sim),
		parameters: (i, options) => ({
			resource: 'client',
			operation: 'get',
			id: 101 + i,
			requestOptions: { ...options, parallelRequests: 1 },
		}),
		stored: () => 0,
	});
}

// ---- CRM Data Platform -----------------------------------------------------------------
export function dataPlatformContactCreate(): Target {
	const module = require('../../../sandbox/dataPlatform');
	const sim: Simulator = module.createDataPlatformSimulator();
	return defineTarget({
		node: new DataPlatform(),
		credentialName: 'dataPlatformApi',
		credentialType: new DataPlatformApi(),
		name: 'Data Platform contact:create',
		crm: 'CRM Data Platform',
		idempotent: false,
		creates: true,
		sim,
		path: module.DATA_PLATFORM_LISTENER_PATH,
		marker: MARK,
		seed: () => undefined,
		credentials: () => dataPlatformCredential(sim.url).data,
		parameters: (i, options) => ({
			resource: 'contact',
			operation: 'create',
			name: MARK(i),
			additionalFields: {},
			permit: {},
			senderUser: '',
			// One item per POST, so a fault meets one item only.
			requestOptions: { ...options, batchSize: 1 },
		}),
		stored: () => (sim.state.contacts as unknown[]).length,
	});
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
