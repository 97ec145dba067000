// Shared set-up of the SML unit tests: the simulator (sandbox/sml.js, written from the
// doc) on a free port, and a runner of the SML node with the smlApi credential.
/* eslint-disable @typescript-eslint/no-require-imports */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { SmlApi } from '../../../credentials/SmlApi.credentials';
import { Sml } from '../../../nodes/Sml/Sml.node';
import { runNode } from '../../helpers/context';
import type { RunOptions } from '../../helpers/context';
import { smlCredential } from '../../helpers/sims';
import type { SimRecord, Simulator } from '../../helpers/sims';

const simModule = require('../../../sandbox/sml');
export const SML_USERNAME: string = simModule.SML_USERNAME;
export const SML_PASSWORD: string = simModule.SML_PASSWORD;

export type SmlSim = Simulator & {
	expireTokens(): void;
	expireTokensAfter(calls: number): void;
	logins(): Simulator['log'];
};

export function smlSimulator(options: Record<string, unknown> = {}): SmlSim {
	return simModule.createSmlSimulator(options);
}

/** An SML simulator for the tests of one file: started before them, emptied before each, stopped after. */
export function useSmlSimulator(options: Record<string, unknown> = {}): SmlSim {
	const sim = smlSimulator(options);
	beforeAll(async () => {
		await sim.start(0);
	});
	afterAll(async () => sim.stop());
	beforeEach(() => sim.reset());
	return sim;
}

export const credentialTypes = { smlApi: new SmlApi() };

export function credentialsFor(
	sim: SmlSim,
	extra: Partial<ICredentialDataDecryptedObject> = {},
): ICredentialDataDecryptedObject {
	return { ...smlCredential(sim.url).data, ...extra } as ICredentialDataDecryptedObject;
}

export function runSml(
	sim: SmlSim,
	parameters: RunOptions['parameters'],
	more: Partial<RunOptions> & { credentials?: Record<string, ICredentialDataDecryptedObject> } = {},
) {
	return runNode(new Sml(), {
		parameters,
		credentials: { smlApi: credentialsFor(sim) },
		credentialTypes,
		...more,
	});
}

/** The API calls of the log (the login is the credential's). */
export const apiCalls = (sim: SmlSim) => sim.log.filter((r) => r.path !== '/api/auth/login/');

/** A lead created through the node (Lead: Create), as SML answered it: what task and trigger tests start from. */
export async function newLead(sim: SmlSim, brand = 'Seat'): Promise<SimRecord> {
	const { output, error } = await runSml(sim, {
		resource: 'lead',
		operation: 'create',
		source: 1,
		vehicle: { brand_model: brand },
		additionalFields: {},
	});
	if (error) throw error;
	return output[0].json as SimRecord;
}
