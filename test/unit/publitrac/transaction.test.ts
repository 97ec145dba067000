// The e-commerce write method: transaction:create (addTransaction).
import { Publitrac } from '../../../nodes/Publitrac/Publitrac.node';
import { apiCalls, credentialsFor, CREDS, expectAuth, usePublitracWithLeads, run } from './setup';

const { sim, emails } = usePublitracWithLeads();

describe('PUBLITRAC transaction:create (e-commerce)', () => {
	const transaction = {
		id: '1000',
		type: 'buying',
		total: '40',
		currency: 'EUR',
		items: [{ id: '9991', name: 'Bunnies', sku: 'DD23444', price: '10', quantity: '1' }],
	};

	it('POSTs transaction (JSON), the account token and the email as form fields', async () => {
		const { output, error } = await run(sim, {
			resource: 'transaction',
			operation: 'create',
			email: emails[0],
			transaction: JSON.stringify(transaction),
			options: {},
		});
		expect(error).toBeUndefined();
		const [call] = apiCalls(sim);
		expect(call.method).toBe('POST');
		expectAuth(call, 'addTransaction');
		const body = call.body as Record<string, string>;
		expect(body.token).toBe(CREDS.accountToken);
		expect(body.email).toBe(emails[0]);
		expect(JSON.parse(body.transaction)).toEqual({
			...transaction,
			token: CREDS.accountToken,
			email: emails[0],
		});
		expect(output[0].json).toMatchObject({ success: true, id: '1000', email: emails[0] });
		expect(sim.state.transactions).toHaveLength(1);
	});

	// The doc shows a saved transaction answered "200 OK"; the API's XML envelope with that status
	// is the same answer. Only the 9xxx family is an error (appendix "Codes d'erreurs").
	it.each([
		[
			'the XML envelope with <status>200</status>',
			'envelope200',
			{ status: '200', message: 'Transaction saved.' },
		],
		['the doc\'s plain "200 OK"', 'plain', { status: '200', message: 'OK' }],
		['the envelope with 2001', 'xml', { status: '2001', message: 'Transaction success.' }],
	])('a saved transaction answered with %s is success', async (_name, style, answer) => {
		sim.state.transactionAnswer = style;
		const { output, error } = await run(sim, {
			resource: 'transaction',
			operation: 'create',
			email: emails[0],
			transaction,
			options: {},
		});
		expect(error).toBeUndefined();
		expect(output[0].json).toEqual({ success: true, ...answer, id: '1000', email: emails[0] });
		expect(sim.state.transactions).toHaveLength(1);
		expect(apiCalls(sim)).toHaveLength(1);
	});

	it('a 9xxx status stays an error, with its meaning and the vendor line', async () => {
		sim.state.transactionAnswer = 'envelope200';
		const { error } = await run(sim, {
			resource: 'transaction',
			operation: 'create',
			email: 'nobody@acme.com',
			transaction,
			options: {},
		});
		expect(error?.message).toBe(
			'PUBLITRAC: 9005 ERROR_LEAD_DOES_NOT_EXISTS (the lead does not exist): Transaction failed. - 9005 - (nobody@acme.com) Lead not found.',
		);
		expect(sim.state.transactions).toHaveLength(0);
	});

	it('opens with an empty Transaction (no sample order), refused naming the field before any call', async () => {
		const field = new Publitrac().description.properties.find(
			(p) => p.name === 'transaction' && p.displayOptions?.show?.resource?.includes('transaction'),
		);
		expect(field?.default).toBe('{}');
		const { error } = await run(sim, {
			resource: 'transaction',
			operation: 'create',
			email: emails[0],
			transaction: field?.default,
			options: {},
		});
		expect(error?.message).toMatch(
			/^Transaction: is empty\. Expected the transaction as a JSON object/,
		);
		expect(apiCalls(sim)).toHaveLength(0);
	});

	it('refuses a transaction without items, and a credential without account token, before any call', async () => {
		const noItems = await run(sim, {
			resource: 'transaction',
			operation: 'create',
			email: emails[0],
			transaction: { ...transaction, items: [] },
			options: {},
		});
		expect(noItems.error?.message).toContain('transaction.items: must be a non-empty array');
		const noToken = await run(
			sim,
			{ resource: 'transaction', operation: 'create', email: emails[0], transaction, options: {} },
			{ credentials: credentialsFor(sim, { accountToken: '' }) },
		);
		expect(noToken.error?.message).toContain('Account Token');
		expect(apiCalls(sim)).toHaveLength(0);
	});
});
