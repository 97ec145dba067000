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
	// Days (the vendor's client: min 1). The 0 it starts with is refused by readLatestFilters, never
	// sent; no minValue 1, as n8n's number input would raise the 0 to 1 nobody chose on showing it.
	num('Age', 'age', 'Only orders at most this many days old (1 or more)', {
		typeOptions: { minValue: 0 },
	}),
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
		if (name === 'age' && Number(given) < 1) {
			throw inputError(
				node,
				'Age (age)',
				`"${String(value)}" is out of range. Expected a whole number of days, 1 or more`,
				itemIndex,
			);
		}
		out[name] = given;
	}
	return out;
}
