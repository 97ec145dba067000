import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { drfPage } from '../../shared/paging';
import { smlRequest } from '../transport';

// One page of the picker: the user scrolls for more (n8n asks again with the paginationToken).
const PICKER_PAGE_SIZE = 50;

/** A lead as the picker shows it: its client, its vehicle and its ID. */
function leadName(lead: IDataObject): string {
	const client = (lead.client as IDataObject | null | undefined)?.name;
	const vehicle = (lead.vehicle as IDataObject | null | undefined)?.brand_model;
	const parts = [client, vehicle].filter((x) => typeof x === 'string' && x.trim() !== '');
	return parts.length ? `${parts.join(' - ')} (#${String(lead.id)})` : `Lead ${String(lead.id)}`;
}

/** Searchable lists of records for the "From List" mode of a resource locator. */
export const listSearch = {
	/** Leads, newest pages as SML lists them, filtered by SML's own search (any attribute), page by page. */
	async searchLeads(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const qs: IDataObject = { page_size: PICKER_PAGE_SIZE };
		if (filter && filter.trim()) qs.search = filter.trim();
		if (paginationToken) qs.page = paginationToken;
		const page = drfPage(
			await smlRequest.call(this, 'GET', '/api/lead/', { qs, idempotent: true }),
		);
		const nextPage = page.next?.page;
		return {
			results: page.items.map((lead) => ({ name: leadName(lead), value: String(lead.id) })),
			...(nextPage !== undefined && nextPage !== '' ? { paginationToken: String(nextPage) } : {}),
		};
	},
};
