import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { returnAllFields } from '../../../shared/descriptions';
import { inputError } from '../../../shared/errors';
import { publitracLead } from '../../helpers/commonLead';
import type { XmlNode } from '../../../shared/xml';
import { readPaged } from '../../transport/paged';

const properties: INodeProperties[] = [
	{
		displayName: 'Queries',
		name: 'queries',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Condition',
		default: {},
		description:
			'Conditions on lead fields; a lead must meet all of them. With none, every lead is returned.',
		options: [
			{
				displayName: 'Query',
				name: 'query',
				values: [
					{
						displayName: 'Field',
						name: 'field',
						type: 'string',
						default: '',
						placeholder: 'e.g. email',
						description: 'The lead field, e.g. firstName, lastName, email or a custom field',
					},
					{
						displayName: 'Operator',
						name: 'operator',
						type: 'options',
						// The one comparison PUBLITRAC documents for a lead search.
						options: [
							{
								name: 'Like',
								value: 'like',
								description:
									'The field matches the value, with % as a wildcard (e.g. nathan@%); without %, the whole value must match',
							},
						],
						default: 'like',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. nathan@%',
					},
				],
			},
		],
	},
	...returnAllFields,
];

export const requestOptions = true;
export const simplify = publitracLead;

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['search'] } },
	properties,
);

/** The <request><queries> document of getLeads (doc "Get leads"). */
export function searchQuery(this: IExecuteFunctions, itemIndex: number): XmlNode {
	const rows = ((this.getNodeParameter('queries', itemIndex, {}) as IDataObject).query ??
		[]) as IDataObject[];
	const queries: XmlNode[] = rows.map((row, n) => {
		const field = String(row.field ?? '').trim();
		const operator = String(row.operator ?? '').trim() || 'like';
		if (!field)
			throw inputError(
				this.getNode(),
				`Queries > Query ${n + 1} > Field`,
				'is required, e.g. email',
				itemIndex,
			);
		return {
			name: 'query',
			children: [
				{ name: 'field', text: field },
				{ name: 'operator', text: operator },
				{ name: 'value', text: String(row.value ?? '') },
			],
		};
	});
	return { name: 'request', children: [{ name: 'queries', children: queries }] };
}

/** GET getLeads with the XML query, following the pages. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject[]> {
	return await readPaged.call(this, itemIndex, requestOptions, {
		method: 'getLeads',
		query: searchQuery.call(this, itemIndex),
		kind: 'lead',
	});
}
