import { listOperation, searchFilter } from '../listOperation';
import { smlLead } from '../../helpers/commonLead';

/** GET /api/clients/ (doc "Buscar clientes"). */
export const { description, execute, requestOptions, simplify } = listOperation({
	resource: 'client',
	path: '/api/clients/',
	filters: [
		{ displayName: 'Email Contains', name: 'email__icontains', type: 'string', default: '' },
		{
			displayName: 'Name Contains',
			name: 'name__icontains',
			type: 'string',
			default: '',
			description: 'First and/or last name of the client',
		},
		{ displayName: 'Phone Contains', name: 'phone__icontains', type: 'string', default: '' },
		searchFilter,
	],
	describe: 'List or search clients',
	// doc "Buscar clientes": people (name, phone, email, province, locality).
	simplify: smlLead,
});
