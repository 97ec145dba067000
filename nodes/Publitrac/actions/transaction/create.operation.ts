import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { readRequestOptions, requestOptionsField } from '../../../shared/descriptions';
import { inputError } from '../../../shared/errors';
import { cachedCredentials } from '../../../shared/transport';
import { assertEmail, isBlank } from '../../../shared/validation';
import { answerItem } from '../../helpers/common';
import { PUBLITRAC_CREDENTIAL, publitracCall } from '../../transport';

// The doc's "E-Commerce Transactions" section gives no method name: this default is ours (README).
export const DEFAULT_TRANSACTION_METHOD = 'addTransaction';

const properties: INodeProperties[] = [
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', required: true, default: '', description: 'The email of the lead who made the transaction' },
	{
		displayName: 'Transaction',
		name: 'transaction',
		type: 'json',
		required: true,
		default: '{\n  "id": "1000",\n  "type": "buying",\n  "total": "40",\n  "currency": "EUR",\n  "items": [{ "id": "9991", "name": "Bunnies", "sku": "DD23444", "category": "Animals", "price": "10", "quantity": "1" }]\n}',
		description: 'The transaction as in the doc example: ID, type, total, items (ID, name, price, quantity) and optional tax, shipping, info, currency. Token and email are filled in when missing.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Method',
				name: 'method',
				type: 'string',
				default: DEFAULT_TRANSACTION_METHOD,
				description: 'The API method name; the doc does not give one, so set the one PUBLITRAC gave you if it differs',
			},
		],
	},
	requestOptionsField,
];

export const description = updateDisplayOptions({ show: { resource: ['transaction'], operation: ['create'] } }, properties);

/**
 * POST the e-commerce transaction (doc "E-Commerce Transactions"): `transaction` (JSON), the
 * account `token` (credential Account Token) and the lead `email`, as form fields.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const email = String(this.getNodeParameter('email', itemIndex) ?? '').trim();
	if (isBlank(email)) throw inputError(node, 'email', 'is required, e.g. john@acme.com', itemIndex);
	assertEmail(node, 'email', email, itemIndex);
	let transaction = this.getNodeParameter('transaction', itemIndex) as unknown;
	if (typeof transaction === 'string') {
		try {
			transaction = JSON.parse(transaction);
		} catch {
			throw inputError(node, 'transaction', 'is not valid JSON. Expected an object such as {"id": "1000", "type": "buying", "total": "40", "items": [...]}', itemIndex);
		}
	}
	if (!transaction || typeof transaction !== 'object' || Array.isArray(transaction)) throw inputError(node, 'transaction', 'must be a JSON object', itemIndex);
	const t = { ...(transaction as IDataObject) };
	// doc "E-Commerce Transactions": the object has several required fields (see its example).
	for (const field of ['id', 'type', 'total']) {
		if (isBlank(t[field])) throw inputError(node, `transaction.${field}`, 'is required (see the doc example: id, type, total, items)', itemIndex);
	}
	if (!Array.isArray(t.items) || !t.items.length) throw inputError(node, 'transaction.items', 'must be a non-empty array of {id, name, price, quantity}', itemIndex);
	(t.items as IDataObject[]).forEach((item, n) => {
		for (const field of ['id', 'name', 'price', 'quantity']) {
			if (!item || typeof item !== 'object' || isBlank(item[field])) throw inputError(node, `transaction.items[${n}].${field}`, 'is required', itemIndex);
		}
	});
	const credentials = await cachedCredentials.call(this, PUBLITRAC_CREDENTIAL);
	const token = String(credentials.accountToken ?? '').trim();
	if (!token) throw inputError(node, 'Account Token', 'the credential needs the account token for e-commerce transactions', itemIndex);
	if (isBlank(t.token)) t.token = token;
	if (isBlank(t.email)) t.email = email;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const method = String(options.method ?? '').trim() || DEFAULT_TRANSACTION_METHOD;
	const answer = await publitracCall.call(this, {
		method,
		http: 'POST',
		form: { transaction: JSON.stringify(t), token, email },
		idempotent: false,
		itemIndex,
		...readRequestOptions.call(this, itemIndex),
	});
	return answerItem(answer, { id: t.id as string, email });
}
