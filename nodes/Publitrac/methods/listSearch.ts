import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import type { XmlNode } from '../../shared/xml';
import { publitracPage } from '../transport';

const text = (value: unknown): string =>
	typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';

/** A lead as the picker shows it: "First Last <email>", or its email alone without a name. */
function leadName(lead: IDataObject, email: string): string {
	const name = [text(lead.firstName), text(lead.lastName)].filter((x) => x !== '').join(' ');
	return name ? `${name} <${email}>` : email;
}

/**
 * The getLeads query (doc "Get leads"): the leads whose email contains the text (`like` with %
 * around it, the one comparison the doc gives; its conditions all apply, so no OR on the names),
 * or every lead with no text (the doc's empty <queries>).
 */
export function pickerQuery(filter?: string): XmlNode {
	const search = (filter ?? '').trim();
	const queries: XmlNode[] = search
		? [
				{
					name: 'query',
					children: [
						{ name: 'field', text: 'email' },
						{ name: 'operator', text: 'like' },
						{ name: 'value', text: `%${search}%` },
					],
				},
			]
		: [];
	return { name: 'request', children: [{ name: 'queries', children: queries }] };
}

/** Searchable lists of records for the "From List" mode of a resource locator. */
export const listSearch = {
	/** Leads whose email contains the search text, one PUBLITRAC page (100) per call. */
	async searchLeads(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const asked = Number(paginationToken);
		const page = Number.isSafeInteger(asked) && asked > 1 ? asked : 1;
		const { records, nextPage } = await publitracPage.call(
			this,
			{ method: 'getLeads', query: pickerQuery(filter), kind: 'lead' },
			page,
		);
		const results = records
			.map((lead) => ({ lead, email: text(lead.email) }))
			.filter(({ email }) => email !== '')
			.map(({ lead, email }) => ({ name: leadName(lead, email), value: email }));
		return {
			results,
			...(nextPage !== undefined ? { paginationToken: String(nextPage) } : {}),
		};
	},
};
