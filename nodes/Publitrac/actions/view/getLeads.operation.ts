import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { returnAllFields } from '../../../shared/descriptions';
import { inputError } from '../../../shared/errors';
import { publitracLead } from '../../helpers/commonLead';
import { isBlank } from '../../../shared/validation';
import { readPaged } from '../../transport/paged';

const properties: INodeProperties[] = [
	{
		displayName: 'View Name',
		name: 'viewName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. PromoABC_Email_Open',
		description: 'The name of the filtered list (view)',
	},
	...returnAllFields,
];

export const requestOptions = true;
export const simplify = publitracLead;

export const description = updateDisplayOptions(
	{ show: { resource: ['view'], operation: ['getLeads'] } },
	properties,
);

/** GET getView, following the pages (doc "Get View"). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject[]> {
	const viewName = String(this.getNodeParameter('viewName', itemIndex) ?? '').trim();
	if (isBlank(viewName))
		throw inputError(
			this.getNode(),
			'viewName',
			'is required, e.g. PromoABC_Email_Open',
			itemIndex,
		);
	return await readPaged.call(this, itemIndex, requestOptions, {
		method: 'getView',
		params: { viewName },
		kind: 'lead',
	});
}
