import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { smlLead } from '../../helpers/commonLead';
import { STATUS_OPTIONS, listFields } from '../common.descriptions';
import { runList } from '../../transport/list';

const properties: INodeProperties[] = [
	...listFields(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Client Email Contains',
				name: 'client__email__icontains',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Client Phone Contains',
				name: 'client__phone__icontains',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Concessionaire Names or IDs',
				name: 'concessionaire__in',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getConcessionaires' },
				default: [],
				description:
					'Leads of these concessionaires only. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				description: 'Matches any attribute',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: STATUS_OPTIONS,
				default: 'new',
				description:
					'Leads with this status only (statuses are listed in the order a lead goes through them)',
			},
		],
	},
];

export const requestOptions = true;
export const simplify = smlLead;

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['getMany'] } },
	properties,
);

/** GET /api/lead/ (doc "Listar/Buscar Leads"), DRF pages followed by Return All / Limit. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject[]> {
	const filters = { ...(this.getNodeParameter('filters', itemIndex, {}) as IDataObject) };
	const ids = filters.concessionaire__in;
	// doc: "Listado de ID de concesión separados por coma".
	if (Array.isArray(ids)) filters.concessionaire__in = ids.join(',');
	return await runList.call(this, '/api/lead/', filters, itemIndex, requestOptions);
}
