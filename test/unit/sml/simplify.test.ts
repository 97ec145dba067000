// "Simplify" on the SML node and trigger, over real HTTP to the simulator: a lead's nested
// client (doc "Consultar Lead") and the clients of "Buscar clientes" in the common lead shape
// (at most ten fields, no copy of the record), and the output without Simplify exactly as before.
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { SmlTrigger } from '../../../nodes/Sml/SmlTrigger.node';
import { createTriggerContext } from '../../helpers/context';
import { apiCalls, credentialsFor, credentialTypes, runSml, useSmlSimulator } from './setup';

const sim = useSmlSimulator();

// doc "Lead promedio": a client with province (Madrid) and locality (Alcalá de Henares).
const CLIENT = {
	name: ' Cliente de Ejemplo ',
	phone: '666777888',
	email: 'user@example.com',
	province: 638,
	location: 58323,
};

const createLead = async (client: IDataObject = CLIENT, more: IDataObject = {}) => {
	const { output, error } = await runSml(sim, {
		resource: 'lead',
		operation: 'create',
		source: 1,
		vehicle: { brand_model: 'Seat León' },
		additionalFields: { client },
		...more,
	});
	if (error) throw error;
	return output;
};

/** The common lead of a lead created with CLIENT from source 1 (coches.net, Teléfono). */
const expected = (id: unknown) => ({
	id: String(id),
	firstName: '',
	lastName: 'Cliente de Ejemplo',
	email: 'user@example.com',
	phone: '666777888',
	mobile: '',
	company: '',
	postalCode: '',
	city: 'Alcalá de Henares',
	country: '',
});

describe('SML lead:get with Simplify', () => {
	it('outputs the lead client in the common shape, paired; off, the output is unchanged', async () => {
		const [created] = await createLead();
		const id = created.json.id as number;
		const params = { resource: 'lead', operation: 'get', id_lead: id };
		const before = await runSml(sim, params);
		const off = await runSml(sim, { ...params, simplify: false });
		const on = await runSml(sim, { ...params, simplify: true });
		expect([before.error, off.error, on.error]).toEqual([undefined, undefined, undefined]);

		expect(off.output).toEqual(before.output);
		expect(off.output[0].json).toEqual(created.json);
		expect(off.output[0].json).toMatchObject({
			id,
			client: {
				name: ' Cliente de Ejemplo ',
				province_data: { name: 'Madrid' },
				location_data: { name: 'Alcalá de Henares' },
			},
		});
		expect(on.output).toEqual([{ json: expected(id), pairedItem: { item: 0 } }]);
		expect(
			apiCalls(sim)
				.slice(-3)
				.map((c) => `${c.method} ${c.path}`),
		).toEqual(Array(3).fill(`GET /api/lead/${id}/`));
	});
});

describe('SML lead:create and lead:changeStatus with Simplify (answers "identical to Consultar Lead")', () => {
	it('outputs the created lead in the common shape; a lead without client keeps only its id', async () => {
		const output = await createLead(CLIENT, { simplify: true });
		const id = output[0].json.id;
		const read = await runSml(sim, { resource: 'lead', operation: 'get', id_lead: id });
		expect(read.output[0].json.id).toBe(Number(id));
		expect(output).toEqual([{ json: expected(id), pairedItem: { item: 0 } }]);

		const bare = await runSml(sim, {
			resource: 'lead',
			operation: 'create',
			source: 2,
			vehicle: { brand_model: 'Kia' },
			additionalFields: {},
			simplify: true,
		});
		expect(bare.error).toBeUndefined();
		expect(bare.output[0].json).toEqual({
			...expected(Number(id) + 1),
			lastName: '',
			email: '',
			phone: '',
			city: '',
		});
		const bareLead = await runSml(sim, {
			resource: 'lead',
			operation: 'get',
			id_lead: Number(id) + 1,
		});
		expect(bareLead.output[0].json.client).toBeNull();
	});

	it('simplifies the lead answered by a status change', async () => {
		const [created] = await createLead();
		const id = created.json.id;
		const on = await runSml(sim, {
			resource: 'lead',
			operation: 'changeStatus',
			id_lead: id,
			status: 'tracing',
			simplify: true,
		});
		expect(on.error).toBeUndefined();
		const read = await runSml(sim, { resource: 'lead', operation: 'get', id_lead: id });
		expect(read.output[0].json.status).toBe('tracing');
		expect(on.output).toEqual([{ json: expected(id), pairedItem: { item: 0 } }]);
	});
});

describe('SML lead:getMany and client:getMany with Simplify', () => {
	it('simplifies every lead of every page; each item stays paired with its input item', async () => {
		for (let n = 0; n < 12; n++)
			await createLead({ ...CLIENT, name: `Cliente ${n}`, email: `c${n}@example.com` });
		const params = (simplify: boolean) => ({
			resource: 'lead',
			operation: 'getMany',
			returnAll: true,
			filters: {},
			simplify,
		});
		const off = await runSml(sim, params(false), { items: [{}, {}] });
		const on = await runSml(sim, params(true), { items: [{}, {}] });
		expect(off.output).toHaveLength(24);
		expect(on.output).toEqual(
			off.output.map((o, n) => ({
				json: {
					...expected(o.json.id),
					lastName: `Cliente ${n % 12}`,
					email: `c${n % 12}@example.com`,
				},
				pairedItem: { item: n < 12 ? 0 : 1 },
			})),
		);
	});

	it('simplifies the clients of "Buscar clientes" (id: the client id)', async () => {
		await createLead();
		await createLead({ name: 'Ana Ruiz', email: 'ana@example.com' });
		const off = await runSml(sim, {
			resource: 'client',
			operation: 'getMany',
			returnAll: true,
			filters: {},
		});
		const on = await runSml(sim, {
			resource: 'client',
			operation: 'getMany',
			returnAll: true,
			filters: {},
			simplify: true,
		});
		expect(off.output.map((o) => o.json.name)).toEqual([' Cliente de Ejemplo ', 'Ana Ruiz']);
		expect(on.output).toEqual([
			{ json: expected(off.output[0].json.id), pairedItem: { item: 0 } },
			{
				json: {
					...expected(off.output[1].json.id),
					lastName: 'Ana Ruiz',
					email: 'ana@example.com',
					phone: '',
					city: '',
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(off.output[0].json.id).not.toBe(off.output[1].json.id);
	});
});

describe('smlTrigger with Simplify', () => {
	const poll = (staticData: IDataObject, simplify: boolean, emitStatusChanges = false) => {
		const ctx = createTriggerContext({
			parameters: { filters: {}, emitStatusChanges, simplify },
			credentials: { smlApi: credentialsFor(sim) },
			credentialTypes,
			staticData,
			pollBudgetMs: 10_000,
		});
		return new SmlTrigger().poll.call(ctx as unknown as IPollFunctions);
	};

	it('emits new leads and status changes in the common shape, each with its event first', async () => {
		const [first] = await createLead();
		const plain: IDataObject = {};
		const simple: IDataObject = {};
		expect(await poll(plain, false, true)).toBeNull();
		expect(await poll(simple, true, true)).toBeNull();
		const [second] = await createLead();
		await runSml(sim, {
			resource: 'lead',
			operation: 'changeStatus',
			id_lead: first.json.id,
			status: 'tracing',
		});

		const raw = await poll(plain, false, true);
		expect(raw![0].map((i) => [i.json.event, i.json.id])).toEqual([
			['statusChanged', first.json.id],
			['newLead', second.json.id],
		]);
		const simplified = await poll(simple, true, true);
		expect(simplified).toEqual([
			raw![0].map((i) => ({ json: { event: i.json.event, ...expected(i.json.id) } })),
		]);
		expect(Object.keys(simplified![0][0].json)).toEqual([
			'event',
			'id',
			'firstName',
			'lastName',
			'email',
			'phone',
			'mobile',
			'company',
			'postalCode',
			'city',
			'country',
		]);
		expect(simple).toEqual(plain);
	});
});
