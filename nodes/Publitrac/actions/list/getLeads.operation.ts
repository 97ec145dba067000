import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { requestOptionsField, returnAllFields } from '../../../shared/descriptions';
import { inputError } from '../../../shared/errors';
import { simplifyField, simplifyOutput } from '../../../shared/leadShape';
import { publitracLead } from '../../helpers/commonLead';
import { isBlank } from '../../../shared/validation';
import { readPaged } from '../../transport/paged';

const properties: INodeProperties[] = [
	{
		displayName: 'List Name',
		name: 'listName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Newsletter Subscribers',
		description: 'The name of the list',
	},
	...returnAllFields,
	simplifyField,
	requestOptionsField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['list'], operation: ['getLeads'] } },
	properties,
);

/**
 * GET getList, following the pages (doc "Get List"). The doc's example URL says viewName, its
 * parameter table listName: the table (the method's own definition) is followed.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const listName = String(this.getNodeParameter('listName', itemIndex) ?? '').trim();
	if (isBlank(listName))
		throw inputError(
			this.getNode(),
			'listName',
			'is required, e.g. Newsletter Subscribers',
			itemIndex,
		);
	const leads = await readPaged.call(this, itemIndex, {
		method: 'getList',
		params: { listName },
		kind: 'lead',
	});
	return simplifyOutput.call(this, itemIndex, publitracLead, leads);
}
