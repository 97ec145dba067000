import { listOperation, searchFilter } from '../listOperation';

/** GET /api/localities/?province= (doc "Buscar Localidades"). */
export const { description, execute, requestOptions, simplify } = listOperation({
	resource: 'locality',
	path: '/api/localities/',
	topLevel: [
		{
			displayName: 'Province Name or ID',
			name: 'province',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getProvinces' },
			default: '',
			description:
				'Localities of this province. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
	],
	filters: [searchFilter],
	describe: 'Search localities',
});
