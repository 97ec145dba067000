import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { returnAllFields } from '../../../shared/descriptions';
import { readPaged } from '../../transport/paged';

export const requestOptions = true;

export const description = updateDisplayOptions(
	{ show: { resource: ['opportunity'], operation: ['getMany'] } },
	[...returnAllFields],
);

/** GET getOpportunities, following the pages (doc "Get opportunities"). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject[]> {
	return await readPaged.call(this, itemIndex, requestOptions, {
		method: 'getOpportunities',
		kind: 'opportunity',
	});
}
