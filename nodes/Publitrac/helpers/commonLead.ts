import type { IDataObject } from 'n8n-workflow';
import { firstText } from '../../shared/leadShape';
import type { LeadMapper, LeadValues } from '../../shared/leadShape';

// Simplify's common lead (nodes/shared/leadShape.ts) for this CRM's records. Pure: no I/O.

/** PUBLITRAC: the <lead> of getLead/getLeads/getView/getList (doc "Get lead"), parsed as strings. */
function publitrac(r: IDataObject): LeadValues {
	return {
		crmId: r.id,
		firstName: r.firstName,
		lastName: r.lastName,
		email: r.email,
		phone: r.phone,
		mobile: r.mobile,
		company: r.company,
		street: r.mailingAddress,
		postalCode: r.postalCode,
		city: r.city,
		state: r.state,
		country: r.country,
		source: firstText(r.originalSource, r.leadSource),
	};
}

export const publitracLead: LeadMapper = { crm: 'publitrac', map: publitrac };
