import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { answerItem } from '../../helpers/common';
import { readEmails } from '../../helpers/lead';
import { publitracCall } from '../../transport';
import { listNameField, readListName } from './fields';

const properties: INodeProperties[] = [
	listNameField,
	{
		displayName: 'Emails',
		name: 'emails',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. nathan@example.com, anna@example.com',
		description:
			'Emails of existing leads, separated by commas or new lines (or an array from an expression)',
	},
];

export const requestOptions = true;

export const description = updateDisplayOptions(
	{ show: { resource: ['list'], operation: ['addLeads'] } },
	properties,
);

/** POST addLeadsToList: many leads, one static list, created if missing (doc "Add leads to list"). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject> {
	const name = readListName.call(this, itemIndex);
	const emails = readEmails.call(
		this,
		'emails',
		this.getNodeParameter('emails', itemIndex),
		itemIndex,
	);
	const answer = await publitracCall.call(this, {
		method: 'addLeadsToList',
		http: 'POST',
		query: {
			name: 'request',
			children: [
				{ name: 'list', children: [{ name: 'name', text: name }] },
				{
					name: 'leads',
					children: emails.map((email) => ({
						name: 'lead',
						children: [{ name: 'email', text: email }],
					})),
				},
			],
		},
		idempotent: false,
		itemIndex,
		...requestOptions,
	});
	return answerItem(answer, { listName: name, emails });
}
