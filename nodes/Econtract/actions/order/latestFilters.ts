import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { inputError } from '../../../shared/errors';
import { isBlank } from '../../../shared/validation';
import { LANGUAGES, PRODUCT_TYPES, idText, num, options, str } from '../common';

// A filter added is empty ("Any", not sent) until the user picks a value: adding one never
// filters on a value nobody chose. Blank values are dropped by readLatestFilters.
const ANY: [string, string] = ['Any', ''];

// Doc "Get Latest Orders" parameters (affiliate_id only on the vendor client's GET /api/orders/latest).
export const latestFilterOptions: INodeProperties[] = [
	idText(
		'Affiliate ID',
		'affiliate_id',
		'Only orders of this affiliate (with Lookup: Alternative)',
	),
	num('Age', 'age', 'Max age of the orders returned', { typeOptions: { minValue: 0 } }),
	options(
		'Language',
		'client_language',
		[ANY, ...LANGUAGES],
		'Only orders of clients with this language',
	),
	str('Postal Code', 'address_zipcode', 'Only orders whose address has this postal code', {
		placeholder: 'e.g. 1000',
	}),
	options(
		'Product Type',
		'product_type',
		[ANY, ...PRODUCT_TYPES],
		'Only orders of this product type',
	),
];

/** Blank filters dropped; numbers checked as the doc's integers (text trimmed). */
export function readLatestFilters(
	node: INode,
	filters: IDataObject,
	itemIndex?: number,
): IDataObject {
	const out: IDataObject = {};
	for (const [name, value] of Object.entries(filters)) {
		if (isBlank(value)) continue;
		const given = typeof value === 'string' ? value.trim() : value;
		if (
			['affiliate_id', 'age', 'address_zipcode'].includes(name) &&
			!(typeof given === 'number' ? Number.isInteger(given) : /^\d+$/.test(String(given)))
		) {
			throw inputError(node, name, `"${String(value)}" is not a whole number`, itemIndex);
		}
		out[name] = given;
	}
	return out;
}
