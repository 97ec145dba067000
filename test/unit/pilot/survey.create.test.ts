import { PilotApi } from '../../../credentials/PilotApi.credentials';
import { Pilot } from '../../../nodes/Pilot/Pilot.node';
import { runNode } from '../../helpers/context';
import type { RunOptions } from '../../helpers/context';
import { PILOT_APP_KEY, pilotSimulator } from '../../helpers/sims';
import type { Simulator } from '../../helpers/sims';

let sim: Simulator;
const node = new Pilot();

beforeAll(async () => {
	sim = await pilotSimulator().start(0);
});
afterAll(async () => sim.stop());
beforeEach(() => sim.reset());

const survey = (
	top: Record<string, unknown> = {},
	additionalFields: Record<string, unknown> = {},
) => ({
	resource: 'survey',
	operation: 'create',
	surveytype: 'VENTAS',
	telefono_contacto: '1147899000',
	celular_contacto: '',
	...top,
	additionalFields: {
		nombre_contacto: 'Juan',
		apellido_contacto: 'Pérez',
		sucursal: 'Centro',
		...additionalFields,
	},
});

const run = (parameters: RunOptions['parameters'], more: Partial<RunOptions> = {}) =>
	runNode(node, {
		parameters,
		credentials: { pilotApi: { appKey: PILOT_APP_KEY, baseUrl: `${sim.url}/` } },
		credentialTypes: { pilotApi: new PilotApi() },
		...more,
	});

describe('Pilot survey:create', () => {
	it('posts the survey fields to webhooks/survey.php with a batch id of the run time', async () => {
		const before = new Date().toISOString().replace(/\D/g, '').slice(0, 12);
		const { output, error } = await run(
			survey(
				{},
				{ vin_vehiculo: '1HGCM82633A004352', Administrativo1: 'Marta', checkrepited: '0' },
			),
		);
		expect(error).toBeUndefined();
		expect(sim.log).toHaveLength(1);
		const sent = sim.log[0];
		expect(sent.path).toBe('/webhooks/survey.php');
		expect(sent.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
		expect(sent.body).toMatchObject({
			action: 'create',
			appkey: PILOT_APP_KEY,
			surveytype: 'VENTAS',
			telefono_contacto: '1147899000',
			nombre_contacto: 'Juan',
			apellido_contacto: 'Pérez',
			sucursal: 'Centro',
			vin_vehiculo: '1HGCM82633A004352',
			Administrativo1: 'Marta',
			checkrepited: '0',
		});
		expect(sent.body).not.toHaveProperty('celular_contacto');
		expect(String(sent.body.identificador_lote_carga)).toMatch(/^\d{14}$/);
		expect(String(sent.body.identificador_lote_carga).slice(0, 12) >= before).toBe(true);
		expect(output[0].json).toMatchObject({
			success: true,
			message: 'The survey was created successfully',
			id: 501,
			surveytype: 'VENTAS',
		});
		expect(output[0].json).not.toHaveProperty('appkey');
		expect(output[0].pairedItem).toEqual({ item: 0 });
	});

	it('keeps a batch id given by the user', async () => {
		await run(survey({}, { identificador_lote_carga: '20240531093000' }));
		expect(sim.log[0].body.identificador_lote_carga).toBe('20240531093000');
	});

	it('accepts the mobile alone as the contact phone', async () => {
		const { error } = await run(survey({ telefono_contacto: '', celular_contacto: '1160403456' }));
		expect(error).toBeUndefined();
		expect(sim.log[0].body).toMatchObject({ celular_contacto: '1160403456' });
	});

	it('requires at least one contact phone, before any request', async () => {
		const { error } = await run(survey({ telefono_contacto: '' }));
		expect(error?.message).toMatch(
			/telefono_contacto or celular_contacto: at least one is required/,
		);
		expect(sim.log).toHaveLength(0);
	});

	it('requires the survey type', async () => {
		const { error } = await run(survey({ surveytype: '' }));
		expect(error?.message).toMatch(/Survey Type \(surveytype\): is required/);
		expect(sim.log).toHaveLength(0);
	});

	it('refuses a VIN that is not 17 letters or digits', async () => {
		const { error } = await run(survey({}, { vin_vehiculo: 'ABC' }));
		expect(error?.message).toMatch(/Vehicle VIN \(vin_vehiculo\): "ABC" is not a VIN/);
		expect(sim.log).toHaveLength(0);
	});

	it.each([
		['email_contacto', 'Contact Email'],
		['user_name_encuestador', 'Survey User'],
	])('refuses a malformed %s', async (field, label) => {
		const { error } = await run(survey({}, { [field]: 'x@' }));
		expect(error?.message).toContain(`${label} (${field}): "x@" is not a valid email address`);
		expect(sim.log).toHaveLength(0);
	});

	it('with checkrepited=1, Pilot creates a repeated survey only once', async () => {
		await run(survey({}, { checkrepited: '1', comprobante_interno: 'OR-1' }));
		const { output } = await run(survey({}, { checkrepited: '1', comprobante_interno: 'OR-1' }));
		expect(sim.state.surveys).toHaveLength(1);
		expect(output[0].json.message).toMatch(/already exists/);
	});

	it("fails the item when Pilot's data.success says the survey was not inserted, with Pilot's message", async () => {
		sim.addFault({ kind: 'notStored', message: 'Survey type VENTAS is closed', value: '0' });
		const { output, error } = await run(survey());
		expect(error?.message).toBe('Pilot did not store the survey: Survey type VENTAS is closed');
		expect(output).toEqual([]);
		expect(sim.log).toHaveLength(1);
		expect(sim.state.surveys).toHaveLength(0);
	});

	it("surfaces Pilot's error text", async () => {
		sim.state.appKeys = ['another-key'];
		const { error } = await run(survey());
		expect(error?.message).toBe('Pilot: Error - The appkey is not valid for any Pilot instance');
	});
});
