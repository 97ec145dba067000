import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { listFields } from '../common.descriptions';
import { runList } from '../../transport/list';
import { leadIdField } from './get.operation';
import { readLeadId } from '../leadLocator';

const properties: INodeProperties[] = [leadIdField, ...listFields()];

export const requestOptions = true;

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['getHistory'] } },
	properties,
);

/** GET /api/lead_history/{id_lead}/get_history/ (doc "Histórico de cambios en Lead"), a DRF list. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject[]> {
	const id = readLeadId.call(this, itemIndex);
	return await runList.call(
		this,
		`/api/lead_history/${id}/get_history/`,
		{},
		itemIndex,
		requestOptions,
		`lead ${id}`,
	);
}
