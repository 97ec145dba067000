import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { returnAllFields } from '../../../shared/descriptions';
import { readPaged } from '../../transport/paged';

export const requestOptions = true;

export const description = updateDisplayOptions(
	{ show: { resource: ['campaign'], operation: ['getMany'] } },
	[...returnAllFields],
);

/** GET getCampaigns, following the pages (doc "Get campaigns"). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject[]> {
	return await readPaged.call(this, itemIndex, requestOptions, {
		method: 'getCampaigns',
		kind: 'campaign',
	});
}
