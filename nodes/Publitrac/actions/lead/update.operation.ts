import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { answerItem } from '../../helpers/common';
import { leadElement, readLeadInput } from '../../helpers/lead';
import { publitracCall } from '../../transport';
import { leadEmailValue, leadLocator } from '../leadLocator';
import { leadProperties } from './fields';

// Independent writes: sent concurrently (Request Options > Parallel Requests), within the rate limit.
export const parallel = true;

// An update's optional fields are its "Update Fields" (n8n's word); the internal name stays additionalFields.
// The lead must exist (it is found by its email): picked as a lead, not typed as a new email.
const updateProperties = leadProperties.map((p) =>
	p.name === 'additionalFields'
		? { ...p, displayName: 'Update Fields' }
		: p.name === 'email'
			? leadLocator('The lead to update, found by its email address')
			: p,
);

export const requestOptions = true;

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['update'] } },
	[...updateProperties],
);

/**
 * POST updateLead: named in the error-code appendix only, with the XML of syncLead; the lead is
 * found by its email. The doc does not call it an upsert, so it is never sent twice.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject> {
	// The email picked (or typed, or a plain email of an older workflow); <lead> checks it as before.
	const input = {
		...readLeadInput.call(this, itemIndex),
		email: leadEmailValue.call(this, itemIndex),
	};
	const lead = leadElement.call(this, input, itemIndex);
	const answer = await publitracCall.call(this, {
		method: 'updateLead',
		http: 'POST',
		query: { name: 'request', children: [lead] },
		idempotent: false,
		itemIndex,
		...requestOptions,
	});
	return answerItem(answer, { email: lead.children?.[0]?.text });
}
