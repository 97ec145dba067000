// pilotTrigger's webhook() with the request n8n hands it (body already parsed by n8n,
// raw text in rawBody). The same behaviour is proven over HTTP in a real n8n by
// test/e2e/pilot.e2e.test.js; these cases cover the rest quickly.
import type { IDataObject } from 'n8n-workflow';
import { PilotTrigger } from '../../../nodes/Pilot/PilotTrigger.node';
import SECRETS from '../../fixtures/secrets.json';
import { callWebhook } from '../../helpers/webhook';

const KEY = SECRETS.pilotTriggerKey;

function call(
	request: { contentType: string; body?: unknown; raw?: string },
	parameters: IDataObject = {},
) {
	const params: IDataObject = {
		path: 'pilot',
		checkAppKey: false,
		accept: ['lead', 'survey', 'adf'],
		checkRequired: true,
		...parameters,
	};
	return callWebhook(
		new PilotTrigger(),
		{ headers: { 'content-type': request.contentType }, raw: request.raw, body: request.body },
		{ parameters: params, credentials: { appKey: KEY, baseUrl: 'http://unused' } },
	);
}

const lead = {
	action: 'create',
	pilot_firstname: 'Ana',
	pilot_contact_type_id: '1',
	pilot_business_type_code: 'New',
};

describe('pilotTrigger', () => {
	it("lets n8n answer an accepted submission (with the node's webhookResponse), not itself", () => {
		expect(new PilotTrigger().description.webhooks).toEqual([
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: '',
				path: '={{$parameter["path"]}}',
			},
		]);
	});

	it('emits one item per submission of a JSON array, in order', async () => {
		const { result, answer, answeredBy } = await call({
			contentType: 'application/json',
			body: [lead, { ...lead, pilot_firstname: 'Bea' }],
		});
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({
			success: true,
			message: 'Success',
			data: { message: '(n8n) 2 submissions received.', success: true, count: 2 },
		});
		// n8n answers, after creating the execution: never a 200 without one.
		expect(answeredBy).toBe('n8n');
		expect(result.noWebhookResponse).toBeUndefined();
		expect(result.workflowData![0].map((i) => i.json.pilot_firstname)).toEqual(['Ana', 'Bea']);
		expect(result.workflowData![0][0].json).toEqual({
			submissionType: 'lead',
			pilot_firstname: 'Ana',
			pilot_contact_type_id: '1',
			pilot_business_type_code: 'New',
		});
	});

	it('names the submission that breaks a rule', async () => {
		const { result, answer } = await call({
			contentType: 'application/json',
			body: [lead, { action: 'create', pilot_firstname: 'x', pilot_contact_type_id: '1' }],
		});
		expect(answer.status).toBe(400);
		expect(answer.json!.data).toBe(
			'submission 2: pilot_business_type_id or pilot_business_type_code is required',
		);
		expect(result.workflowData).toBeUndefined();
	});

	it('lets rule-breaking submissions through when Check Required Fields is off', async () => {
		const { result } = await call(
			{ contentType: 'application/json', body: { pilot_firstname: 'x' } },
			{ checkRequired: false },
		);
		expect(result.workflowData![0]).toHaveLength(1);
	});

	it('refuses kinds the workflow does not accept', async () => {
		const { answer } = await call(
			{ contentType: 'application/json', body: { surveytype: 'A', telefono_contacto: '1' } },
			{ accept: ['lead'] },
		);
		expect(answer.status).toBe(400);
		expect(answer.json!.data).toBe('survey submissions are not accepted by this workflow');
	});

	it('checks the app key of every submission, in constant time, and drops it from the items', async () => {
		const ok = await call(
			{ contentType: 'application/x-www-form-urlencoded', body: { ...lead, appkey: KEY } },
			{ checkAppKey: true },
		);
		expect(ok.answer.status).toBe(200);
		expect(ok.result.workflowData![0][0].json).not.toHaveProperty('appkey');
		const wrong = await call(
			{
				contentType: 'application/json',
				body: [
					{ ...lead, appkey: KEY },
					{ ...lead, appkey: `${KEY}x` },
				],
			},
			{ checkAppKey: true },
		);
		expect(wrong.answer).toEqual({
			status: 401,
			json: { success: false, message: 'Error', data: 'submission 2: The appkey is not valid' },
		});
		expect(wrong.result.workflowData).toBeUndefined();
	});

	it('reads the ADF key as the app key', async () => {
		const adf = `<adf><prospect><customer><contact><name part="first">A</name><email>a@b.co</email></contact></customer></prospect><format><key>${KEY}</key></format></adf>`;
		const { answer, result } = await call(
			{ contentType: 'text/xml', raw: adf, body: {} },
			{ checkAppKey: true },
		);
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
		const { answer } = await call({
			contentType: 'application/xml',
			raw: '<adf><prospect><customer><contact><name part="first">A</name></contact></customer></prospect></adf>',
		});
		expect(answer.status).toBe(400);
		expect(answer.json!.data).toBe('the ADF <contact> has no email, phone or cellphone');
	});

	it.each([
		['an empty body', {}, 'The body must be form-encoded or JSON fields'],
		['an empty array', [], 'The body holds no submission'],
		[
			'a nested object',
			{ pilot_firstname: { a: 1 } },
			'Field "pilot_firstname" must be a value, not an object',
		],
	])('refuses %s with 400', async (_name, body, message) => {
		const { answer, result } = await call({ contentType: 'application/json', body });
		expect(answer.status).toBe(400);
		expect(String(answer.json!.data)).toContain(message);
		expect(result.workflowData).toBeUndefined();
	});

	// Issue 15, item 1: a 709 KB body of 80,000 distinct sibling elements, posted as text/plain
	// with a wrong key, blocked n8n's event loop for 52 s (quadratic parse, run before the key).
	const hostile = (count: number) =>
		`<adf>${Array.from({ length: count }, (_, i) => `<e${i}/>`).join('')}<format><key>wrong</key></format></adf>`;

	it.each([
		[
			'text/plain',
			'an 80,000-sibling ADF',
			hostile(80_000),
			'The ADF XML body is 693 KB; at most 256 KB is accepted',
		],
		[
			'application/xml',
			'an 80,000-sibling ADF',
			hostile(80_000),
			'The ADF XML body is 693 KB; at most 256 KB is accepted',
		],
		[
			'text/plain',
			'an ADF of 256 KB padded with spaces',
			`<adf>${' '.repeat(256 * 1024)}</adf>`,
			'The ADF XML body is 257 KB; at most 256 KB is accepted',
		],
		[
			'text/xml; charset=utf-8',
			'a 12 KB ADF of 3,000 tags',
			`<adf>${'<a/>'.repeat(3_000)}</adf>`,
			'The ADF XML body has more than 2,000 tags; an ADF email has about 50',
		],
	])(
		'%s: refuses %s with 413 before parsing it, and fast',
		async (contentType, _name, raw, message) => {
			const started = Date.now();
			const { answer, result } = await call({ contentType, raw, body: {} }, { checkAppKey: true });
			expect(answer).toEqual({
				status: 413,
				json: { success: false, message: 'Error', data: message },
			});
			expect(result.workflowData).toBeUndefined();
			// The quadratic parse took seconds (16 s for 80,000 siblings); the checks take microseconds.
			// The bound leaves room for a busy machine (issue 21) and is still far below the parse.
			expect(Date.now() - started).toBeLessThan(5000);
		},
	);

	it('still reads an ADF just under the limits, and checks its key after the parse', async () => {
		const adf = (key: string) =>
			`<adf>${'<x/>'.repeat(1_980)}<prospect><customer><contact><name part="first">A</name><email>a@b.co</email></contact></customer></prospect><format><key>${key}</key></format></adf>`;
		const ok = await call(
			{ contentType: 'text/plain', raw: adf(KEY), body: adf(KEY) },
			{ checkAppKey: true },
		);
		expect(ok.answer.status).toBe(200);
		expect(ok.result.workflowData![0][0].json).toEqual({
			submissionType: 'adf',
			pilot_firstname: 'A',
			pilot_email: 'a@b.co',
			adf_names: [{ part: 'first', type: 'individual', value: 'A' }],
			adf_emails: [{ preferred: false, value: 'a@b.co' }],
		});
		const wrong = await call(
			{ contentType: 'text/plain', raw: adf('nope'), body: adf('nope') },
			{ checkAppKey: true },
		);
		expect(wrong.answer).toEqual({
			status: 401,
			json: { success: false, message: 'Error', data: 'The appkey is not valid' },
		});
	});

	it.each([
		['text/plain', 200],
		['application/x-www-form-urlencoded', 200],
		['', 200],
		// JSON is never read as XML (n8n refuses such a JSON body itself, 422), nor are other types.
		['application/octet-stream', 400],
		['text/html', 400],
	])('an ADF body posted as "%s" is read by its start: %s', async (contentType, status) => {
		const adf = `<?xml version="1.0"?><adf><prospect><customer><contact><email>a@b.co</email></contact></customer></prospect></adf>`;
		const { answer } = await call({ contentType, raw: adf, body: {} });
		expect(answer.status).toBe(status);
	});

	it('checks the app keys of a JSON body before its shape: a keyless sender learns nothing of the rules', async () => {
		const { answer } = await call(
			{ contentType: 'application/json', body: [{ ...lead, appkey: KEY }, { hello: 'world' }] },
			{ checkAppKey: true },
		);
		expect(answer).toEqual({
			status: 401,
			json: {
				success: false,
				message: 'Error',
				data: 'submission 2: The appkey required parameter was not configured',
			},
		});
		const notFields = await call(
			{ contentType: 'text/plain', raw: 'hello', body: 'hello' },
			{ checkAppKey: true },
		);
		expect(notFields.answer.status).toBe(401);
	});

	// Issue 15, item 9: the sender's own submissionType field replaced the computed one.
	it.each([
		['a lead', { ...lead, submissionType: 'survey' }, 'lead'],
		['a survey', { surveytype: 'A', telefono_contacto: '1', submissionType: 'adf' }, 'survey'],
	])(
		'emits %s with the computed submissionType, whatever the sender wrote',
		async (_name, body, kind) => {
			const { result } = await call({ contentType: 'application/json', body });
			const json = result.workflowData![0][0].json;
			expect(json.submissionType).toBe(kind);
			expect(Object.keys(json)[0]).toBe('submissionType');
		},
	);

	it('emits the computed submissionType of a simplified lead too', async () => {
		const { result } = await call(
			{ contentType: 'application/json', body: { ...lead, submissionType: 'survey' } },
			{ simplify: true },
		);
		expect(result.workflowData![0][0].json.submissionType).toBe('lead');
	});

	// Issue 15, item 10: [] passed Check Required Fields, and a key sent as an array was accepted.
	it.each([
		[
			'an empty list',
			{ ...lead, pilot_contact_type_id: [] },
			'Field "pilot_contact_type_id" must be text or a number, not a list',
		],
		[
			'a list',
			{ ...lead, pilot_business_type_code: ['New'] },
			'Field "pilot_business_type_code" must be text or a number, not a list',
		],
		[
			'true',
			{ ...lead, pilot_contact_type_id: true },
			'Field "pilot_contact_type_id" must be text or a number, not the boolean true',
		],
		[
			'a list beside a valid alternative',
			{ ...lead, pilot_contact_type_code: [] },
			'Field "pilot_contact_type_code" must be text or a number, not a list',
		],
		[
			'a survey type list',
			{ surveytype: [], telefono_contacto: '1' },
			'Field "surveytype" must be text or a number, not a list',
		],
		[
			'a phone list',
			{ surveytype: 'A', celular_contacto: [] },
			'Field "celular_contacto" must be text or a number, not a list',
		],
		[
			'blank text',
			{ ...lead, pilot_contact_type_id: '  ' },
			'pilot_contact_type_id or pilot_contact_type_code is required',
		],
	])('refuses a required field holding %s with 400 naming it', async (_name, body, message) => {
		const { answer, result } = await call({ contentType: 'application/json', body });
		expect(answer).toEqual({
			status: 400,
			json: { success: false, message: 'Error', data: message },
		});
		expect(result.workflowData).toBeUndefined();
	});

	it('takes numbers in required fields, as a JSON sender writes the doc\'s "Numeric value"', async () => {
		const { answer, result } = await call({
			contentType: 'application/json',
			body: { pilot_firstname: 'Ana', pilot_contact_type_id: 1, pilot_business_type_id: 2 },
		});
		expect(answer.status).toBe(200);
		expect(result.workflowData![0][0].json.pilot_contact_type_id).toBe(1);
	});

	it.each([
		['a JSON array holding the right key', { ...lead, appkey: [KEY] }],
		['a form sending appkey twice', { ...lead, appkey: [KEY, KEY] }],
		['an object', { ...lead, appkey: { 0: KEY } }],
		['a number', { ...lead, appkey: 123 }],
	])('refuses an app key sent as %s with 401', async (_name, body) => {
		const { answer, result } = await call(
			{ contentType: 'application/json', body },
			{ checkAppKey: true },
		);
		expect(answer).toEqual({
			status: 401,
			json: { success: false, message: 'Error', data: 'The appkey must be a single text value' },
		});
		expect(result.workflowData).toBeUndefined();
	});
});
