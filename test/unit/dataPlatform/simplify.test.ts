// "Simplify" on dataPlatformTrigger: the bodies the Data Platform node posts to a listener (as
// the simulator received them over real HTTP) go to the trigger; contact and lead actions come
// out as their action type and the common lead shape, other actions as they are; without Simplify nothing changes.
import type { IDataObject } from 'n8n-workflow';
import { DataPlatformTrigger } from '../../../nodes/DataPlatform/DataPlatformTrigger.node';
import type { Simulator } from '../../helpers/sims';
import { callWebhook, jsonRequest } from '../../helpers/webhook';
import { dataPlatformSimulator, posts, run, SENDER } from './setup';

let sim: Simulator;
beforeAll(async () => {
	sim = await dataPlatformSimulator().start(0);
});
afterAll(async () => sim.stop());
beforeEach(() => sim.reset());

/** dataPlatformTrigger's webhook() with the JSON body n8n hands it. */
async function receive(body: unknown, simplify: boolean | undefined) {
	const params: IDataObject = {
		path: 'data-platform',
		secretLocation: 'none',
		allowedIps: '',
		behindProxy: false,
		maxBodyKb: 1024,
	};
	if (simplify !== undefined) params.simplify = simplify;
	const { result, answeredBy } = await callWebhook(
		new DataPlatformTrigger(),
		jsonRequest({ body, raw: JSON.stringify(body) }),
		{ parameters: params },
	);
	// Accepted: n8n answers 200 with the node's webhookResponse, once the execution exists (the node did not answer).
	expect(answeredBy).toBe('n8n');
	expect(result.noWebhookResponse).toBeUndefined();
	expect(result.webhookResponse).toMatchObject({ success: true });
	return result.workflowData![0];
}

const blank = {
	id: '',
	firstName: '',
	lastName: '',
	email: '',
	phone: '',
	mobile: '',
	company: '',
	postalCode: '',
	city: '',
	country: '',
};

describe('dataPlatformTrigger with Simplify', () => {
	it('turns the add-contact actions the node posts into common leads; off, the items are unchanged', async () => {
		const contact = (name: string, more: IDataObject) => ({
			resource: 'contact',
			operation: 'create',
			type: 0,
			name,
			requestOptions: { maxRetries: 0 },
			...more,
		});
		const { error } = await run(
			sim,
			(i: number) =>
				i === 0
					? contact('Huy', {
							additionalFields: {
								lastname: 'Nguyen',
								emails: { values: [{ type: 'Work', value: 'huy@example.com' }] },
								phones: {
									values: [
										{ type: 'Mobile', value: '0905000001' },
										{ type: 'Work', value: '0236000002' },
									],
								},
								addresses: {
									values: [
										{
											type: 'Home',
											street: '58 Ton That Dam',
											city: 'Da Nang',
											state: 'Thanh Khe',
											zip: '5100000',
											country: { code: 'VN', name: 'Vietnam' },
										},
									],
								},
								tag: 'webhook',
							},
							companyContact: { name: 'GOOGLE' },
						})
					: {
							...contact('ACME Corp', {
								additionalFields: { emails: { values: [{ value: 'info@acme.example' }] } },
							}),
							type: 1,
						},
			{ items: [{}, {}] },
		);
		expect(error).toBeUndefined();
		// One POST carried both actions: that body, as the listener received it, goes to the trigger.
		expect(posts(sim)).toHaveLength(1);
		const body = posts(sim)[0].body as {
			senderUser: string;
			data: Array<{ actionType: string; data: IDataObject }>;
		};
		expect(body.data.map((a) => a.actionType)).toEqual(['add-contact', 'add-contact']);

		const before = await receive(body, undefined);
		const off = await receive(body, false);
		const on = await receive(body, true);
		expect(before).toEqual(
			body.data.map((a) => ({
				json: { senderUser: SENDER, actionType: a.actionType, data: a.data },
			})),
		);
		expect(off).toEqual(before);
		expect(on).toEqual([
			{
				json: {
					actionType: 'add-contact',
					...blank,
					firstName: 'Huy',
					lastName: 'Nguyen',
					email: 'huy@example.com',
					phone: '0236000002',
					mobile: '0905000001',
					company: 'GOOGLE',
					postalCode: '5100000',
					city: 'Da Nang',
					country: 'Vietnam',
				},
			},
			{
				json: {
					actionType: 'add-contact',
					...blank,
					email: 'info@acme.example',
					company: 'ACME Corp',
				},
			},
		]);
		expect(Object.keys(on[0].json)).toEqual([
			'actionType',
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
	});

	it('simplifies update-lead (id: its customerId) and leaves add-note as it is, in order', async () => {
		await run(sim, {
			resource: 'lead',
			operation: 'update',
			customerId: 'LID-2001',
			contactId: '',
			additionalFields: {
				name: 'Lan Tran',
				companyLead: 'GOOGLE',
				phones: { values: [{ value: '0909' }] },
			},
			requestOptions: { maxRetries: 0 },
		});
		await run(sim, {
			resource: 'note',
			operation: 'create',
			body: 'Called back',
			model: 'contact',
			customerId: 'LID-2001',
			email: '',
			phone: '',
			passport: '',
			additionalFields: {},
			requestOptions: { maxRetries: 0 },
		});
		const sent = posts(sim).map((p) => p.body as { senderUser: string; data: IDataObject[] });
		expect(sent.map((b) => b.data.map((a) => a.actionType))).toEqual([
			['update-lead'],
			['add-note'],
		]);
		const body = { senderUser: SENDER, data: [...sent[0].data, ...sent[1].data] };

		const off = await receive(body, false);
		const on = await receive(body, true);
		expect(on).toEqual([
			{
				json: {
					actionType: 'update-lead',
					...blank,
					id: 'LID-2001',
					lastName: 'Lan Tran',
					phone: '0909',
					company: 'GOOGLE',
				},
			},
			off[1],
		]);
		expect(off[1].json).toEqual({
			senderUser: SENDER,
			actionType: 'add-note',
			data: sent[1].data[0].data,
		});
	});
});
