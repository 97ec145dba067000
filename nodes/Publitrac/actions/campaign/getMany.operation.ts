import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { requestOptionsField, returnAllFields } from '../../../shared/descriptions';
import { readPaged } from '../../transport/paged';

export const description = updateDisplayOptions(
	{ show: { resource: ['campaign'], operation: ['getMany'] } },
	[...returnAllFields, requestOptionsField],
);

/** GET getCampaigns, following the pages (doc "Get campaigns"). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await readPaged.call(this, itemIndex, { method: 'getCampaigns', kind: 'campaign' });
}
