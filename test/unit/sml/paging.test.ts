// Paging edge cases of every SML list (DRF count/next/results), through lead:getMany:
// no lead, one, exactly one page, one past a page, many pages, and Limit across pages.
import { Sml } from '../../../nodes/Sml/Sml.node';
import { setPageCap } from '../../../nodes/shared/paging';
import { runNode } from '../../helpers/context';
import {
	apiCalls,
	credentialsFor,
	credentialTypes,
	runSml,
	smlSimulator,
	useSmlSimulator,
} from './setup';
import type { SmlSim } from './setup';

describe('SML lists: DRF paging edge cases', () => {
	let running: SmlSim | undefined;
	const start = async (options: Record<string, unknown>): Promise<SmlSim> => {
		const sim = smlSimulator(options);
		await sim.start(0);
		return (running = sim);
	};
	afterEach(async () => {
		await running?.stop();
		running = undefined;
	});

	it.each([
		[0, 1],
		[1, 1],
		[100, 1],
		[101, 2],
		[1001, 11],
	])(
		'Return All over %i leads reads %i page(s), each lead once, in order',
		async (leads, pages) => {
			const sim = await start({ leads });
			const { output, error } = await runSml(sim, {
				resource: 'lead',
				operation: 'getMany',
				returnAll: true,
				filters: {},
			});
			expect(error).toBeUndefined();
			const ids = output.map((o) => o.json.id as number);
			expect(ids).toHaveLength(leads);
			expect(new Set(ids).size).toBe(leads);
			expect([...ids].sort((a, b) => a - b)).toEqual(ids);
			const calls = apiCalls(sim);
			expect(calls).toHaveLength(pages);
			expect(calls.map((r) => r.query.page ?? '1')).toEqual(
				Array.from({ length: pages }, (_, i) => String(i + 1)),
			);
			expect(sim.logins()).toHaveLength(1);
		},
	);

	it('Limit across pages stops at the limit and reads no page beyond it (server caps pages at 5)', async () => {
		const sim = await start({ leads: 23, maxPageSize: 5 });
		const { output } = await runSml(sim, {
			resource: 'lead',
			operation: 'getMany',
			returnAll: false,
			limit: 12,
		});
		expect(output).toHaveLength(12);
		expect(new Set(output.map((o) => o.json.id)).size).toBe(12);
		expect(apiCalls(sim)).toHaveLength(3);
	});
});

// Issue 15 item 8: a list that never ends is an error once the page cap is reached, never a
// success with what was read. The cap is 100,000 pages; the test lowers it to 5 (setPageCap).
describe('SML lists: the page cap', () => {
	/* eslint-disable @typescript-eslint/no-require-imports */
	const hostile = require('../../helpers/hostile');
	let server: { url: string; received: Array<{ url: string }>; close(): Promise<void> } | undefined;
	afterEach(async () => {
		setPageCap();
		await server?.close();
		server = undefined;
	});

	it('Return All on a list whose `next` never ends fails at the cap, saying how many were read and what SML announced', async () => {
		setPageCap(5);
		server = await hostile.endlessSmlServer({ announced: 250 });
		const { output, error } = await runNode(new Sml(), {
			parameters: { resource: 'lead', operation: 'getMany', returnAll: true, filters: {} },
			credentials: {
				smlApi: {
					domain: server!.url,
					username: 'u',
					password: 'p',
					authScheme: 'Token',
					token: '',
				},
			},
			credentialTypes,
		});
		expect(output).toEqual([]);
		expect(error?.message).toBe(
			'SML: GET /api/lead/: Return All stopped after 5 pages, the most this node reads, and the list had not ended: 500 items read, SML (count) announced 250 in total. Nothing was output, as the items would not be the whole list.',
		);
		expect(server!.received.filter((r) => r.url.startsWith('/api/lead/'))).toHaveLength(5);
	});

	it('a list that ends on the last page the cap allows is a success', async () => {
		setPageCap(2);
		const sim = smlSimulator({ leads: 200 });
		await sim.start(0);
		try {
			const { output, error } = await runSml(sim, {
				resource: 'lead',
				operation: 'getMany',
				returnAll: true,
				filters: {},
			});
			expect(error).toBeUndefined();
			expect(output).toHaveLength(200);
		} finally {
			await sim.stop();
		}
	});
});

describe('SML paging (nodes/shared/paging.ts through lists)', () => {
	const sim = useSmlSimulator();

	it('Return All follows next page by page to the end; Limit stops mid-way without reading further pages', async () => {
		// An SML whose max page size (DRF max_page_size) is 10: 23 leads take 3 pages.
		const big = smlSimulator({ leads: 23, maxPageSize: 10 }) as SmlSim;
		await big.start(0);
		const creds = { smlApi: credentialsFor(big) };
		try {
			const all = await runSml(
				big,
				{ resource: 'lead', operation: 'getMany', returnAll: true },
				{ credentials: creds },
			);
			expect(all.output.map((o) => o.json.id)).toEqual(
				Array.from({ length: 23 }, (_v, i) => 984 + i),
			);
			expect(apiCalls(big).map((r) => r.query)).toEqual([
				{ page_size: '100' },
				{ page_size: '100', page: '2' },
				{ page_size: '100', page: '3' },
			]);
			big.log.length = 0;
			const limited = await runSml(
				big,
				{ resource: 'lead', operation: 'getMany', returnAll: false, limit: 15 },
				{ credentials: creds },
			);
			expect(limited.output).toHaveLength(15);
			expect(apiCalls(big).map((r) => r.query.page ?? '1')).toEqual(['1', '2']);
			big.log.length = 0;
			const exact = await runSml(
				big,
				{ resource: 'lead', operation: 'getMany', returnAll: false, limit: 10 },
				{ credentials: creds },
			);
			expect(exact.output).toHaveLength(10);
			expect(apiCalls(big)).toHaveLength(1);
		} finally {
			await big.stop();
		}
	});

	it('an empty list gives no items and one request', async () => {
		const { output } = await runSml(sim, {
			resource: 'lead',
			operation: 'getMany',
			returnAll: true,
		});
		expect(output).toHaveLength(0);
		expect(apiCalls(sim)).toHaveLength(1);
	});
});
