import { apiCalls, newLead, runSml, useSmlSimulator } from './setup';
import type { SimRecord } from '../../helpers/sims';

const sim = useSmlSimulator();
describe('SML task:create', () => {
	it('posts the task with its lead and ISO dates to /api/lead_task_create/ (201)', async () => {
		const lead = await newLead(sim);
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
		const lead = await newLead(sim);
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
		const lead = await newLead(sim);
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
