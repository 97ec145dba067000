import { listOperation, searchFilter } from '../listOperation';

/** GET /api/provinces/?country= (doc "Buscar Provincias": country required, 28 = Spain). */
export const { description, execute, requestOptions, simplify } = listOperation({
	resource: 'province',
	path: '/api/provinces/',
	topLevel: [
		{
			displayName: 'Country ID',
			name: 'country',
			type: 'number',
			required: true,
			default: 28,
			description: 'Country whose provinces are listed (28 = Spain)',
		},
	],
	filters: [searchFilter],
	describe: 'Search provinces',
});
