import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';
import { Sml } from '../../../nodes/Sml/Sml.node';
import { createTriggerContext } from '../../helpers/context';
import { credentialsFor, credentialTypes, useSmlSimulator } from './setup';

const sim = useSmlSimulator();
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
