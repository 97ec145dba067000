import type { INodePropertyOptions } from 'n8n-workflow';
import { listOperation, searchFilter } from '../listOperation';

// doc "Buscar usuarios": true, false, or empty for all.
const ACTIVE: INodePropertyOptions[] = [
	{ name: 'Active Only', value: 'true' },
	{ name: 'All', value: '' },
	{ name: 'Inactive Only', value: 'false' },
];
const ONLINE: INodePropertyOptions[] = [
	{ name: 'All', value: '' },
	{ name: 'Offline Only', value: 'false' },
	{ name: 'Online Only', value: 'true' },
];

/** GET /api/user/ (doc "Buscar usuarios"). */
export const { description, execute, requestOptions, simplify } = listOperation({
	resource: 'user',
	path: '/api/user/',
	filters: [
		{
			displayName: 'Concessionaire Name or ID',
			name: 'userconcession__concessionaire__id',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getConcessionaires' },
			default: '',
			description:
				'Users of this concessionaire. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{ displayName: 'Is Active', name: 'is_active', type: 'options', options: ACTIVE, default: '' },
		{ displayName: 'Online', name: 'online', type: 'options', options: ONLINE, default: '' },
		searchFilter,
	],
	describe: 'Search users',
});
