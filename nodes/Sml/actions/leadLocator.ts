import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { byWholeNumberId, recordLocator } from '../../shared/locator';
import { readId } from '../../shared/validation';

/**
 * A lead, as n8n's own CRM nodes pick a record: "From List" (searchable, paged; the listSearch
 * method searchLeads) or "By ID". Its internal name stays the API's (id_lead, or lead for the
 * calls whose body field is `lead`); a plain ID saved by older workflows still reads.
 */
export function leadLocator(name: 'id_lead' | 'lead', description: string): INodeProperties {
	return recordLocator({
		displayName: 'Lead',
		name,
		description,
		list: { searchListMethod: 'searchLeads', placeholder: 'Select a lead...' },
		typed: byWholeNumberId('lead', '1234'),
	});
}

/** The lead's ID from the locator (or a plain value of an older workflow), as a number. */
export function readLeadId(
	this: IExecuteFunctions,
	itemIndex: number,
	name: 'id_lead' | 'lead' = 'id_lead',
): number {
	const value = this.getNodeParameter(name, itemIndex, '', { extractValue: true });
	return readId(this.getNode(), `Lead (${name})`, value, itemIndex, { required: true }) as number;
}
