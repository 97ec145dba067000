// "Simplify" on pilotTrigger: a lead posted exactly as the Pilot node posts it to Pilot (what the
// simulator received over real HTTP), and an ADF email the node built, come out in the common
// lead shape, after what was submitted (submissionType); surveys are not leads and stay as they are; without Simplify nothing changes.
import type { IDataObject } from 'n8n-workflow';
import { PilotApi } from '../../../credentials/PilotApi.credentials';
import { Pilot } from '../../../nodes/Pilot/Pilot.node';
import { PilotTrigger } from '../../../nodes/Pilot/PilotTrigger.node';
import { runNode } from '../../helpers/context';
import { PILOT_APP_KEY, pilotCredential, pilotSimulator } from '../../helpers/sims';
import type { Simulator } from '../../helpers/sims';
import { callWebhook } from '../../helpers/webhook';

let sim: Simulator;
beforeAll(async () => {
	sim = await pilotSimulator().start(0);
});
afterAll(async () => sim.stop());
beforeEach(() => sim.reset());

/** pilotTrigger's webhook() with the request n8n hands it (form or JSON body parsed, raw text kept). */
async function receive(
	request: { contentType: string; body?: unknown; raw?: string },
	simplify: boolean | undefined,
) {
	const params: IDataObject = {
		path: 'pilot',
		checkAppKey: false,
		accept: ['lead', 'survey', 'adf'],
		checkRequired: true,
	};
	if (simplify !== undefined) params.simplify = simplify;
	const { result, answeredBy } = await callWebhook(
		new PilotTrigger(),
		{ headers: { 'content-type': request.contentType }, raw: request.raw, body: request.body },
		{ parameters: params, credentials: pilotCredential(sim.url).data },
	);
	// Accepted: n8n answers 200 with the node's webhookResponse, once the execution exists (the node did not answer).
	expect(answeredBy).toBe('n8n');
	expect(result.noWebhookResponse).toBeUndefined();
	expect(result.webhookResponse).toMatchObject({ success: true });
	return result.workflowData![0];
}

const FIELDS = {
	pilot_firstname: 'Ana',
	pilot_lastname: 'García',
	pilot_second_lastname: 'López',
	pilot_email: 'ana@example.com',
	pilot_phone: '011 4444-5555',
	pilot_cellphone: '11 5555-6666',
	pilot_client_company: 'Acme SA',
	pilot_address_street: 'Av. Corrientes',
	pilot_addresss_number: '1234',
	pilot_address_postal_code: 'C1043',
	pilot_city: 'Buenos Aires',
	pilot_province: 'CABA',
	pilot_country: 'Argentina',
	pilot_provider_service: 'Landing Verano',
	pilot_suborigin_id: '1',
};

const ANA = {
	id: '',
	firstName: 'Ana',
	lastName: 'García López',
	email: 'ana@example.com',
	phone: '011 4444-5555',
	mobile: '11 5555-6666',
	company: 'Acme SA',
	postalCode: 'C1043',
	city: 'Buenos Aires',
	country: 'Argentina',
};

describe('pilotTrigger with Simplify', () => {
	it('turns a lead posted as the Pilot node posts it into the common lead; off, the item is unchanged', async () => {
		const created = await runNode(new Pilot(), {
			parameters: {
				resource: 'lead',
				operation: 'create',
				pilot_contact_type_id: '1',
				pilot_business_type_code: 'New',
				additionalFields: FIELDS,
				requestOptions: { maxRetries: 0 },
			},
			credentials: { pilotApi: pilotCredential(sim.url).data },
			credentialTypes: { pilotApi: new PilotApi() },
		});
		expect(created.error).toBeUndefined();
		// The form the simulator received over HTTP, as n8n would parse it for the trigger.
		const posted = sim.log[0].body;
		expect(posted).toMatchObject({ action: 'create', appkey: PILOT_APP_KEY, ...FIELDS });

		const request = { contentType: 'application/x-www-form-urlencoded', body: posted };
		const before = await receive(request, undefined);
		const off = await receive(request, false);
		const on = await receive(request, true);
		const { ...fields } = posted;
		delete fields.appkey;
		delete fields.action;
		expect(before).toEqual([{ json: { submissionType: 'lead', ...fields } }]);
		expect(off).toEqual(before);
		expect(on).toEqual([{ json: { submissionType: 'lead', ...ANA } }]);
		expect(JSON.stringify(on)).not.toContain(PILOT_APP_KEY);
	});

	it('simplifies the leads of a body, leaves its surveys as they are, in order', async () => {
		const survey = {
			action: 'create',
			surveytype: 'A',
			telefono_contacto: '1144445555',
			nombre_contacto: 'Bea',
		};
		const lead = {
			action: 'create',
			pilot_contact_type_id: '1',
			pilot_business_type_id: '2',
			pilot_firstname: 'Bea',
			pilot_email: 'bea@x.com',
			pilot_origin_id: 4,
		};
		const on = await receive({ contentType: 'application/json', body: [lead, survey] }, true);
		expect(on).toEqual([
			{
				json: {
					submissionType: 'lead',
					id: '',
					firstName: 'Bea',
					lastName: '',
					email: 'bea@x.com',
					phone: '',
					mobile: '',
					company: '',
					postalCode: '',
					city: '',
					country: '',
				},
			},
			{
				json: {
					submissionType: 'survey',
					surveytype: 'A',
					telefono_contacto: '1144445555',
					nombre_contacto: 'Bea',
				},
			},
		]);
	});

	it('turns an ADF email built by the node (lead:buildAdf) into the same common lead', async () => {
		const built = await runNode(new Pilot(), {
			parameters: {
				resource: 'lead',
				operation: 'buildAdf',
				additionalFields: FIELDS,
				adfOptions: { providerName: 'Portal' },
			},
			timezone: 'America/Argentina/Buenos_Aires',
		});
		expect(built.error).toBeUndefined();
		const adf = String(built.output[0].json.adf);
		const off = await receive({ contentType: 'application/xml', raw: adf, body: {} }, false);
		const on = await receive({ contentType: 'application/xml', raw: adf, body: {} }, true);
		expect(off[0].json).toMatchObject({
			submissionType: 'adf',
			pilot_firstname: 'Ana',
			pilot_lastname: 'García López',
			pilot_address_street: 'Av. Corrientes 1234',
		});
		// ADF has no company field and one street line (street and number together).
		expect(on).toEqual([{ json: { submissionType: 'adf', ...ANA, company: '' } }]);
	});
});
