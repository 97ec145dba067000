import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { readId } from '../../shared/validation';

/**
 * A lead, as n8n's own CRM nodes pick a record: "From List" (searchable, paged; the listSearch
 * method searchLeads) or "By ID". Its internal name stays the API's (id_lead, or lead for the
 * calls whose body field is `lead`); a plain ID saved by older workflows still reads.
 */
export function leadLocator(name: 'id_lead' | 'lead', description: string): INodeProperties {
	return {
		displayName: 'Lead',
		name,
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a lead...',
				typeOptions: { searchListMethod: 'searchLeads', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 1234',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^\\s*[0-9]+\\s*$',
							errorMessage: 'Not a valid lead ID: enter a whole number, e.g. 1234',
						},
					},
				],
			},
		],
	};
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
