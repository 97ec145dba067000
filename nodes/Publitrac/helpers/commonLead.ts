import type { IDataObject } from 'n8n-workflow';
import type { LeadMapper, LeadValues } from '../../shared/leadShape';

// Simplify's common lead (nodes/shared/leadShape.ts) for this CRM's records. Pure: no I/O.

/** PUBLITRAC: the <lead> of getLead/getLeads/getView/getList (doc "Get lead"), parsed as strings. */
function publitrac(r: IDataObject): LeadValues {
	return {
		id: r.id,
		firstName: r.firstName,
		lastName: r.lastName,
		email: r.email,
		phone: r.phone,
		mobile: r.mobile,
		company: r.company,
		postalCode: r.postalCode,
		city: r.city,
		country: r.country,
	};
}

export const publitracLead: LeadMapper = { map: publitrac };
