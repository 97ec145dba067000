// pilotTrigger's webhook() with the request n8n hands it (body already parsed by n8n,
// raw text in rawBody). The same behaviour is proven over HTTP in a real n8n by
// test/e2e/pilot.e2e.test.js; these cases cover the rest quickly.
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { PilotTrigger } from '../../../nodes/Pilot/PilotTrigger.node';

const KEY = 'trigger-key-123456';

function call(
	request: { contentType: string; body?: unknown; raw?: string },
	parameters: IDataObject = {},
) {
	const answer: { status?: number; json?: IDataObject } = {};
	const params: IDataObject = { path: 'pilot', checkAppKey: false, accept: ['lead', 'survey', 'adf'], checkRequired: true, ...parameters };
	const context = {
		getRequestObject: () => ({ headers: { 'content-type': request.contentType }, rawBody: request.raw === undefined ? undefined : Buffer.from(request.raw), body: request.body }),
		getResponseObject: () => ({
			status(code: number) {
				answer.status = code;
				return { json: (body: IDataObject) => (answer.json = body) };
			},
		}),
		getBodyData: () => request.body,
		getNodeParameter: (name: string, fallback?: unknown) => (name in params ? params[name] : fallback),
		getCredentials: async () => ({ appKey: KEY, baseUrl: 'http://unused' }),
	} as unknown as IWebhookFunctions;
	return new PilotTrigger().webhook.call(context).then((result) => {
		// What the sender gets: the node's own answer (a refusal, no execution), or n8n's, which
		// sends the node's webhookResponse with status 200 (responseData '' in the description)
		// and, on n8n 2.x, only once the execution exists.
		let answeredBy: 'node' | 'n8n' | undefined = answer.status !== undefined ? 'node' : undefined;
		if (!answeredBy && result.workflowData && result.webhookResponse !== undefined && !result.noWebhookResponse) {
			answeredBy = 'n8n';
			answer.status = 200;
			answer.json = result.webhookResponse as IDataObject;
		}
		return { result, answer, answeredBy };
	});
}

const lead = { action: 'create', pilot_firstname: 'Ana', pilot_contact_type_id: '1', pilot_business_type_code: 'New' };

describe('pilotTrigger', () => {
	it("lets n8n answer an accepted submission (with the node's webhookResponse), not itself", () => {
		expect(new PilotTrigger().description.webhooks).toEqual([{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: '', path: '={{$parameter["path"]}}' }]);
	});

	it('emits one item per submission of a JSON array, in order', async () => {
		const { result, answer, answeredBy } = await call({ contentType: 'application/json', body: [lead, { ...lead, pilot_firstname: 'Bea' }] });
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ success: true, message: 'Success', data: { message: '(n8n) 2 submissions received.', success: true, count: 2 } });
		// n8n answers, after creating the execution: never a 200 without one.
		expect(answeredBy).toBe('n8n');
		expect(result.noWebhookResponse).toBeUndefined();
		expect(result.workflowData![0].map((i) => i.json.pilot_firstname)).toEqual(['Ana', 'Bea']);
		expect(result.workflowData![0][0].json).toEqual({ submissionType: 'lead', pilot_firstname: 'Ana', pilot_contact_type_id: '1', pilot_business_type_code: 'New' });
	});

	it('names the submission that breaks a rule', async () => {
		const { result, answer } = await call({ contentType: 'application/json', body: [lead, { action: 'create', pilot_firstname: 'x', pilot_contact_type_id: '1' }] });
		expect(answer.status).toBe(400);
		expect(answer.json!.data).toBe('submission 2: pilot_business_type_id or pilot_business_type_code is required');
		expect(result.workflowData).toBeUndefined();
	});

	it('lets rule-breaking submissions through when Check Required Fields is off', async () => {
		const { result } = await call({ contentType: 'application/json', body: { pilot_firstname: 'x' } }, { checkRequired: false });
		expect(result.workflowData![0]).toHaveLength(1);
	});

	it('refuses kinds the workflow does not accept', async () => {
		const { answer } = await call({ contentType: 'application/json', body: { surveytype: 'A', telefono_contacto: '1' } }, { accept: ['lead'] });
		expect(answer.status).toBe(400);
		expect(answer.json!.data).toBe('survey submissions are not accepted by this workflow');
	});

	it('checks the app key of every submission, in constant time, and drops it from the items', async () => {
		const ok = await call({ contentType: 'application/x-www-form-urlencoded', body: { ...lead, appkey: KEY } }, { checkAppKey: true });
		expect(ok.answer.status).toBe(200);
		expect(ok.result.workflowData![0][0].json).not.toHaveProperty('appkey');
		const wrong = await call({ contentType: 'application/json', body: [{ ...lead, appkey: KEY }, { ...lead, appkey: `${KEY}x` }] }, { checkAppKey: true });
		expect(wrong.answer).toEqual({ status: 401, json: { success: false, message: 'Error', data: 'submission 2: The appkey is not valid' } });
		expect(wrong.result.workflowData).toBeUndefined();
	});

	it('reads the ADF key as the app key', async () => {
		const adf = `<adf><prospect><customer><contact><name part="first">A</name><email>a@b.co</email></contact></customer></prospect><format><key>${KEY}</key></format></adf>`;
		const { answer, result } = await call({ contentType: 'text/xml', raw: adf, body: {} }, { checkAppKey: true });
		expect(answer.status).toBe(200);
		expect(result.workflowData![0][0].json).toEqual({
			submissionType: 'adf',
			pilot_firstname: 'A',
			pilot_email: 'a@b.co',
			adf_names: [{ value: 'A', part: 'first', type: 'individual' }],
			adf_emails: [{ value: 'a@b.co', preferred: false }],
		});
	});

	it('refuses an ADF without any way to contact the person', async () => {
		const { answer } = await call({ contentType: 'application/xml', raw: '<adf><prospect><customer><contact><name part="first">A</name></contact></customer></prospect></adf>' });
		expect(answer.status).toBe(400);
		expect(answer.json!.data).toBe('the ADF <contact> has no email, phone or cellphone');
	});

	it.each([
		['an empty body', {}, 'The body must be form-encoded or JSON fields'],
		['an empty array', [], 'The body holds no submission'],
		['a nested object', { pilot_firstname: { a: 1 } }, 'Field "pilot_firstname" must be a value, not an object'],
	])('refuses %s with 400', async (_name, body, message) => {
		const { answer, result } = await call({ contentType: 'application/json', body });
		expect(answer.status).toBe(400);
		expect(String(answer.json!.data)).toContain(message);
		expect(result.workflowData).toBeUndefined();
	});
});
