import type { IDataObject } from 'n8n-workflow';
import { joinText, leadText } from '../../shared/leadShape';
import type { LeadMapper, LeadValues } from '../../shared/leadShape';

// Simplify's common lead (nodes/shared/leadShape.ts) for this CRM's records. Pure: no I/O.

/** Pilot: trigger submissions (webhook fields, or ADF read back into pilot_* names). A webhook lead has no Pilot id. */
function pilot(r: IDataObject): LeadValues {
	const firstName = leadText(r.pilot_firstname);
	let lastName = joinText(' ', r.pilot_lastname, r.pilot_second_lastname);
	// An ADF <name part="full"> only: the full name is the last name, unless it starts with the first name.
	const full = leadText(r.pilot_fullname);
	if (!lastName && full) {
		if (!firstName) lastName = full;
		else if (full.startsWith(`${firstName} `)) lastName = full.slice(firstName.length + 1).trim();
	}
	return {
		id: '',
		firstName,
		lastName,
		email: r.pilot_email,
		phone: r.pilot_phone,
		mobile: r.pilot_cellphone,
		company: r.pilot_client_company,
		postalCode: r.pilot_address_postal_code,
		city: r.pilot_city,
		country: r.pilot_country,
	};
}

export const pilotLead: LeadMapper = { map: pilot };
