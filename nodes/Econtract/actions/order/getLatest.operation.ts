import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { inputError } from '../../../shared/errors';
import { econtractLead } from '../../helpers/commonLead';
import { econtractRequest, toOutput } from '../../transport';
import { latestFilterOptions, readLatestFilters } from './latestFilters';

const properties: INodeProperties[] = [
	// The doc's POST /api/latest (value latest) or the vendor PHP client's GET /api/orders/latest
	// (ordersLatest, which also takes affiliate_id): they disagree, both are offered.
	{
		displayName: 'Lookup',
		name: 'endpoint',
		type: 'options',
		options: [
			{
				name: 'Standard',
				value: 'latest',
				description: 'The way Econtract describes for reading the latest orders',
			},
			{
				name: 'Alternative',
				value: 'ordersLatest',
				description:
					"The way Econtract's own client library reads them; it also takes the Affiliate ID filter",
			},
		],
		default: 'latest',
		description:
			'How to read the latest orders from Econtract: keep Standard unless it fails for your account, or you filter by affiliate',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100 },
		default: 50,
		description: 'Max number of results to return',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: latestFilterOptions,
	},
];

export const requestOptions = true;
export const simplify = econtractLead;

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['getLatest'] } },
	properties,
);

/** Doc "Get Latest Orders": POST /api/latest; vendor client: GET /api/orders/latest (limit 1-100). One item per order. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject[]> {
	const node = this.getNode();
	const limit = Number(this.getNodeParameter('limit', itemIndex, 10));
	if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
		throw inputError(
			node,
			'limit',
			`"${String(limit)}" is out of range. Expected a whole number from 1 to 100`,
			itemIndex,
		);
	}
	const data = {
		...readLatestFilters(
			node,
			this.getNodeParameter('filters', itemIndex, {}) as IDataObject,
			itemIndex,
		),
		limit,
	};
	const endpoint = this.getNodeParameter('endpoint', itemIndex, 'latest') as string;
	const call =
		endpoint === 'ordersLatest'
			? { method: 'GET' as const, path: '/api/orders/latest' }
			: { method: 'POST' as const, path: '/api/latest' };
	const answer = await econtractRequest.call(this, {
		...call,
		data,
		idempotent: true,
		itemIndex,
		...requestOptions,
	});
	return toOutput(answer).slice(0, limit);
}
