import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { answerItem } from '../../helpers/common';
import { leadLocator, readLeadEmail } from '../leadLocator';
import { publitracCall } from '../../transport';
import { listNameField, readListName } from './fields';

const properties: INodeProperties[] = [
	listNameField,
	leadLocator('The lead to remove from the list'),
];

export const requestOptions = true;

export const description = updateDisplayOptions(
	{ show: { resource: ['list'], operation: ['removeLead'] } },
	properties,
);

/**
 * POST removeLeadFromList: named in the error-code appendix only (2008 / 9014), so it takes
 * the XML of its sibling addLeadsToList with one lead.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject> {
	const name = readListName.call(this, itemIndex);
	const email = readLeadEmail.call(this, itemIndex);
	const answer = await publitracCall.call(this, {
		method: 'removeLeadFromList',
		http: 'POST',
		query: {
			name: 'request',
			children: [
				{ name: 'list', children: [{ name: 'name', text: name }] },
				{ name: 'leads', children: [{ name: 'lead', children: [{ name: 'email', text: email }] }] },
			],
		},
		idempotent: false,
		itemIndex,
		...requestOptions,
	});
	return answerItem(answer, { listName: name, email });
}
