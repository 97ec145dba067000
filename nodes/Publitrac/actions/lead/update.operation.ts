import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { readRequestOptions, requestOptionsField } from '../../../shared/descriptions';
import { answerItem } from '../../helpers/common';
import { leadElement, readLeadInput } from '../../helpers/lead';
import { publitracCall } from '../../transport';
import { leadProperties } from './fields';

// Independent writes: sent concurrently (Request Options > Parallel Requests), within the rate limit.
export const parallel = true;

// An update's optional fields are its "Update Fields" (n8n's word); the internal name stays additionalFields.
const updateProperties = leadProperties.map((p) =>
	p.name === 'additionalFields' ? { ...p, displayName: 'Update Fields' } : p,
);

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['update'] } },
	[...updateProperties, requestOptionsField],
);

/**
 * POST updateLead: named in the error-code appendix only, with the XML of syncLead; the lead is
 * found by its email. The doc does not call it an upsert, so it is never sent twice.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const lead = leadElement.call(this, readLeadInput.call(this, itemIndex), itemIndex);
	const answer = await publitracCall.call(this, {
		method: 'updateLead',
		http: 'POST',
		query: { name: 'request', children: [lead] },
		idempotent: false,
		itemIndex,
		...readRequestOptions.call(this, itemIndex),
	});
	return answerItem(answer, { email: lead.children?.[0]?.text });
}
