// The contract resource: contract:get, here the contract an order created.
import { GAS, noRetry, order, run, useSimulator } from './setup';

const sim = useSimulator();

describe('Econtract contract:get', () => {
	it('gets the contract an order created', async () => {
		await run(sim(), order('gas', GAS));
		const { output, error } = await run(sim(), {
			resource: 'contract',
			operation: 'get',
			id: 301,
			requestOptions: noRetry,
		});
		expect(error).toBeUndefined();
		expect([sim().log[1].method, sim().log[1].path]).toEqual(['GET', '/api/contracts/301']);
		expect(output[0].json).toMatchObject({
			id: 301,
			product_type: 'gas',
			ean: '541448820099999999',
		});
	});
});
