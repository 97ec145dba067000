// Paging edge cases of every SML list (DRF count/next/results), through lead:getMany:
// no lead, one, exactly one page, one past a page, many pages, and Limit across pages.
import { apiCalls, runSml, smlSimulator } from './setup';
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
	])('Return All over %i leads reads %i page(s), each lead once, in order', async (leads, pages) => {
		const sim = await start({ leads });
		const { output, error } = await runSml(sim, { resource: 'lead', operation: 'getMany', returnAll: true, filters: {} });
		expect(error).toBeUndefined();
		const ids = output.map((o) => o.json.id as number);
		expect(ids).toHaveLength(leads);
		expect(new Set(ids).size).toBe(leads);
		expect([...ids].sort((a, b) => a - b)).toEqual(ids);
		const calls = apiCalls(sim);
		expect(calls).toHaveLength(pages);
		expect(calls.map((r) => r.query.page ?? '1')).toEqual(Array.from({ length: pages }, (_, i) => String(i + 1)));
		expect(sim.logins()).toHaveLength(1);
	});

	it('Limit across pages stops at the limit and reads no page beyond it (server caps pages at 5)', async () => {
		const sim = await start({ leads: 23, maxPageSize: 5 });
		const { output } = await runSml(sim, { resource: 'lead', operation: 'getMany', returnAll: false, limit: 12 });
		expect(output).toHaveLength(12);
		expect(new Set(output.map((o) => o.json.id)).size).toBe(12);
		expect(apiCalls(sim)).toHaveLength(3);
	});
});
