// Shared set-up of the PUBLITRAC unit tests: the simulator from sandbox/publitrac.js, the node
// run over real HTTP (test/helpers/context.ts), and readers for what the simulator received.
/* eslint-disable @typescript-eslint/no-require-imports */
import { XMLParser } from 'fast-xml-parser';
import { PublitracApi } from '../../../credentials/PublitracApi.credentials';
import { Publitrac } from '../../../nodes/Publitrac/Publitrac.node';
import { resetRateLimiters } from '../../../nodes/shared/rateLimiter';
import { runNode } from '../../helpers/context';
import type { RunOptions } from '../../helpers/context';
import type { LoggedRequest, Simulator, SimRecord } from '../../helpers/sims';

export interface PublitracSim extends Simulator {
	seedLeads(n: number, where?: { view?: string; list?: string }): Array<SimRecord>;
}

export const CREDS: { apiKey: string; username: string; password: string; accountToken: string } =
	require('../../../sandbox/publitrac').PUBLITRAC_CREDENTIALS;

export function publitracSimulator(): PublitracSim {
	return require('../../../sandbox/publitrac').createPublitracSimulator();
}

export const node = new Publitrac();

export function credentialsFor(sim: Simulator, extra: Record<string, string> = {}) {
	return { publitracApi: { ...CREDS, baseUrl: `${sim.url}/api`, ...extra } };
}

export const run = (
	sim: Simulator,
	parameters: RunOptions['parameters'],
	more: Partial<RunOptions> = {},
) =>
	runNode(node, {
		parameters,
		credentials: credentialsFor(sim),
		credentialTypes: { publitracApi: new PublitracApi() },
		...more,
	});

/** The XML `query` the simulator received (form body of a POST, query string of a GET), parsed. */
export function sentQuery(entry: LoggedRequest): SimRecord {
	const text =
		entry.method === 'GET' ? entry.query.query : (entry.body as Record<string, string>).query;
	return new XMLParser({ parseTagValue: false, trimValues: true, ignoreDeclaration: true }).parse(
		text,
	);
}

/** The raw XML text of the `query` the simulator received. */
export function sentXml(entry: LoggedRequest): string {
	return entry.method === 'GET' ? entry.query.query : (entry.body as Record<string, string>).query;
}

/** Calls to the API itself, in order. */
export const apiCalls = (sim: Simulator) =>
	sim.log.filter((r) => r.path === '/api' || r.path === '/api/');

export function expectAuth(entry: LoggedRequest, method: string) {
	expect(entry.path).toBe('/api');
	expect(entry.query).toMatchObject({
		method,
		apikey: CREDS.apiKey,
		apiKey: CREDS.apiKey,
		username: CREDS.username,
		password: CREDS.password,
	});
}

export async function startSim(): Promise<PublitracSim> {
	const sim = publitracSimulator();
	await sim.start(0);
	return sim;
}

/**
 * The simulator of a file of write-method tests: started once, and before each test the
 * simulator and the rate limiters as new, with three leads seeded whose emails `emails` holds.
 */
export function usePublitracWithLeads(): { sim: PublitracSim; emails: string[] } {
	const sim = publitracSimulator();
	const emails: string[] = [];
	beforeAll(async () => {
		await sim.start(0);
	});
	afterAll(async () => sim.stop());
	beforeEach(() => {
		sim.reset();
		resetRateLimiters();
		emails.splice(0, emails.length, ...sim.seedLeads(3).map((l) => l.email));
	});
	return { sim, emails };
}
