import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { RequestOptions } from '../../shared/types';
import { publitracPages } from './index';
import type { PageRequest } from './index';

/** Reads every page (or up to Limit) of a paged method for one item. */
export async function readPaged(
	this: IExecuteFunctions,
	itemIndex: number,
	requestOptions: RequestOptions,
	request: Omit<PageRequest, 'limit' | 'itemIndex' | 'timeoutMs' | 'retry'>,
): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll
		? undefined
		: Math.max(1, Number(this.getNodeParameter('limit', itemIndex, 50)) || 50);
	const { records } = await publitracPages.call(this, {
		...request,
		limit,
		itemIndex,
		...requestOptions,
	});
	return records;
}
