import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { inputError } from '../../../shared/errors';
import { cachedCredentials } from '../../../shared/transport';
import { assertEmail, isBlank } from '../../../shared/validation';
import { answerItem } from '../../helpers/common';
import { PUBLITRAC_CREDENTIAL, publitracCall } from '../../transport';

// The doc's "E-Commerce Transactions" section gives no method name: this default is ours (README).
export const DEFAULT_TRANSACTION_METHOD = 'addTransaction';

const properties: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. nathan@example.com',
		required: true,
		default: '',
		description: 'The email of the lead who made the transaction',
	},
	{
		displayName: 'Transaction',
		name: 'transaction',
		type: 'json',
		required: true,
		default: '{}',
		// The example as a hint: n8n's lint wants "ID" in a placeholder, and the JSON key is "id".
		hint: 'Example: {"id": "1000", "type": "buying", "total": "40", "currency": "EUR", "items": [{"id": "9991", "name": "T-Shirt", "price": "10", "quantity": "4"}]}',
		description:
			'The transaction as a JSON object: its ID, type, total and items (each with ID, name, price and quantity), and optionally tax, shipping, info and currency. The account token and the lead email are added when missing.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Transaction Call Name',
				name: 'method',
				type: 'string',
				default: DEFAULT_TRANSACTION_METHOD,
				description:
					'Keep the default unless PUBLITRAC support gave your account another name for recording transactions',
			},
		],
	},
];

export const requestOptions = true;

export const description = updateDisplayOptions(
	{ show: { resource: ['transaction'], operation: ['create'] } },
	properties,
);

/**
 * POST the e-commerce transaction (doc "E-Commerce Transactions"): `transaction` (JSON), the
 * account `token` (credential Account Token) and the lead `email`, as form fields.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject> {
	const node = this.getNode();
	const email = String(this.getNodeParameter('email', itemIndex) ?? '').trim();
	if (isBlank(email)) throw inputError(node, 'email', 'is required, e.g. john@acme.com', itemIndex);
	assertEmail(node, 'email', email, itemIndex);
	let transaction = this.getNodeParameter('transaction', itemIndex) as unknown;
	if (typeof transaction === 'string') {
		try {
			transaction = JSON.parse(transaction);
		} catch {
			throw inputError(
				node,
				'transaction',
				'is not valid JSON. Expected an object such as {"id": "1000", "type": "buying", "total": "40", "items": [...]}',
				itemIndex,
			);
		}
	}
	if (!transaction || typeof transaction !== 'object' || Array.isArray(transaction))
		throw inputError(node, 'transaction', 'must be a JSON object', itemIndex);
	const t = { ...(transaction as IDataObject) };
	// The default is empty: a transaction is never recorded before the user fills it in.
	if (!Object.keys(t).length) {
		throw inputError(
			node,
			'Transaction',
			'is empty. Expected the transaction as a JSON object, e.g. {"id": "1000", "type": "buying", "total": "40", "items": [{"id": "9991", "name": "T-Shirt", "price": "10", "quantity": "4"}]}',
			itemIndex,
		);
	}
	// doc "E-Commerce Transactions": the object has several required fields (see its example).
	for (const field of ['id', 'type', 'total']) {
		if (isBlank(t[field]))
			throw inputError(
				node,
				`transaction.${field}`,
				'is required: a transaction needs its id, type, total and items',
				itemIndex,
			);
	}
	if (!Array.isArray(t.items) || !t.items.length)
		throw inputError(
			node,
			'transaction.items',
			'must be a non-empty array of {id, name, price, quantity}',
			itemIndex,
		);
	(t.items as IDataObject[]).forEach((item, n) => {
		for (const field of ['id', 'name', 'price', 'quantity']) {
			if (!item || typeof item !== 'object' || isBlank(item[field]))
				throw inputError(node, `transaction.items[${n}].${field}`, 'is required', itemIndex);
		}
	});
	const credentials = await cachedCredentials.call(this, PUBLITRAC_CREDENTIAL);
	const token = String(credentials.accountToken ?? '').trim();
	if (!token)
		throw inputError(
			node,
			'Account Token',
			'the credential needs the account token for e-commerce transactions',
			itemIndex,
		);
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
		...requestOptions,
	});
	return answerItem(answer, { id: t.id as string, email });
}
