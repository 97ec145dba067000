import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { inputError } from '../../../shared/errors';
import { assertInteger } from '../../../shared/validation';
import { econtractRequest, toOutput } from '../../transport';
import {
	PRODUCT_TYPES,
	bool,
	enumMissing,
	enumNumber,
	num,
	options,
	prepareFields,
	readEnum,
} from '../common';

const AGE: Array<[string, string]> = [
	['Less Than 10 Years', '<10'],
	['More Than 10 Years', '>10'],
];
const INSULATION: Array<[string, number]> = [
	['No or Not Known', 0],
	['Yes', 1],
];
const byName = (a: INodeProperties, b: INodeProperties) =>
	a.displayName.localeCompare(b.displayName);

// Doc "Get default usages" parameters; enums as dropdowns where the doc lists the values.
const properties: INodeProperties[] = [
	{
		...options(
			'Product Type',
			'producttype',
			PRODUCT_TYPES,
			'Product type to get the default usages of',
		),
		required: true,
		default: 'electricity',
	},
	{
		...enumNumber('Market Segment', 'segment', 'Market segment to get the default usages of'),
		required: true,
		default: 1,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			options('Age of Boiler', 'boiler', AGE, 'Age of the boiler'),
			options('Age of Central Heating', 'cv', AGE, 'Age of the central heating'),
			num('Family Size', 'family_size', 'Number of people living in the home, from 0 to 5', {
				default: 1,
				typeOptions: { minValue: 0, maxValue: 5, numberPrecision: 0 },
			}),
			// Double sorts first; single glazing stays what an added field starts with.
			{
				...options(
					'Glass Type',
					'glass',
					[
						['Double', 'double'],
						['Single', 'single'],
					],
					'Glazing of the windows',
				),
				default: 'single',
			},
			bool('Has Solar', 'has_solar', 'Whether the home has solar panels'),
			options('Has Roof Insulation', 'roof_isolation', INSULATION, 'Whether the roof is insulated'),
			options(
				'Has Wall Insulation',
				'wall_isolation',
				INSULATION,
				'Whether the walls are insulated',
			),
			num('Home Size', 'home_size', 'Home size in square meters', { typeOptions: { minValue: 0 } }),
			enumNumber('Meter Type', 'meter_type', 'Type of the electricity meter'),
			enumNumber('Residence Type', 'residence_type', 'Type of home the usages are for'),
		].sort(byName),
	},
];

export const requestOptions = true;

export const description = updateDisplayOptions(
	{ show: { resource: ['usage'], operation: ['getDefaults'] } },
	properties,
);

/** Doc "Get default usages": GET /api/usages. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject[]> {
	const node = this.getNode();
	const segment = readEnum(node, 'segment', this.getNodeParameter('segment', itemIndex), itemIndex);
	if (segment === undefined) throw enumMissing(node, 'segment', itemIndex);
	const data: IDataObject = {
		producttype: this.getNodeParameter('producttype', itemIndex) as string,
		segment: segment as number,
		...prepareFields(
			this,
			this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject,
			itemIndex,
		),
	};
	for (const name of ['family_size', 'home_size', 'meter_type', 'residence_type'])
		assertInteger(node, name, data[name], itemIndex);
	if (
		data.family_size !== undefined &&
		(Number(data.family_size) < 0 || Number(data.family_size) > 5)
	)
		throw inputError(
			node,
			'Family Size (family_size)',
			`${String(data.family_size)} is out of range. Expected a number of people from 0 to 5`,
			itemIndex,
		);
	const answer = await econtractRequest.call(this, {
		method: 'GET',
		path: '/api/usages',
		data,
		idempotent: true,
		itemIndex,
		...requestOptions,
	});
	return toOutput(answer);
}
