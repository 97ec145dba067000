import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { answerItem } from '../../helpers/common';
import { leadElement, readLeadInput } from '../../helpers/lead';
import { publitracCall } from '../../transport';
import { leadProperties } from './fields';

// Independent writes: sent concurrently (Request Options > Parallel Requests), within the rate limit.
export const parallel = true;

export const requestOptions = true;

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['create'] } },
	[...leadProperties],
);

/**
 * POST addLead: named in the error-code appendix only, with the XML of syncLead. Not an upsert
 * (9004 "already exists, please use updateLead()"), so never sent twice.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject> {
	const lead = leadElement.call(this, readLeadInput.call(this, itemIndex), itemIndex);
	const answer = await publitracCall.call(this, {
		method: 'addLead',
		http: 'POST',
		query: { name: 'request', children: [lead] },
		idempotent: false,
		itemIndex,
		...requestOptions,
	});
	return answerItem(answer, { email: lead.children?.[0]?.text });
}
