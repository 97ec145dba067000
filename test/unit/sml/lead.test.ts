import { NodeHelpers } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';
import { Sml } from '../../../nodes/Sml/Sml.node';
import { apiCalls, credentialsFor, runSml, SML_PASSWORD, useSmlSimulator } from './setup';
import SECRETS from '../../fixtures/secrets.json';
import type { SimRecord } from '../../helpers/sims';

const sim = useSmlSimulator();

const createLead = async (extra: Record<string, unknown> = {}) => {
	const { output, error } = await runSml(sim, {
		resource: 'lead',
		operation: 'create',
		source: 1,
		brand_model: 'Seat León',
		additionalFields: extra,
	});
	if (error) throw error;
	return output[0].json as SimRecord;
};

describe('SML lead:create', () => {
	it('logs in once, posts the minimal lead (doc "Datos mínimos") and outputs the full lead with sub-object ids', async () => {
		const { output, error } = await runSml(sim, {
			resource: 'lead',
			operation: 'create',
			source: 1,
			brand_model: 'Marca y modelo de ejemplo',
			additionalFields: {},
		});
		expect(error).toBeUndefined();
		expect(sim.logins()).toHaveLength(1);
		expect(sim.logins()[0].body).toEqual({ username: expect.any(String), password: SML_PASSWORD });
		const [call] = apiCalls(sim);
		expect(call.method).toBe('POST');
		expect(call.path).toBe('/api/lead/');
		expect(call.headers.authorization).toMatch(/^Token \S+$/);
		expect(call.headers['content-type']).toMatch(/^application\/json/);
		expect(call.body).toEqual({ source: 1, vehicle: { brand_model: 'Marca y modelo de ejemplo' } });
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({
			id: 984,
			status: 'new',
			source: 1,
			vehicle: { id: 1036, brand_model: 'Marca y modelo de ejemplo' },
			request: { id: 1032, task: [] },
		});
		expect(output[0].pairedItem).toEqual({ item: 0 });
	});

	it('builds the "Lead complejo" body: client, vehicle, notes, tags, score, status and tasks with notes, appraisal and ISO dates', async () => {
		const { output, error } = await runSml(sim, {
			resource: 'lead',
			operation: 'create',
			source: 1,
			brand_model: 'Vehículo de prueba',
			vehicle: { price: '10000', km: '120000', year: 2008, gas: 1 },
			additionalFields: {
				client: {
					name: 'Cliente de Ejemplo',
					phone: '666777888',
					email: 'user@example.com',
					province: 638,
					location: 58323,
				},
				note: { values: [{ content: 'Nota de prueba' }] },
				tags: { values: [{ content: 'Etiqueta de ejemplo' }] },
				score: '1',
				status: 'new',
				task: {
					values: [
						{
							type: 'appraisal',
							subtype: 'subtipo de ejemplo',
							media: 'Whatsapp',
							planified_realization_date: '2019-05-09T11:59:07.617+02:00',
							realization_date_check: false,
							note: 'nota en tarea de ejemplo',
							appraisal: {
								brand_model: 'marca del vehículo tasado',
								license_plate: '8888JJJ',
								year: 2010,
								gas: 1,
								origin: 'national',
							},
						},
					],
				},
			},
		});
		expect(error).toBeUndefined();
		expect(apiCalls(sim)[0].body).toEqual({
			source: 1,
			vehicle: {
				brand_model: 'Vehículo de prueba',
				price: '10000',
				km: '120000',
				year: 2008,
				gas: 1,
			},
			client: {
				name: 'Cliente de Ejemplo',
				phone: '666777888',
				email: 'user@example.com',
				province: 638,
				location: 58323,
			},
			note: [{ content: 'Nota de prueba' }],
			tags: [{ content: 'Etiqueta de ejemplo' }],
			score: 1,
			status: 'new',
			request: {
				task: [
					{
						type: 'appraisal',
						subtype: 'subtipo de ejemplo',
						media: 'Whatsapp',
						planified_realization_date: '2019-05-09T09:59:07.617Z',
						realization_date_check: false,
						note: [{ content: 'nota en tarea de ejemplo' }],
						appraisal: {
							brand_model: 'marca del vehículo tasado',
							license_plate: '8888JJJ',
							year: 2010,
							gas: 1,
							origin: 'national',
						},
					},
				],
			},
		});
		const lead = output[0].json as SimRecord;
		expect(lead.client.id).toEqual(expect.any(Number));
		expect(lead.request.task[0].appraisal.id).toEqual(expect.any(Number));
	});

	it('reads a workflow saved when Brand and Model sat in the Vehicle collection: the same request', async () => {
		const vehicle = { price: '10000', km: '120000', year: 2008, gas: 1 };
		expect(
			(
				await runSml(sim, {
					resource: 'lead',
					operation: 'create',
					source: 1,
					brand_model: 'Seat León',
					vehicle,
					additionalFields: {},
				})
			).error,
		).toBeUndefined();
		// As such a workflow runs today: Brand and Model at its default (left out when saved), the value in Vehicle.
		expect(
			(
				await runSml(sim, {
					resource: 'lead',
					operation: 'create',
					source: 1,
					brand_model: '',
					vehicle: { brand_model: 'Seat León', ...vehicle },
					additionalFields: {},
				})
			).error,
		).toBeUndefined();
		expect(
			(
				await runSml(sim, {
					resource: 'lead',
					operation: 'create',
					source: 1,
					vehicle: { brand_model: 'Seat León', ...vehicle },
					additionalFields: {},
				})
			).error,
		).toBeUndefined();
		const [now, saved, older] = apiCalls(sim).map((c) => c.body);
		expect(now).toEqual({ source: 1, vehicle: { brand_model: 'Seat León', ...vehicle } });
		expect(saved).toEqual(now);
		expect(older).toEqual(now);
	});

	it('the Brand and Model an older workflow saved in Vehicle survives n8n loading the workflow', async () => {
		// n8n keeps only a collection's known entries when it loads a workflow: brand_model stays there as a hidden entry.
		const { description } = new Sml();
		const saved = {
			resource: 'lead',
			operation: 'create',
			source: 1,
			vehicle: { brand_model: 'Seat León', year: 2020 },
		};
		const loaded = NodeHelpers.getNodeParameters(
			description.properties,
			saved,
			false,
			false,
			{ typeVersion: 1 },
			description,
		)!;
		expect(loaded.vehicle).toEqual({ brand_model: 'Seat León', year: 2020 });
		// Parameters at their defaults (left out by n8n, filled in when read) as saved.
		expect(
			(await runSml(sim, { ...saved, ...loaded, additionalFields: {} })).error,
		).toBeUndefined();
		expect(apiCalls(sim)[0].body).toEqual({
			source: 1,
			vehicle: { brand_model: 'Seat León', year: 2020 },
		});
	});

	it('Brand and Model given replaces a value an older workflow left in Vehicle', async () => {
		expect(
			(
				await runSml(sim, {
					resource: 'lead',
					operation: 'create',
					source: 1,
					brand_model: 'Kia Ceed',
					vehicle: { brand_model: 'Seat León' },
					additionalFields: {},
				})
			).error,
		).toBeUndefined();
		expect(apiCalls(sim)[0].body).toEqual({ source: 1, vehicle: { brand_model: 'Kia Ceed' } });
	});

	it('merges Extra Fields (JSON) into the body for undocumented fields', async () => {
		await createLead({ extraFieldsJson: '{"custom_ref":"X-1","vehicle":{"price":"9000"}}' });
		expect(apiCalls(sim)[0].body).toEqual({
			source: 1,
			vehicle: { brand_model: 'Seat León', price: '9000' },
			custom_ref: 'X-1',
		});
	});

	it.each([
		[{ brand_model: '' }, /vehicle\.brand_model: is required/],
		[{ brand_model: ' ', vehicle: { price: '1' } }, /vehicle\.brand_model: is required/],
		[{ additionalFields: { client: { phone: '600' } } }, /client\.name: is required/],
		[
			{ additionalFields: { client: { name: 'A', email: 'no-mail' } } },
			/client\.email: "no-mail" is not a valid email address/,
		],
		[
			{ additionalFields: { task: { values: [{ type: 'appraisal' }] } } },
			/request\.task\[0\]\.appraisal\.brand_model: is required when the task type is Appraisal/,
		],
		[
			{
				additionalFields: {
					task: { values: [{ type: 'date', planified_tracking_date: 'mañana' }] },
				},
			},
			/request\.task\[0\]\.planified_tracking_date: "mañana" is not a date/,
		],
		[
			{ source: 'abc' },
			/^Source Name or ID \(source\): "abc" is not a valid ID. Expected a positive whole number, e.g. 1234$/,
		],
	])('refuses bad input before any request: %j', async (change, message) => {
		const { error } = await runSml(sim, {
			resource: 'lead',
			operation: 'create',
			source: 1,
			brand_model: 'X',
			additionalFields: {},
			...change,
		});
		expect(error?.message).toMatch(message);
		expect(apiCalls(sim)).toHaveLength(0);
	});

	it("turns DRF field errors into one message listing each field, with SML's words and the HTTP code", async () => {
		const { error } = await runSml(sim, {
			resource: 'lead',
			operation: 'create',
			source: 77,
			brand_model: 'X',
			vehicle: { gas: 99 },
			additionalFields: {},
		});
		expect(error?.message).toBe(
			'SML: the request was refused (HTTP 400): source: Clave primaria "77" inválida - objeto no existe.; vehicle.gas: Clave primaria "99" inválida - objeto no existe.',
		);
		expect((error as { httpCode?: string }).httpCode).toBe('400');
	});

	it('sends each of several items with one login for the run', async () => {
		const { output, error } = await runSml(
			sim,
			(i) => ({
				resource: 'lead',
				operation: 'create',
				source: 1,
				brand_model: `Modelo ${i}`,
				additionalFields: {},
			}),
			{ items: [{}, {}, {}] },
		);
		expect(error).toBeUndefined();
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(sim.logins()).toHaveLength(1);
		expect(apiCalls(sim)).toHaveLength(3);
	});
});

describe('SML lead:get', () => {
	it('gets /api/lead/{id}/ and outputs the lead', async () => {
		const lead = await createLead();
		sim.log.length = 0;
		const { output, error } = await runSml(sim, {
			resource: 'lead',
			operation: 'get',
			id_lead: lead.id,
		});
		expect(error).toBeUndefined();
		expect(apiCalls(sim).map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /api/lead/${lead.id}/`,
		]);
		expect(output[0].json).toEqual(lead);
	});

	it('says which id was not found on a 404', async () => {
		const { error } = await runSml(sim, { resource: 'lead', operation: 'get', id_lead: 4040 });
		expect(error?.message).toBe('SML: lead 4040 was not found (HTTP 404): No encontrado.');
	});

	it('refuses a lead id that is not a number before any request', async () => {
		const { error } = await runSml(sim, { resource: 'lead', operation: 'get', id_lead: '12a' });
		expect(error?.message).toBe(
			'Lead (id_lead): "12a" is not a valid ID. Expected a positive whole number, e.g. 1234',
		);
		expect(sim.log).toHaveLength(0);
	});
});

describe('SML lead:update', () => {
	it('updates a sub-object in place when its id is given (doc "Ejemplo para la actualización de un lead")', async () => {
		const lead = await createLead({ client: { name: 'Ana' } });
		const { output, error } = await runSml(sim, {
			resource: 'lead',
			operation: 'update',
			id_lead: lead.id,
			updateFields: {
				score: '4',
				vehicle: { id: lead.vehicle.id, brand_model: 'Datos adicionales sobre el modelo' },
			},
		});
		expect(error).toBeUndefined();
		const call = apiCalls(sim).pop()!;
		expect(call.method).toBe('PATCH');
		expect(call.path).toBe(`/api/lead/${lead.id}/`);
		expect(call.body).toEqual({
			score: 4,
			vehicle: { id: lead.vehicle.id, brand_model: 'Datos adicionales sobre el modelo' },
		});
		expect((output[0].json as SimRecord).vehicle.id).toBe(lead.vehicle.id);
		expect((output[0].json as SimRecord).vehicle.brand_model).toBe(
			'Datos adicionales sobre el modelo',
		);
	});

	it('takes the IDs typed in the (empty by default) ID fields as text and sends them as numbers, as the former number fields did', async () => {
		const lead = await createLead({
			client: { name: 'Ana' },
			note: { values: [{ content: 'n1' }] },
		});
		const { error } = await runSml(sim, {
			resource: 'lead',
			operation: 'update',
			id_lead: ` ${lead.id} `,
			updateFields: {
				vehicle: { id: String(lead.vehicle.id), brand_model: 'B' },
				client: { id: ` ${lead.client.id}`, phone: '1' },
				note: { values: [{ id: String(lead.note[0].id), content: 'n2' }] },
			},
		});
		expect(error).toBeUndefined();
		expect(apiCalls(sim).pop()!.body).toEqual({
			vehicle: { id: lead.vehicle.id, brand_model: 'B' },
			client: { id: lead.client.id, phone: '1' },
			note: [{ id: lead.note[0].id, content: 'n2' }],
		});
		for (const [updateFields, message] of [
			[
				{ vehicle: { id: 'abc', brand_model: 'B' } },
				/^Vehicle ID \(vehicle\.id\): "abc" is not a valid ID. Expected a whole number, e.g. 1234$/,
			],
			[
				{ note: { values: [{ id: 'x1', content: 'n' }] } },
				/^Note ID \(note\[0\]\.id\): "x1" is not a valid ID. Expected a whole number, e.g. 1234$/,
			],
		] as const) {
			const before = sim.log.length;
			const refused = await runSml(sim, {
				resource: 'lead',
				operation: 'update',
				id_lead: lead.id,
				updateFields,
			});
			expect(refused.error?.message).toMatch(message);
			expect(sim.log.slice(before).filter((r) => r.method === 'PATCH')).toHaveLength(0);
		}
		const blank = await runSml(sim, { resource: 'lead', operation: 'get', id_lead: '' });
		expect(blank.error?.message).toBe(
			'Lead (id_lead): is required. Expected a positive whole number, e.g. 1234',
		);
	});

	it('replaces the sub-object when no id is given, and asks for its required field then', async () => {
		const lead = await createLead({ client: { name: 'Ana' } });
		const { output } = await runSml(sim, {
			resource: 'lead',
			operation: 'update',
			id_lead: lead.id,
			updateFields: { client: { name: 'Bea' } },
		});
		expect((output[0].json as SimRecord).client.id).not.toBe(lead.client.id);
		const { error } = await runSml(sim, {
			resource: 'lead',
			operation: 'update',
			id_lead: lead.id,
			updateFields: { client: { phone: '1' } },
		});
		expect(error?.message).toMatch(/^client\.name: is required when the client has no ID/);
	});

	it('Notes and Tags sent become the whole list (doc "Modificar Lead"): existing ones are kept only when sent again with their IDs, as the ID hint says', async () => {
		const lead = await createLead({
			note: { values: [{ content: 'n1' }, { content: 'n2' }] },
			tags: { values: [{ content: 't1' }] },
		});
		const contents = (list: SimRecord[]) => list.map((n) => n.content);
		expect(contents(lead.note)).toEqual(['n1', 'n2']);

		// One new note, no ids: the lead's notes are only the new one.
		const replaced = await runSml(sim, {
			resource: 'lead',
			operation: 'update',
			id_lead: lead.id,
			updateFields: { note: { values: [{ content: 'n3' }] } },
		});
		expect(replaced.error).toBeUndefined();
		expect(apiCalls(sim).pop()!.body).toEqual({ note: [{ content: 'n3' }] });
		const afterReplace = replaced.output[0].json as SimRecord;
		expect(contents(afterReplace.note)).toEqual(['n3']);
		expect(contents(afterReplace.tags)).toEqual(['t1']);

		// The existing note sent again with its id, plus a new one: both kept.
		const kept = afterReplace.note[0];
		const { output, error } = await runSml(sim, {
			resource: 'lead',
			operation: 'update',
			id_lead: lead.id,
			updateFields: {
				note: { values: [{ id: String(kept.id), content: 'n3' }, { content: 'n4' }] },
				tags: { values: [{ content: 't2' }] },
			},
		});
		expect(error).toBeUndefined();
		const updated = output[0].json as SimRecord;
		expect(contents(updated.note)).toEqual(['n3', 'n4']);
		expect(updated.note[0].id).toBe(kept.id);
		expect(contents(updated.tags)).toEqual(['t2']);
		const got = await runSml(sim, { resource: 'lead', operation: 'get', id_lead: lead.id });
		expect(contents((got.output[0].json as SimRecord).note)).toEqual(['n3', 'n4']);

		// What the editor says of it, on Lead: Update (notes, tags) and Task: Update (notes).
		const idHint = (resource: string, collection: string, field: string) => {
			const props = new Sml().description.properties.filter(
				(p) =>
					p.name === collection &&
					p.displayOptions?.show?.resource?.includes(resource) &&
					p.displayOptions?.show?.operation?.includes('update'),
			);
			expect(props).toHaveLength(1);
			const list = (props[0].options as INodeProperties[]).find((o) => o.name === field)!;
			const values = (list.options as Array<{ values: INodeProperties[] }>)[0].values;
			return values.find((v) => v.name === 'id')!.hint;
		};
		const leadNotes = idHint('lead', 'updateFields', 'note');
		expect(leadNotes).toMatch(/notes given here become the lead's whole list/);
		expect(leadNotes).toMatch(/to keep them, add them here too with their IDs/);
		expect(leadNotes).not.toMatch(/added as new/);
		expect(idHint('lead', 'updateFields', 'tags')).toMatch(
			/tags given here become the lead's whole list/,
		);
		expect(idHint('task', 'updateFields', 'note')).toMatch(
			/notes given here become the task's whole list/,
		);
	});

	it('refuses an update with nothing to change', async () => {
		const { error } = await runSml(sim, {
			resource: 'lead',
			operation: 'update',
			id_lead: 1,
			updateFields: {},
		});
		expect(error?.message).toBe('Update Fields: set at least one field to change');
		expect(sim.log).toHaveLength(0);
	});
});

describe('SML lead:assign', () => {
	it('patches {user} on the lead', async () => {
		const lead = await createLead();
		const { output } = await runSml(sim, {
			resource: 'lead',
			operation: 'assign',
			id_lead: lead.id,
			user: 3,
		});
		const call = apiCalls(sim).pop()!;
		expect([call.method, call.path, call.body]).toEqual([
			'PATCH',
			`/api/lead/${lead.id}/`,
			{ user: 3 },
		]);
		expect(output[0].json).toMatchObject({ id: lead.id, user: 3 });
	});
});

describe('SML lead:changeStatus', () => {
	it('patches {status} on /change_status/', async () => {
		const lead = await createLead();
		const { output } = await runSml(sim, {
			resource: 'lead',
			operation: 'changeStatus',
			id_lead: lead.id,
			status: 'tracing',
		});
		const call = apiCalls(sim).pop()!;
		expect([call.method, call.path, call.body]).toEqual([
			'PATCH',
			`/api/lead/${lead.id}/change_status/`,
			{ status: 'tracing' },
		]);
		expect(output[0].json).toMatchObject({ status: 'tracing' });
	});

	it('refuses a status outside the documented values', async () => {
		const { error } = await runSml(sim, {
			resource: 'lead',
			operation: 'changeStatus',
			id_lead: 1,
			status: 'won',
		});
		expect(error?.message).toMatch(/^status: "won" is not an SML status/);
	});
});

describe('SML lead:finalize', () => {
	it('patches {status: "end"} on the lead', async () => {
		const lead = await createLead();
		const { output } = await runSml(sim, {
			resource: 'lead',
			operation: 'finalize',
			id_lead: lead.id,
		});
		const call = apiCalls(sim).pop()!;
		expect([call.method, call.path, call.body]).toEqual([
			'PATCH',
			`/api/lead/${lead.id}/`,
			{ status: 'end' },
		]);
		expect(output[0].json).toMatchObject({ status: 'end' });
	});
});

describe('SML lead:getHistory', () => {
	it('lists /api/lead_history/{id}/get_history/, one item per change', async () => {
		const lead = await createLead();
		await runSml(sim, { resource: 'lead', operation: 'finalize', id_lead: lead.id });
		const { output } = await runSml(sim, {
			resource: 'lead',
			operation: 'getHistory',
			id_lead: lead.id,
			returnAll: true,
		});
		const call = apiCalls(sim).pop()!;
		expect([call.method, call.path]).toEqual(['GET', `/api/lead_history/${lead.id}/get_history/`]);
		expect(output.map((o) => o.json.history_type)).toEqual(['+', '~']);
	});
});

describe('SML lead:click2call', () => {
	it('patches {lead} to the netelip click2call endpoint and outputs the call', async () => {
		const lead = await createLead();
		const { output } = await runSml(sim, {
			resource: 'lead',
			operation: 'click2call',
			lead: lead.id,
		});
		const call = apiCalls(sim).pop()!;
		expect([call.method, call.path, call.body]).toEqual([
			'PATCH',
			'/api/netelip/call_control_lead/click2call/',
			{ lead: lead.id },
		]);
		expect(output[0].json).toEqual({ id: 1, lead: lead.id, call_control: 135, user: 2 });
	});
});

describe('SML lead:getMany', () => {
	beforeEach(async () => {
		for (let i = 0; i < 25; i++)
			await createLead({ client: { name: `C${i}`, phone: `60000${String(i).padStart(2, '0')}` } });
		sim.log.length = 0;
	});

	it('Return All follows next to the end', async () => {
		const { output } = await runSml(sim, {
			resource: 'lead',
			operation: 'getMany',
			returnAll: true,
			filters: {},
		});
		expect(output).toHaveLength(25);
		expect(apiCalls(sim).map((r) => r.query)).toEqual([{ page_size: '100' }]);
		sim.log.length = 0;
	});

	it('Limit stops early, asking only the pages it needs', async () => {
		const { output } = await runSml(sim, {
			resource: 'lead',
			operation: 'getMany',
			returnAll: false,
			limit: 3,
			filters: {},
		});
		expect(output.map((o) => o.json.id)).toEqual([984, 985, 986]);
		expect(apiCalls(sim).map((r) => r.query)).toEqual([{ page_size: '3' }]);
	});

	it('sends the documented filters, concessionaire__in comma-separated', async () => {
		const { output } = await runSml(sim, {
			resource: 'lead',
			operation: 'getMany',
			returnAll: true,
			filters: { status: 'new', client__phone__icontains: '600000', concessionaire__in: [1, 2] },
		});
		expect(apiCalls(sim)[0].query).toEqual({
			status: 'new',
			client__phone__icontains: '600000',
			concessionaire__in: '1,2',
			page_size: '100',
		});
		expect(output).toHaveLength(10);
	});
});

describe('SML credential and session', () => {
	it('a token that expired between runs costs one 401, one login and one resend', async () => {
		const lead = await createLead();
		sim.expireTokens();
		sim.log.length = 0;
		const smlApi = credentialsFor(sim, { token: SECRETS.smlStaleToken });
		const { output, error } = await runSml(
			sim,
			{ resource: 'lead', operation: 'get', id_lead: lead.id },
			{ credentials: { smlApi } },
		);
		expect(error).toBeUndefined();
		expect(output[0].json.id).toBe(lead.id);
		expect(
			sim.log.map((r) => `${r.method} ${r.path} ${r.status} ${r.headers.authorization ?? ''}`),
		).toEqual([
			`GET /api/lead/${lead.id}/ 401 Token stale-token-0001`,
			'POST /api/auth/login/ 200 ',
			`GET /api/lead/${lead.id}/ 200 Token ${sim.state.tokens[0].token}`,
		]);
	});

	it('a create with a stale token is sent once more only, after the login (no duplicate lead)', async () => {
		sim.expireTokens();
		sim.log.length = 0;
		const before = sim.state.leads.length;
		const { error } = await runSml(
			sim,
			{
				resource: 'lead',
				operation: 'create',
				source: 1,
				vehicle: { brand_model: 'Seat León' },
				additionalFields: {},
			},
			{ credentials: { smlApi: credentialsFor(sim, { token: SECRETS.smlStaleToken }) } },
		);
		expect(error).toBeUndefined();
		expect(sim.log.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			'POST /api/lead/ 401',
			'POST /api/auth/login/ 200',
			'POST /api/lead/ 201',
		]);
		expect(sim.state.leads.length).toBe(before + 1);
	});

	it('items sent together with a stale token share one login', async () => {
		const lead = await createLead();
		sim.expireTokens();
		sim.log.length = 0;
		const { output, error } = await runSml(
			sim,
			{
				resource: 'lead',
				operation: 'get',
				id_lead: lead.id,
				requestOptions: { parallelRequests: 3 },
			},
			{
				items: [{}, {}, {}],
				credentials: { smlApi: credentialsFor(sim, { token: SECRETS.smlStaleToken }) },
			},
		);
		expect(error).toBeUndefined();
		expect(output).toHaveLength(3);
		expect(sim.logins()).toHaveLength(1);
		const gets = sim.log.filter((r) => r.method === 'GET');
		// Each item: at most its one 401 with the stale token, then one answer with the new token.
		expect(
			gets
				.filter((r) => r.status === 401)
				.every((r) => r.headers.authorization === 'Token stale-token-0001'),
		).toBe(true);
		expect(gets.filter((r) => r.status === 401).length).toBeLessThanOrEqual(3);
		expect(gets.filter((r) => r.status === 200)).toHaveLength(3);
	});

	it('a 401 with the new token is the answer: no login loop', async () => {
		const lead = await createLead();
		sim.expireTokens();
		sim.log.length = 0;
		// Every call with a token answers 401 (e.g. the user lost its rights).
		sim.addFault({
			kind: 'status',
			status: 401,
			path: `/api/lead/${lead.id}/`,
			times: 5,
			body: '{"detail":"Token inválido."}',
			contentType: 'application/json',
		});
		const { error } = await runSml(
			sim,
			{ resource: 'lead', operation: 'get', id_lead: lead.id },
			{ credentials: { smlApi: credentialsFor(sim, { token: SECRETS.smlStaleToken }) } },
		);
		expect(error?.message).toBe('SML: not allowed (HTTP 401): Token inválido.');
		expect(sim.log.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			`GET /api/lead/${lead.id}/ 401`,
			'POST /api/auth/login/ 200',
			`GET /api/lead/${lead.id}/ 401`,
		]);
	});

	it('expires mid-run: the next item logs in again once and every item succeeds', async () => {
		await createLead();
		sim.log.length = 0;
		sim.expireTokensAfter(1);
		const { output, error } = await runSml(
			sim,
			{ resource: 'lead', operation: 'get', id_lead: 984, requestOptions: { parallelRequests: 1 } },
			{ items: [{}, {}, {}] },
		);
		expect(error).toBeUndefined();
		expect(output).toHaveLength(3);
		expect(sim.logins()).toHaveLength(2);
	});

	it("gives SML's own message for a wrong password, and never the password", async () => {
		const wrong = 'Wr0ng-Pässword&=';
		const { error } = await runSml(
			sim,
			{ resource: 'lead', operation: 'get', id_lead: 1 },
			{ credentials: { smlApi: credentialsFor(sim, { password: wrong }) } },
		);
		expect(error?.message).toMatch(
			/^SML: No se puede iniciar sesión con las credenciales proporcionadas\. \(login refused, HTTP 400/,
		);
		expect(
			JSON.stringify({
				m: error?.message,
				d: (error as { description?: unknown } | undefined)?.description,
			}),
		).not.toContain(wrong);
		expect(apiCalls(sim)).toHaveLength(0);
	});

	it('sends the Bearer scheme when the credential asks for it', async () => {
		await runSml(
			sim,
			{ resource: 'session', operation: 'logout' },
			{ credentials: { smlApi: credentialsFor(sim, { authScheme: 'Bearer' }) } },
		);
		expect(apiCalls(sim)[0].headers.authorization).toMatch(/^Bearer \S+$/);
	});

	it('session:logout posts /api/auth/logout/ and the token stops working', async () => {
		const { output } = await runSml(sim, { resource: 'session', operation: 'logout' });
		const call = apiCalls(sim)[0];
		expect([call.method, call.path]).toEqual(['POST', '/api/auth/logout/']);
		expect(output[0].json).toEqual({ loggedOut: true });
		expect(sim.state.tokens).toHaveLength(0);
	});
});
