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
		displayName: 'View Name',
		name: 'viewName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. PromoABC_Email_Open',
		description: 'The name of the filtered list (view)',
	},
	...returnAllFields,
	simplifyField,
	requestOptionsField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['view'], operation: ['getLeads'] } },
	properties,
);

/** GET getView, following the pages (doc "Get View"). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const viewName = String(this.getNodeParameter('viewName', itemIndex) ?? '').trim();
	if (isBlank(viewName))
		throw inputError(
			this.getNode(),
			'viewName',
			'is required, e.g. PromoABC_Email_Open',
			itemIndex,
		);
	const leads = await readPaged.call(this, itemIndex, {
		method: 'getView',
		params: { viewName },
		kind: 'lead',
	});
	return simplifyOutput.call(this, itemIndex, publitracLead, leads);
}
