import type { IDataObject } from 'n8n-workflow';
import { obj, firstText, joinText } from '../../shared/leadShape';
import type { LeadMapper, LeadValues } from '../../shared/leadShape';

// Simplify's common lead (nodes/shared/leadShape.ts) for this CRM's records. Pure: no I/O.

/**
 * SML: a lead (doc "Consultar Lead": the person is its nested `client`) or a client of
 * "Buscar clientes". SML keeps one full `name` and one `phone`; province and locality are ids
 * with their `*_data` objects; the country is only an id.
 */
function sml(r: IDataObject): LeadValues {
	const isLead = 'client' in r || 'source_data' in r || 'vehicle' in r;
	const person = isLead ? (obj(r.client) ?? {}) : r;
	const source = obj(r.source_data);
	return {
		crmId: r.id,
		lastName: person.name,
		email: person.email,
		phone: person.phone,
		city: obj(person.location_data)?.name,
		state: obj(person.province_data)?.name,
		// The source as the Source dropdown names it (origin - channel), else its id.
		source: isLead ? firstText(joinText(' - ', obj(source?.origin_data)?.name, obj(source?.channel_data)?.name), r.source) : '',
	};
}

export const smlLead: LeadMapper = { crm: 'sml', map: sml };
