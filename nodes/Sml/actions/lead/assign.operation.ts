import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { smlLead } from '../../helpers/commonLead';
import { smlRequest } from '../../transport';
import { leadIdField } from './get.operation';
import { readLeadId } from '../leadLocator';
import { readId } from '../../../shared/validation';

const properties: INodeProperties[] = [
	leadIdField,
	{
		displayName: 'User Name or ID',
		name: 'user',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getUsers' },
		required: true,
		default: '',
		description:
			'The new owner of the lead. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

export const requestOptions = true;
export const simplify = smlLead;

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['assign'] } },
	properties,
);

/** PATCH /api/lead/{id_lead}/ {user} (doc "Asignar Lead"). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject> {
	const id = readLeadId.call(this, itemIndex);
	const user = readId(
		this.getNode(),
		'User Name or ID (user)',
		this.getNodeParameter('user', itemIndex, ''),
		itemIndex,
		{ required: true },
	);
	const lead = (await smlRequest.call(this, 'PATCH', `/api/lead/${id}/`, {
		body: { user },
		itemIndex,
		idempotent: true,
		what: `lead ${id}`,
		...requestOptions,
	})) as IDataObject;
	return lead;
}
