import { apiCalls, runSml, useSmlSimulator } from './setup';

const sim = useSmlSimulator();
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
