import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { inputError } from '../../../shared/errors';
import { smlRequest } from '../../transport';
import { mergeBody, readJsonObject, readTask } from '../common';
import { readId } from '../../../shared/validation';

import { taskFieldOptions, taskIdField } from './fields';

const properties: INodeProperties[] = [
	taskIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		hint: 'An appraisal or note given with its current ID is updated in place; without its ID it is replaced',
		options: taskFieldOptions(true),
	},
];

export const requestOptions = true;

export const description = updateDisplayOptions(
	{ show: { resource: ['task'], operation: ['update'] } },
	properties,
);

/** PATCH /api/task/{id_tarea}/ (doc "Modificar Solicitudes/Tareas"). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject> {
	const id = readId(
		this.getNode(),
		'Task ID (id_tarea)',
		this.getNodeParameter('id_tarea', itemIndex, ''),
		itemIndex,
		{ required: true },
	);
	const { extraFieldsJson, ...fields } = this.getNodeParameter(
		'updateFields',
		itemIndex,
		{},
	) as IDataObject;
	const body = mergeBody(
		readTask.call(this, fields, itemIndex, ''),
		readJsonObject.call(this, extraFieldsJson, 'Extra Fields (JSON)', itemIndex),
	);
	if (!Object.keys(body).length)
		throw inputError(
			this.getNode(),
			'Update Fields',
			'set at least one field to change',
			itemIndex,
		);
	return (await smlRequest.call(this, 'PATCH', `/api/task/${id}/`, {
		body,
		itemIndex,
		idempotent: true,
		what: `task ${id}`,
		...requestOptions,
	})) as IDataObject;
}
