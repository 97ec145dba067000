import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { SmlTrigger } from '../../../nodes/Sml/SmlTrigger.node';
import { createTriggerContext } from '../../helpers/context';
import {
	apiCalls,
	credentialsFor,
	credentialTypes,
	newLead,
	runSml,
	useSmlSimulator,
} from './setup';

const sim = useSmlSimulator();
describe('smlTrigger (polling)', () => {
	const poll = (
		staticData: IDataObject,
		parameters: IDataObject = {},
		mode: 'trigger' | 'manual' = 'trigger',
	) => {
		const ctx = createTriggerContext({
			parameters: { filters: {}, emitStatusChanges: false, ...parameters },
			credentials: { smlApi: credentialsFor(sim) },
			credentialTypes,
			staticData,
			mode,
			pollBudgetMs: 10_000,
		});
		return new SmlTrigger().poll.call(ctx as unknown as IPollFunctions);
	};

	it('"Trigger On" keeps the stored boolean of emitStatusChanges (false: new leads, true: also status changes)', () => {
		const param = new SmlTrigger().description.properties.find(
			(p) => p.name === 'emitStatusChanges',
		)!;
		expect(param.displayName).toBe('Trigger On');
		expect(param.default).toBe(false);
		expect((param.options as Array<{ value: unknown }>).map((o) => o.value)).toEqual([false, true]);
	});

	it('first poll sets a baseline; later polls emit only new leads, once', async () => {
		await newLead(sim, 'Old');
		const state: IDataObject = {};
		expect(await poll(state)).toBeNull();
		// The shared poll state (nodes/shared/pollState.ts): the baseline's newest id is the watermark.
		expect(state.watermark).toBe(984);
		await newLead(sim, 'Nuevo 1');
		await newLead(sim, 'Nuevo 2');
		const out = await poll(state);
		expect(out![0].map((i) => [i.json.event, (i.json.vehicle as IDataObject).brand_model])).toEqual(
			[
				['newLead', 'Nuevo 1'],
				['newLead', 'Nuevo 2'],
			],
		);
		expect(await poll(state)).toBeNull();
	});

	it('sends the status and concessionaire filters', async () => {
		await poll({}, { filters: { status: 'tracing', concessionaire__in: [1, 2] } });
		expect(apiCalls(sim)[0].query).toEqual({
			status: 'tracing',
			concessionaire__in: '1,2',
			page_size: '100',
		});
	});

	it('optionally emits status changes with the previous status', async () => {
		const lead = await newLead(sim);
		const state: IDataObject = {};
		await poll(state, { emitStatusChanges: true });
		await runSml(sim, {
			resource: 'lead',
			operation: 'changeStatus',
			id_lead: lead.id,
			status: 'tracing',
		});
		const out = await poll(state, { emitStatusChanges: true });
		expect(out![0].map((i) => [i.json.event, i.json.previousStatus, i.json.status])).toEqual([
			['statusChanged', 'new', 'tracing'],
		]);
	});

	it('"fetch test event" returns the newest lead as a sample and leaves the state alone', async () => {
		await newLead(sim, 'A');
		await newLead(sim, 'B');
		const state: IDataObject = {};
		const out = await poll(state, {}, 'manual');
		expect(out![0]).toHaveLength(1);
		expect((out![0][0].json.vehicle as IDataObject).brand_model).toBe('B');
		expect(state).toEqual({});
	});

	it('takes over the state the trigger saved before the shared poll state (lastId, seen, statuses)', async () => {
		const a = await newLead(sim, 'A');
		const b = await newLead(sim, 'B');
		const state: IDataObject = {
			lastId: b.id,
			seen: [a.id, b.id],
			statuses: { [a.id]: 'new', [b.id]: 'tracing' },
		};
		const c = await newLead(sim, 'C');
		const out = await poll(state, { emitStatusChanges: true });
		expect(out![0].map((i) => [i.json.event, i.json.id, i.json.previousStatus])).toEqual([
			['statusChanged', b.id, 'tracing'],
			['newLead', c.id, undefined],
		]);
		expect(state).toMatchObject({
			watermark: b.id,
			seen: [`${c.id}@${c.id}`],
			statuses: { [a.id]: 'new', [b.id]: 'new', [c.id]: 'new' },
		});
		expect(state.lastId).toBeUndefined();
		expect(await poll(state, { emitStatusChanges: true })).toBeNull();
	});

	describe('a saved state it cannot use (issue 15 item 11): logs why, takes a new baseline (emits nothing), then emits each new lead once', () => {
		const warnings: string[] = [];
		const logger = {
			debug: () => {},
			info: () => {},
			warn: (m: string) => warnings.push(m),
			error: () => {},
		};
		const pollLogged = (staticData: IDataObject) =>
			new SmlTrigger().poll.call(
				createTriggerContext({
					parameters: { filters: {}, emitStatusChanges: false },
					credentials: { smlApi: credentialsFor(sim) },
					credentialTypes,
					staticData,
					pollBudgetMs: 10_000,
					logger,
				}) as unknown as IPollFunctions,
			);
		const cases: Array<[string, (state: IDataObject) => void, RegExp]> = [
			[
				'the watermark as ISO text',
				(s) => (s.watermark = '2026-01-05T09:00:00.000Z'),
				/the watermark is a text of another form, not a whole number of 0 or more/,
			],
			[
				'the watermark as an object',
				(s) => (s.watermark = { id: 984 }),
				/the watermark is an object/,
			],
			[
				'the watermark as the number 1e12 (above every lead ID read)',
				(s) => (s.watermark = 1e12),
				/the watermark 1000000000000 is above every lead ID the trigger has read \(the highest is \d+\)/,
			],
			[
				'the watermark as garbage text',
				(s) => (s.watermark = 'zzz'),
				/the watermark is a text of another form/,
			],
			[
				'the watermark as a fraction',
				(s) => (s.watermark = 984.5),
				/the watermark is the number 984.5, not a whole number/,
			],
			[
				'statuses not an object',
				(s) => (s.statuses = 'new'),
				/statuses is not an object of lead IDs/,
			],
			[
				'seen holding garbage',
				(s) => (s.seen = ['x@y']),
				/the position of an entry of seen is the number NaN/,
			],
		];
		for (const [name, corrupt, reason] of cases) {
			it(name, async () => {
				await newLead(sim, 'Old 1');
				await newLead(sim, 'Old 2');
				const state: IDataObject = {};
				await pollLogged(state);
				corrupt(state);
				await newLead(sim, 'Before');
				warnings.length = 0;
				expect(await pollLogged(state)).toBeNull();
				expect(warnings).toHaveLength(1);
				expect(warnings[0]).toMatch(/^SML Trigger: the saved poll state cannot be used \(/);
				expect(warnings[0]).toMatch(reason);
				const added = await newLead(sim, 'After');
				const out = await pollLogged(state);
				expect(out![0].map((i) => i.json.id)).toEqual([added.id]);
				expect(await pollLogged(state)).toBeNull();
				expect(warnings).toHaveLength(1);
			});
		}
	});

	it('keeps bounded state', async () => {
		const state: IDataObject = {};
		await newLead(sim);
		await poll(state);
		expect(Object.keys(state).sort()).toEqual([
			'config',
			'overflow',
			'seen',
			'statuses',
			'watermark',
		]);
		expect((state.seen as string[]).length).toBeLessThanOrEqual(2000);
		expect(Object.keys(state.statuses as object).length).toBeLessThanOrEqual(2000);
	});
});
