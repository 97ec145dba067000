// Starts simulators for a test file on free ports and gives typed access to them.
/* eslint-disable @typescript-eslint/no-require-imports */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import type { SimulatorState } from '../../sandbox/framework';

/**
 * A record in a simulator's state (a lead, an order, a token...), or the state itself. The
 * simulators are JavaScript (sandbox/): this is sandbox/framework.js's SimulatorState, an open record.
 */
export type SimRecord = SimulatorState;

export interface LoggedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	rawBody: string;
	body: Record<string, unknown>;
	status: number | null;
	fault: string | null;
	/** The CRM's handler ran (the request was processed), whatever answer the client got. */
	handled: boolean;
	/** The handler's own status (2xx: the CRM processed the request), before any `processed` fault replaced the answer. */
	handlerStatus: number | null;
	/** The answer the handler gave (before any fault replaced it). */
	response?: unknown;
	at: number;
}

export interface Simulator {
	url: string;
	log: LoggedRequest[];
	state: SimulatorState;
	start(port?: number): Promise<Simulator>;
	stop(): Promise<void>;
	reset(): void;
	addFault(fault: Record<string, unknown>): void;
	/** Called with each logged request before the simulator answers it (sandbox/framework.js). */
	hooks: Array<(entry: LoggedRequest) => void | Promise<void>>;
}

export function pilotSimulator(): Simulator {
	const { createPilotSimulator } = require('../../sandbox/pilot');
	return createPilotSimulator();
}

export const PILOT_APP_KEY: string = require('../../sandbox/pilot').PILOT_APP_KEY;

/** A credential that points at a running simulator: its n8n type and the fields' values. */
export interface SimulatorCredential {
	type: string;
	data: ICredentialDataDecryptedObject;
}

// Each simulator's own credential (sandbox/<crm>.js, the registry in sandbox/start.js).
export const pilotCredential: (url: string) => SimulatorCredential =
	require('../../sandbox/pilot').pilotCredential;
export const econtractCredential: (url: string) => SimulatorCredential =
	require('../../sandbox/econtract').econtractCredential;
export const publitracCredential: (url: string) => SimulatorCredential =
	require('../../sandbox/publitrac').publitracCredential;
export const smlCredential: (url: string) => SimulatorCredential =
	require('../../sandbox/sml').smlCredential;
export const dataPlatformCredential: (url: string) => SimulatorCredential =
	require('../../sandbox/dataPlatform').dataPlatformCredential;
