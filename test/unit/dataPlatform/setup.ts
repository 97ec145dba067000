// Shared set-up of the Data Platform unit tests: the listener simulator over real HTTP
// and a runner for the node with a dataPlatformApi credential pointing at it.
/* eslint-disable @typescript-eslint/no-require-imports */
import type { IDataObject } from 'n8n-workflow';
import { DataPlatformApi } from '../../../credentials/DataPlatformApi.credentials';
import { DataPlatform } from '../../../nodes/DataPlatform/DataPlatform.node';
import { runNode } from '../../helpers/context';
import type { RunOptions } from '../../helpers/context';
import type { LoggedRequest, Simulator } from '../../helpers/sims';

const simModule = require('../../../sandbox/dataPlatform');
export const LISTENER_PATH: string = simModule.DATA_PLATFORM_LISTENER_PATH;
export const LISTENER_SECRET: string = simModule.DATA_PLATFORM_LISTENER_SECRET;
export const SENDER = 'owner@dataplatform.test';

export function dataPlatformSimulator(): Simulator {
	return simModule.createDataPlatformSimulator();
}

export const node = new DataPlatform();

export function listenerUrl(sim: Simulator): string {
	return `${sim.url}${LISTENER_PATH}`;
}

export function run(
	sim: Simulator,
	parameters: RunOptions['parameters'],
	more: Partial<RunOptions> & { credential?: IDataObject } = {},
) {
	const { credential, ...rest } = more;
	return runNode(node, {
		parameters,
		credentials: {
			dataPlatformApi: { listenerUrl: listenerUrl(sim), senderUser: SENDER, ...(credential ?? {}) },
		},
		credentialTypes: { dataPlatformApi: new DataPlatformApi() },
		...rest,
	});
}

/** The POSTs the listener received (what the user's data looked like on the wire). */
export function posts(sim: Simulator): LoggedRequest[] {
	return sim.log.filter((r) => r.path === LISTENER_PATH);
}

/** The single action of the single POST. */
export function onlyAction(sim: Simulator): IDataObject {
	const sent = posts(sim);
	expect(sent).toHaveLength(1);
	expect(sent[0].method).toBe('POST');
	expect(sent[0].headers['content-type']).toMatch(/^application\/json/);
	const body = sent[0].body as { senderUser: string; data: IDataObject[] };
	expect(body.senderUser).toBe(SENDER);
	expect(body.data).toHaveLength(1);
	return body.data[0];
}
