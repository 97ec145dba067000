import type { IDataObject, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';
import { Sml } from '../../../nodes/Sml/Sml.node';
import { SmlTrigger } from '../../../nodes/Sml/SmlTrigger.node';
import { createTriggerContext } from '../../helpers/context';
import { apiCalls, credentialTypes, credentialsFor, runSml, smlSimulator } from './setup';
import type { SmlSim } from './setup';
import type { SimRecord } from '../../helpers/sims';

let sim: SmlSim;
beforeAll(async () => {
	sim = smlSimulator();
	await sim.start(0);
});
afterAll(async () => sim.stop());
beforeEach(() => sim.reset());

const newLead = async (brand = 'Seat') => {
	const { output, error } = await runSml(sim, {
		resource: 'lead',
		operation: 'create',
		source: 1,
		vehicle: { brand_model: brand },
		additionalFields: {},
	});
	if (error) throw error;
	return output[0].json as SimRecord;
};

describe('SML task:create', () => {
	it('posts the task with its lead and ISO dates to /api/lead_task_create/ (201)', async () => {
		const lead = await newLead();
		const { output, error } = await runSml(sim, {
			resource: 'task',
			operation: 'create',
			lead: lead.id,
			additionalFields: {
				type: 'budget',
				media: 'SMS',
				planified_tracking_date: '2024-06-01T10:00:00.000Z',
				note: { values: [{ content: 'Llamar' }] },
			},
		});
		expect(error).toBeUndefined();
		const call = apiCalls(sim).pop()!;
		expect([call.method, call.path]).toEqual(['POST', '/api/lead_task_create/']);
		expect(call.body).toEqual({
			lead: lead.id,
			type: 'budget',
			media: 'SMS',
			planified_tracking_date: '2024-06-01T10:00:00.000Z',
			note: [{ content: 'Llamar' }],
		});
		expect(output[0].json).toMatchObject({ lead: lead.id, type: 'budget', media: 'SMS' });
	});
});

describe('SML task:update', () => {
	it('patches /api/task/{id}/ keeping the appraisal id to update it in place', async () => {
		const lead = await newLead();
		const created = await runSml(sim, {
			resource: 'task',
			operation: 'create',
			lead: lead.id,
			additionalFields: { type: 'appraisal', appraisal: { brand_model: 'A' } },
		});
		const task = created.output[0].json as SimRecord;
		const { output, error } = await runSml(sim, {
			resource: 'task',
			operation: 'update',
			id_tarea: task.id,
			updateFields: { appraisal: { id: task.appraisal.id, brand_model: 'new name' } },
		});
		expect(error).toBeUndefined();
		const call = apiCalls(sim).pop()!;
		expect([call.method, call.path, call.body]).toEqual([
			'PATCH',
			`/api/task/${task.id}/`,
			{ appraisal: { id: task.appraisal.id, brand_model: 'new name' } },
		]);
		expect((output[0].json as SimRecord).appraisal).toMatchObject({
			id: task.appraisal.id,
			brand_model: 'new name',
		});
		expect(output[0].json).not.toHaveProperty('lead');
	});

	it('says which task was not found', async () => {
		const { error } = await runSml(sim, {
			resource: 'task',
			operation: 'update',
			id_tarea: 9999,
			updateFields: { subtype: 'x' },
		});
		expect(error?.message).toBe('SML: task 9999 was not found (HTTP 404): No encontrado.');
	});
});

describe('SML task:delete', () => {
	it('deletes /api/task/{id}/ (204) and outputs what was deleted', async () => {
		const lead = await newLead();
		const task = (
			await runSml(sim, {
				resource: 'task',
				operation: 'create',
				lead: lead.id,
				additionalFields: {},
			})
		).output[0].json as SimRecord;
		const { output } = await runSml(sim, {
			resource: 'task',
			operation: 'delete',
			id_tarea: task.id,
		});
		const call = apiCalls(sim).pop()!;
		expect([call.method, call.path, call.status]).toEqual(['DELETE', `/api/task/${task.id}/`, 204]);
		expect(output[0].json).toEqual({ deleted: true, id: task.id });
	});
});

describe('SML catalogue getMany operations', () => {
	it.each([
		['concessionaire', {}, '/api/concessionaire/', {}, 2],
		['source', { filters: { search: 'coches' } }, '/api/source/', { search: 'coches' }, 1],
		['gasType', { path: '/api/gas_type/' }, '/api/gas_type/', {}, 3],
		['province', { country: 28 }, '/api/provinces/', { country: '28' }, 2],
		['locality', { province: 638 }, '/api/localities/', { province: '638' }, 2],
		[
			'user',
			{ filters: { is_active: 'true', online: '', userconcession__concessionaire__id: 1 } },
			'/api/user/',
			{ is_active: 'true', userconcession__concessionaire__id: '1' },
			2,
		],
		[
			'client',
			{ filters: { name__icontains: 'nobody' } },
			'/api/clients/',
			{ name__icontains: 'nobody' },
			0,
		],
	])(
		'%s:getMany sends the documented query and outputs one item per result',
		async (resource, params, path, query, count) => {
			const { output, error } = await runSml(sim, {
				resource,
				operation: 'getMany',
				returnAll: true,
				...params,
			});
			expect(error).toBeUndefined();
			const call = apiCalls(sim)[0];
			expect([call.method, call.path]).toEqual(['GET', path]);
			expect(call.query).toEqual({ ...query, page_size: '100' });
			expect(output).toHaveLength(count);
		},
	);

	it('gasType:getMany takes the path printed in the doc (qas_type) when set', async () => {
		await runSml(sim, {
			resource: 'gasType',
			operation: 'getMany',
			returnAll: true,
			path: 'api/qas_type',
		});
		expect(apiCalls(sim)[0].path).toBe('/api/qas_type/');
	});
});

describe('SML paging (nodes/shared/paging.ts through lists)', () => {
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

describe('SML dropdowns (loadOptions over HTTP)', () => {
	const load = (method: keyof Sml['methods']['loadOptions'], parameters: IDataObject = {}) => {
		const ctx = createTriggerContext({
			parameters,
			credentials: { smlApi: credentialsFor(sim) },
			credentialTypes,
		});
		return new Sml().methods.loadOptions[method].call(ctx as unknown as ILoadOptionsFunctions);
	};

	it('lists sources, gas types, users and concessionaires by name', async () => {
		expect(await load('getSources')).toEqual([
			{ name: 'coches.net - Teléfono - 666666666', value: 1 },
			{ name: 'web - Email - leads@yamovil.com', value: 2 },
		]);
		expect((await load('getGasTypes')).map((o) => o.value)).toEqual([2, 3, 1]);
		expect((await load('getUsers'))[0]).toEqual({
			name: 'Adam Mora Tortajada (api.user@concesionario.es)',
			value: 2,
		});
		expect(await load('getConcessionaires')).toEqual([
			{ name: 'Concesionario de Prueba', value: 1 },
			{ name: 'Concesionario Norte', value: 2 },
		]);
	});

	it('lists provinces of Spain (country 28) by default and the localities of the chosen province', async () => {
		expect(await load('getProvinces')).toEqual([
			{ name: 'Barcelona', value: 639 },
			{ name: 'Madrid', value: 638 },
		]);
		expect(sim.log.find((r) => r.path === '/api/provinces/')!.query.country).toBe('28');
		expect(
			await load('getLocalities', { additionalFields: { client: { province: 639 } } }),
		).toEqual([{ name: 'Sabadell', value: 60001 }]);
	});
});

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
		await newLead('Old');
		const state: IDataObject = {};
		expect(await poll(state)).toBeNull();
		// The shared poll state (nodes/shared/pollState.ts): the baseline's newest id is the watermark.
		expect(state.watermark).toBe(984);
		await newLead('Nuevo 1');
		await newLead('Nuevo 2');
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
		const lead = await newLead();
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
		await newLead('A');
		await newLead('B');
		const state: IDataObject = {};
		const out = await poll(state, {}, 'manual');
		expect(out![0]).toHaveLength(1);
		expect((out![0][0].json.vehicle as IDataObject).brand_model).toBe('B');
		expect(state).toEqual({});
	});

	it('takes over the state the trigger saved before the shared poll state (lastId, seen, statuses)', async () => {
		const a = await newLead('A');
		const b = await newLead('B');
		const state: IDataObject = {
			lastId: b.id,
			seen: [a.id, b.id],
			statuses: { [a.id]: 'new', [b.id]: 'tracing' },
		};
		const c = await newLead('C');
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
				await newLead('Old 1');
				await newLead('Old 2');
				const state: IDataObject = {};
				await pollLogged(state);
				corrupt(state);
				await newLead('Before');
				warnings.length = 0;
				expect(await pollLogged(state)).toBeNull();
				expect(warnings).toHaveLength(1);
				expect(warnings[0]).toMatch(/^SML Trigger: the saved poll state cannot be used \(/);
				expect(warnings[0]).toMatch(reason);
				const added = await newLead('After');
				const out = await pollLogged(state);
				expect(out![0].map((i) => i.json.id)).toEqual([added.id]);
				expect(await pollLogged(state)).toBeNull();
				expect(warnings).toHaveLength(1);
			});
		}
	});

	it('keeps bounded state', async () => {
		const state: IDataObject = {};
		await newLead();
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
