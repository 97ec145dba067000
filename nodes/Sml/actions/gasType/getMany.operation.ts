import type { IExecuteFunctions } from 'n8n-workflow';
import { listOperation } from '../listOperation';

// The doc prints the path as /api/qas_type/, surely a typo of gas_type: the path can be overridden.
export const GAS_TYPE_PATH = '/api/gas_type/';

/** GET /api/gas_type/ (doc "Consultar combustible"). */
export const { description, execute, requestOptions, simplify } = listOperation({
	resource: 'gasType',
	path(this: IExecuteFunctions, itemIndex: number) {
		const path = String(
			this.getNodeParameter('path', itemIndex, GAS_TYPE_PATH) || GAS_TYPE_PATH,
		).trim();
		return `/${path.replace(/^\/+|\/+$/g, '')}/`;
	},
	topLevel: [
		{
			displayName: 'Gas Type List Address',
			name: 'path',
			type: 'string',
			default: GAS_TYPE_PATH,
			description:
				'Where your SML server lists gas types. Keep the default; change it only if your SML administrator gives you another address (some servers use qas_type in place of gas_type).',
		},
	],
	describe: 'List gas (fuel) types',
});
