// Shared set-up of the Econtract unit tests: the simulator on a free port and a node runner.
/* eslint-disable @typescript-eslint/no-require-imports */
import { EcontractApi } from '../../../credentials/EcontractApi.credentials';
import { Econtract } from '../../../nodes/Econtract/Econtract.node';
import { resetRateLimiters } from '../../../nodes/shared/rateLimiter';
import { runNode } from '../../helpers/context';
import type { RunOptions } from '../../helpers/context';
import { econtractCredential } from '../../helpers/sims';
import type { Simulator } from '../../helpers/sims';

const sandbox = require('../../../sandbox/econtract');
export const CRM_API_ID: string = sandbox.ECONTRACT_CRM_API_ID;
export const CRM_API_KEY: string = sandbox.ECONTRACT_CRM_API_KEY;

export function econtractSimulator(): Simulator {
	return sandbox.createEcontractSimulator();
}

/** Starts a simulator for the file; returns a getter (the sim exists only after beforeAll). */
export function useSimulator(): () => Simulator {
	let sim: Simulator;
	beforeAll(async () => {
		sim = await econtractSimulator().start(0);
	});
	afterAll(async () => sim.stop());
	beforeEach(() => {
		sim.reset();
		resetRateLimiters();
	});
	return () => sim;
}

export const node = new Econtract();

export const run = (
	sim: Simulator,
	parameters: RunOptions['parameters'],
	more: Partial<RunOptions> = {},
	key = CRM_API_KEY,
) =>
	runNode(node, {
		parameters,
		credentials: { econtractApi: { ...econtractCredential(sim.url).data, crmApiKey: key } },
		credentialTypes: { econtractApi: new EcontractApi() },
		...more,
	});

export const noRetry = { maxRetries: 0, timeout: 5 };

export const client = {
	gender: 1,
	segment: 1,
	first_name: 'John',
	last_name: 'Doe',
	email: 'john.doe@server.com',
	language: 'nl',
	cellphone: '0499656565',
	landline: '',
};

export const address = {
	street: 'Street 02',
	nr: '10',
	postal_code: '3500',
	city: 'Hasselt',
	country: 'BE',
};

/** The doc's example order ("Create order"): the fields every order carries, and its gas contract. */
export const ORDER_FIELDS = {
	comparison_id: 45688954,
	affiliate_id: 50,
	sales_channel_id: 1,
	ip_address: '192.168.1.1',
	supplier_id: 5,
	product_id: 12,
	payment_method: 1,
};
export const GAS = {
	ean: '541448820099999999',
	mru_nr: '654321',
	situation: 3,
	donor: '8',
	donor_client_nr: '112233',
};

/** An order:create run over the doc's example order, for this product type and its contract. */
export const order = (
	product_type: string,
	contract: Record<string, unknown>,
	more: Record<string, unknown> = {},
) => ({
	resource: 'order',
	operation: 'create',
	product_type,
	...ORDER_FIELDS,
	...contract,
	// The client's and the supply address's required fields are top-level parameters; the rest in their collections.
	...client,
	client: { birthdate: '1956-12-25' },
	...address,
	address: {},
	invoice_address: {},
	additionalFields: {},
	requestOptions: noRetry,
	...more,
});
