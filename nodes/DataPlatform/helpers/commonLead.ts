import type { IDataObject } from 'n8n-workflow';
import { firstObj, firstText, leadText, obj } from '../../shared/leadShape';
import type { LeadMapper, LeadValues } from '../../shared/leadShape';

// Simplify's common lead (nodes/shared/leadShape.ts) for this CRM's records. Pure: no I/O.

/** The value of one `emails` / `phones` entry: {type?, value} or plain text. */
function entryValue(entry: unknown): string {
	return leadText(obj(entry) ? (entry as IDataObject).value : entry);
}

const isMobileEntry = (entry: unknown) => leadText(obj(entry)?.type).toLowerCase() === 'mobile';

/**
 * CRM Data Platform: the `data` of an add-/update-contact or add-/update-lead action
 * (doc 2.2.1-2.2.4), or such a `data` object itself. `type` 1 is an account: a company.
 */
function dataPlatform(r: IDataObject): LeadValues {
	const p = typeof r.actionType === 'string' && obj(r.data) ? (r.data as IDataObject) : r;
	const isAccount = leadText(p.type) === '1';
	const hasLastName = leadText(p.lastname) !== '';
	const phones = Array.isArray(p.phones) ? p.phones : [];
	const emails = Array.isArray(p.emails) ? p.emails : [];
	const address = firstObj(p.addresses) ?? {};
	const country = obj(address.country);
	return {
		id: p.customerId,
		firstName: isAccount || !hasLastName ? '' : p.name,
		lastName: isAccount ? '' : hasLastName ? p.lastname : p.name,
		email: firstText(...emails.map(entryValue)),
		// Phone types are Work, Home, Mobile, Other: Mobile is the mobile, the first other one the phone.
		phone: firstText(...phones.filter((e) => !isMobileEntry(e)).map(entryValue)),
		mobile: firstText(...phones.filter(isMobileEntry).map(entryValue)),
		company: isAccount ? p.name : firstText(p.companyLead, obj(p.companyContact)?.name),
		postalCode: address.zip,
		city: address.city,
		country: country ? firstText(country.name, country.code) : address.country,
	};
}

export const dataPlatformLead: LeadMapper = { map: dataPlatform };
