import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { inputError } from '../../../shared/errors';
import { isBlank } from '../../../shared/validation';
import { LANGUAGES, PRODUCT_TYPES, num, options } from '../common';

// Doc "Get Latest Orders" parameters (affiliate_id only on the vendor client's GET /api/orders/latest).
export const latestFilterOptions: INodeProperties[] = [
	num('Affiliate ID', 'affiliate_id', 'Only orders of this affiliate (GET /api/orders/latest of the vendor client)', { typeOptions: { minValue: 1 } }),
	num('Age', 'age', 'Max age of the orders returned', { typeOptions: { minValue: 0 } }),
	options('Language', 'client_language', LANGUAGES, 'Language of the client'),
	options('Product Type', 'product_type', PRODUCT_TYPES, 'Product type filter'),
	{ displayName: 'Zipcode', name: 'address_zipcode', type: 'number', default: 1000, description: 'Zipcode to limit the results to' },
];

/** Blank filters dropped; numbers checked as the doc's integers. */
export function readLatestFilters(node: INode, filters: IDataObject, itemIndex?: number): IDataObject {
	const out: IDataObject = {};
	for (const [name, value] of Object.entries(filters)) {
		if (isBlank(value)) continue;
		if (['affiliate_id', 'age', 'address_zipcode'].includes(name) && !Number.isInteger(Number(value))) {
			throw inputError(node, name, `"${String(value)}" is not a whole number`, itemIndex);
		}
		out[name] = value;
	}
	return out;
}
