import type { INodePropertyOptions } from 'n8n-workflow';
import { listOperation, searchFilter } from '../listOperation';

// doc "Buscar usuarios": true, false, or empty for all.
const TRI_STATE: INodePropertyOptions[] = [
	{ name: 'All', value: '' },
	{ name: 'True', value: 'true' },
	{ name: 'False', value: 'false' },
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
		{ displayName: 'Is Active', name: 'is_active', type: 'options', options: TRI_STATE, default: '', description: 'Whether to list only active users (true), only inactive ones (false), or all' },
		{ displayName: 'Online', name: 'online', type: 'options', options: TRI_STATE, default: '', description: 'Whether to list only connected users (true), only disconnected ones (false), or all' },
		searchFilter,
	],
	describe: 'Buscar usuarios',
});
