import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { smlRequest } from '../../transport';
import { readId } from '../../../shared/validation';
import { taskIdField } from './fields';

const properties: INodeProperties[] = [taskIdField];

export const requestOptions = true;

export const description = updateDisplayOptions(
	{ show: { resource: ['task'], operation: ['delete'] } },
	properties,
);

/** DELETE /api/task/{id_tarea}/ (doc "Borrar Solicitudes/Tareas"): 204, no body. */
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
	await smlRequest.call(this, 'DELETE', `/api/task/${id}/`, {
		itemIndex,
		idempotent: true,
		what: `task ${id}`,
		...requestOptions,
	});
	return { deleted: true, id };
}
