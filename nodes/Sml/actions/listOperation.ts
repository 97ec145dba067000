import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { LeadMapper } from '../../shared/leadShape';
import type { OperationContext } from '../../shared/types';
import { listFields } from './common.descriptions';
import { runList } from '../transport/list';

export const searchFilter: INodeProperties = {
	displayName: 'Search',
	name: 'search',
	type: 'string',
	default: '',
	description: 'Matches any attribute',
};

/**
 * A "Get Many" of a catalogue (doc: Listar concesionarios, fuentes, combustible,
 * clientes, provincias, localidades, usuarios): top-level query parameters, a
 * Filters collection, Return All / Limit over DRF pages.
 */
export function listOperation(spec: {
	resource: string;
	path: string | ((this: IExecuteFunctions, itemIndex: number) => string);
	topLevel?: INodeProperties[];
	filters?: INodeProperties[];
	describe: string;
	/** Set when the records are people: the operation then offers Simplify (the common lead shape). */
	simplify?: LeadMapper;
}) {
	const properties: INodeProperties[] = [
		...(spec.topLevel ?? []),
		...listFields(),
		...(spec.filters?.length
			? [
					{
						displayName: 'Filters',
						name: 'filters',
						type: 'collection',
						placeholder: 'Add Filter',
						default: {},
						options: spec.filters,
					} as INodeProperties,
				]
			: []),
	];
	return {
		requestOptions: true,
		simplify: spec.simplify,
		description: updateDisplayOptions(
			{ show: { resource: [spec.resource], operation: ['getMany'] } },
			properties,
		),
		async execute(
			this: IExecuteFunctions,
			itemIndex: number,
			{ requestOptions }: OperationContext,
		): Promise<IDataObject[]> {
			const qs: IDataObject = {};
			for (const field of spec.topLevel ?? [])
				if (field.name !== 'path')
					qs[field.name] = this.getNodeParameter(field.name, itemIndex, '');
			Object.assign(
				qs,
				spec.filters?.length
					? (this.getNodeParameter('filters', itemIndex, {}) as IDataObject)
					: {},
			);
			const path = typeof spec.path === 'function' ? spec.path.call(this, itemIndex) : spec.path;
			return await runList.call(this, path, qs, itemIndex, requestOptions);
		},
	};
}

/** The operation dropdown of a resource that only lists. */
export function getManyResource(
	resource: string,
	name: string,
	action: string,
	describe: string,
	operation: { description: INodeProperties[] },
): INodeProperties[] {
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: [{ name: 'Get Many', value: 'getMany', description: describe, action }],
			default: 'getMany',
		},
		...operation.description,
	];
}
