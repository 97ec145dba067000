import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { smlRequest } from '../../transport';
import { mergeBody, readJsonObject, readTask } from '../common';
import { leadLocator, readLeadId } from '../leadLocator';
import { taskFieldOptions } from './fields';

const properties: INodeProperties[] = [
	leadLocator('lead', 'The lead the task belongs to'),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: taskFieldOptions(false),
	},
];

export const parallel = true;

export const requestOptions = true;

export const description = updateDisplayOptions(
	{ show: { resource: ['task'], operation: ['create'] } },
	properties,
);

/** POST /api/lead_task_create/ (doc "Crear Solicitudes/Tareas"): answers the task with its lead. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject> {
	const lead = readLeadId.call(this, itemIndex, 'lead');
	const { extraFieldsJson, ...fields } = this.getNodeParameter(
		'additionalFields',
		itemIndex,
		{},
	) as IDataObject;
	const body = mergeBody(
		{ lead, ...readTask.call(this, fields, itemIndex, '') },
		readJsonObject.call(this, extraFieldsJson, 'Extra Fields (JSON)', itemIndex),
	);
	return (await smlRequest.call(this, 'POST', '/api/lead_task_create/', {
		body,
		itemIndex,
		idempotent: false,
		...requestOptions,
	})) as IDataObject;
}
