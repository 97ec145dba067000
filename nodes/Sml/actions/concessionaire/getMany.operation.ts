import { listOperation, searchFilter } from '../listOperation';

/** GET /api/concessionaire/ (doc "Listar concesionarios"). */
export const { description, execute, requestOptions, simplify } = listOperation({
	resource: 'concessionaire',
	path: '/api/concessionaire/',
	filters: [searchFilter],
	describe: 'List concessionaires (dealerships)',
});
