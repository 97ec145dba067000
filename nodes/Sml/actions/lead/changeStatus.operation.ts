import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { inputError } from '../../../shared/errors';
import { smlLead } from '../../helpers/commonLead';
import { smlRequest } from '../../transport';
import { STATUS_OPTIONS } from '../common.descriptions';
import { leadIdField } from './get.operation';
import { readLeadId } from '../leadLocator';

const properties: INodeProperties[] = [
	leadIdField,
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: STATUS_OPTIONS,
		required: true,
		default: 'new',
		description: 'The status to set (statuses are listed in the order a lead goes through them)',
	},
];

export const requestOptions = true;
export const simplify = smlLead;

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['changeStatus'] } },
	properties,
);

/** PATCH /api/lead/{id_lead}/change_status/ {status} (doc "Cambiar el estado del Lead"). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject> {
	const id = readLeadId.call(this, itemIndex);
	const status = String(this.getNodeParameter('status', itemIndex, ''));
	if (!STATUS_OPTIONS.some((o) => o.value === status)) {
		throw inputError(
			this.getNode(),
			'status',
			`"${status}" is not an SML status. Expected one of new, commercial_management, tracing, end`,
			itemIndex,
		);
	}
	const lead = (await smlRequest.call(this, 'PATCH', `/api/lead/${id}/change_status/`, {
		body: { status },
		itemIndex,
		idempotent: true,
		what: `lead ${id}`,
		...requestOptions,
	})) as IDataObject;
	return lead;
}
