import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { requestOptionsField, returnAllFields } from '../../../shared/descriptions';
import { readPaged } from '../../transport/paged';

export const description = updateDisplayOptions(
	{ show: { resource: ['opportunity'], operation: ['getMany'] } },
	[...returnAllFields, requestOptionsField],
);

/** GET getOpportunities, following the pages (doc "Get opportunities"). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await readPaged.call(this, itemIndex, { method: 'getOpportunities', kind: 'opportunity' });
}
