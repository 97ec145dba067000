import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { econtractRequest, toOutput } from '../transport';

/** A client as the picker shows it: its name, its email and its ID. */
function clientName(client: IDataObject): string {
	const name = [client.first_name, client.last_name]
		.filter((x) => typeof x === 'string' && x.trim() !== '')
		.join(' ');
	const email = typeof client.email === 'string' && client.email ? ` <${client.email}>` : '';
	return `${name || `Client ${String(client.id)}`}${email} (#${String(client.id)})`;
}

/** Searchable lists of records for the "From List" mode of a resource locator. */
export const listSearch = {
	/**
	 * Clients matching a search text (the CRM's client search: name, email or phone). The CRM
	 * answers all matches at once (no pages) and wants a text, so an empty filter lists nothing.
	 */
	async searchClients(
		this: ILoadOptionsFunctions,
		filter?: string,
	): Promise<INodeListSearchResult> {
		const query = (filter ?? '').trim();
		if (!query) return { results: [] };
		const answer = await econtractRequest.call(this, {
			method: 'POST',
			path: '/api/clients/search',
			data: { query },
			idempotent: true,
		});
		return {
			results: toOutput(answer)
				.filter((client) => client.id !== undefined && client.id !== null)
				.map((client) => ({ name: clientName(client), value: String(client.id) })),
		};
	},
};
