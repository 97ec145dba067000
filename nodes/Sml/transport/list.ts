import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { RequestOptions } from '../../shared/types';
import { compact } from '../../shared/validation';
import { smlList } from './index';

/** Runs a list call with the operation's Return All / Limit and the item's Request Options. */
export async function runList(
	this: IExecuteFunctions,
	path: string,
	qs: IDataObject,
	itemIndex: number,
	requestOptions: RequestOptions,
	what?: string,
): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? 0 : (this.getNodeParameter('limit', itemIndex, 50) as number);
	return await smlList.call(this, path, {
		returnAll,
		limit,
		qs: compact(qs),
		itemIndex,
		what,
		...requestOptions,
	});
}
