import { listOperation, searchFilter } from '../listOperation';

/** GET /api/source/ (doc "Consultar fuentes de concesionario"). */
export const { description, execute, requestOptions, simplify } = listOperation({
	resource: 'source',
	path: '/api/source/',
	filters: [searchFilter],
	describe: 'List lead sources',
});
