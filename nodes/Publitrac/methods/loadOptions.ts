import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { publitracPages } from '../transport';

/** Dropdowns fed by the account's own lists. */
export const loadOptions = {
	/** Every campaign of the account (all pages), by name: Execute Campaigns takes names. */
	async getCampaigns(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const { records } = await publitracPages.call(this, {
			method: 'getCampaigns',
			kind: 'campaign',
		});
		const names = new Set<string>();
		for (const campaign of records) {
			const raw = campaign.Name;
			const name = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
			if (name) names.add(name);
		}
		return [...names].sort((a, b) => a.localeCompare(b)).map((name) => ({ name, value: name }));
	},
};
