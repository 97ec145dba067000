import type { IDataObject } from 'n8n-workflow';
import { firstObj, firstText, leadText, obj } from '../../shared/leadShape';
import type { LeadMapper, LeadValues } from '../../shared/leadShape';

// Simplify's common lead (nodes/shared/leadShape.ts) for this CRM's records. Pure: no I/O.

/** The keys of `record` starting with `prefix`, without it (Econtract's client_ / address_ groups). */
function unprefixed(record: IDataObject, prefix: string): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(record))
		if (key.startsWith(prefix)) out[key.slice(prefix.length)] = value;
	return out;
}

const ECONTRACT_CLIENT_KEYS = [
	'client_first_name',
	'client_last_name',
	'client_name',
	'client_email',
];

/**
 * Econtract: a client (doc "Create client" fields), a lead (same person fields, address as
 * address_*), or an order (its client nested as `client` or flat as client_*; then the id is
 * the client's id, so Client > Get finds the person).
 */
function econtract(r: IDataObject): LeadValues {
	const nested = obj(r.client);
	const flat = ECONTRACT_CLIENT_KEYS.some((key) => key in r) ? unprefixed(r, 'client_') : undefined;
	const isOrder = nested !== undefined || flat !== undefined;
	const person = nested ?? flat ?? r;
	const address =
		obj(r.address) ??
		obj(person.address) ??
		firstObj(r.addresses) ??
		firstObj(person.addresses) ??
		unprefixed(r, 'address_');
	const hasParts = !!(leadText(person.first_name) || leadText(person.last_name));
	return {
		id: isOrder ? firstText(nested?.id, r.client_id) : r.id,
		firstName: person.first_name,
		// Only a single `name`: it is the last name.
		lastName: hasParts ? person.last_name : person.name,
		email: person.email,
		phone: firstText(person.landline, person.phone),
		mobile: person.cellphone,
		company: person.company,
		postalCode: address.postal_code,
		city: address.city,
		country: address.country,
	};
}

export const econtractLead: LeadMapper = { map: econtract };
