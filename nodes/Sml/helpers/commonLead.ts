import type { IDataObject } from 'n8n-workflow';
import { obj } from '../../shared/leadShape';
import type { LeadMapper, LeadValues } from '../../shared/leadShape';

// Simplify's common lead (nodes/shared/leadShape.ts) for this CRM's records. Pure: no I/O.

/**
 * SML: a lead (doc "Consultar Lead": the person is its nested `client`) or a client of
 * "Buscar clientes". SML keeps one full `name` and one `phone`; the locality is an id
 * with its `location_data` object; the country is only an id.
 */
function sml(r: IDataObject): LeadValues {
	const isLead = 'client' in r || 'source_data' in r || 'vehicle' in r;
	const person = isLead ? (obj(r.client) ?? {}) : r;
	return {
		id: r.id,
		lastName: person.name,
		email: person.email,
		phone: person.phone,
		city: obj(person.location_data)?.name,
	};
}

export const smlLead: LeadMapper = { map: sml };
