import type { INodePropertyOptions } from 'n8n-workflow';
import { listOperation, searchFilter } from '../listOperation';

// doc "Buscar usuarios": true, false, or empty for all.
const TRI_STATE: INodePropertyOptions[] = [
	{ name: 'All', value: '' },
	{ name: 'False', value: 'false' },
	{ name: 'True', value: 'true' },
];

/** GET /api/user/ (doc "Buscar usuarios"). */
export const { description, execute } = listOperation({
	resource: 'user',
	path: '/api/user/',
	filters: [
		{
			displayName: 'Concessionaire Name or ID',
			name: 'userconcession__concessionaire__id',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getConcessionaires' },
			default: '',
			description: 'Users of this concessionaire. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{ displayName: 'Is Active', name: 'is_active', type: 'options', options: TRI_STATE, default: '', description: 'List only active users (True), only inactive ones (False), or all' },
		{ displayName: 'Online', name: 'online', type: 'options', options: TRI_STATE, default: '', description: 'List only connected users (True), only disconnected ones (False), or all' },
		searchFilter,
	],
	describe: 'Search users',
});
