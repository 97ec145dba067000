import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { returnAllFields } from '../../../shared/descriptions';
import { inputError } from '../../../shared/errors';
import { publitracLead } from '../../helpers/commonLead';
import { getListParams } from '../../helpers/common';
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
];

export const requestOptions = true;
export const simplify = publitracLead;

export const description = updateDisplayOptions(
	{ show: { resource: ['list'], operation: ['getLeads'] } },
	properties,
);

/**
 * GET getList, following the pages (doc "Get List"). The doc's example URL says viewName, its
 * parameter table listName: both are sent (see getListParams).
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject[]> {
	const listName = String(this.getNodeParameter('listName', itemIndex) ?? '').trim();
	if (isBlank(listName))
		throw inputError(
			this.getNode(),
			'listName',
			'is required, e.g. Newsletter Subscribers',
			itemIndex,
		);
	return await readPaged.call(this, itemIndex, requestOptions, {
		method: 'getList',
		params: getListParams(listName),
		kind: 'lead',
	});
}
