import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { readRequestOptions, returnAllFields } from '../../shared/descriptions';
import { publitracPages } from '../transport';
import type { PageRequest } from '../transport';

/** Return All / Limit of every paged read (getLeads, getView, getList, getCampaigns, getOpportunities). */
export { returnAllFields };

/** Reads every page (or up to Limit) of a paged method for one item. */
export async function readPaged(
	this: IExecuteFunctions,
	itemIndex: number,
	request: Omit<PageRequest, 'limit' | 'itemIndex' | 'timeoutMs' | 'retry'>,
): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : Math.max(1, Number(this.getNodeParameter('limit', itemIndex, 50)) || 50);
	const { records } = await publitracPages.call(this, { ...request, limit, itemIndex, ...readRequestOptions.call(this, itemIndex) });
	return records;
}

/** A write's answer as one output item. */
export function answerItem(answer: { status: string; message: string }, extra: IDataObject = {}): IDataObject {
	return { success: true, status: answer.status, message: answer.message, ...extra };
}
