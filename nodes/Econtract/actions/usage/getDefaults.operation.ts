import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { readRequestOptions, requestOptionsField } from '../../../shared/descriptions';
import { assertInteger } from '../../../shared/validation';
import { econtractRequest, toOutput } from '../../transport';
import { PRODUCT_TYPES, bool, enumNumber, num, options, prepareFields } from '../common';

const AGE: Array<[string, string]> = [
	['Less Than 10 Years (<10)', '<10'],
	['More Than 10 Years (>10)', '>10'],
];
const ISOLATION: Array<[string, number]> = [
	['No / No Idea (0)', 0],
	['Yes (1)', 1],
];

// Doc "Get default usages" parameters; enums as dropdowns where the doc lists the values.
const properties: INodeProperties[] = [
	{ ...options('Product Type', 'producttype', PRODUCT_TYPES, 'Product type filter'), required: true, default: 'electricity' },
	{ ...enumNumber('Segment', 'segment', 'Segment'), required: true, default: 1 },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			options('Age of Boiler', 'boiler', AGE, 'Age of the boiler'),
			options('Age of Central Heating', 'cv', AGE, 'Age of the central heating'),
			options('Family Size', 'family_size', [['0', 0], ['1', 1], ['2', 2], ['3', 3], ['4', 4], ['5', 5]], 'Family size (0 to 5)'),
			options('Glass Type', 'glass', [['Single', 'single'], ['Double', 'double']], 'Glass type'),
			bool('Has Solar', 'has_solar', 'Whether the home has solar panels (sent as 1/0)'),
			options('Has Roof Isolation', 'roof_isolation', ISOLATION, 'Whether the roof is isolated'),
			options('Has Wall Isolation', 'wall_isolation', ISOLATION, 'Whether the walls are isolated'),
			num('Home Size', 'home_size', 'Home size in square meters', { typeOptions: { minValue: 0 } }),
			enumNumber('Meter Type', 'meter_type', 'Electricity meter type'),
			enumNumber('Residence Type', 'residence_type', 'Residence type'),
		],
	},
	requestOptionsField,
];

export const description = updateDisplayOptions({ show: { resource: ['usage'], operation: ['getDefaults'] } }, properties);

/** Doc "Get default usages": GET /api/usages. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const node = this.getNode();
	const segment = this.getNodeParameter('segment', itemIndex);
	assertInteger(node, 'segment', segment, itemIndex);
	const data: IDataObject = {
		producttype: this.getNodeParameter('producttype', itemIndex) as string,
		segment: segment as number,
		...prepareFields(this, this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject, itemIndex),
	};
	for (const name of ['home_size', 'meter_type', 'residence_type']) assertInteger(node, name, data[name], itemIndex);
	const answer = await econtractRequest.call(this, { method: 'GET', path: '/api/usages', data, idempotent: true, itemIndex, ...readRequestOptions.call(this, itemIndex) });
	return toOutput(answer);
}
