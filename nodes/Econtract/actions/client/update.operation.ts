import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { inputError } from '../../../shared/errors';
import { econtractLead } from '../../helpers/commonLead';
import { assertEmail } from '../../../shared/validation';
import { econtractRequest, toOutput } from '../../transport';
import { clientLocator, extraFieldsJson, prepareFields, readIdParameter } from '../common';
import { clientOptions } from '../fields';

const properties: INodeProperties[] = [
	clientLocator('id', 'The client to update'),
	{
		displayName: 'Update Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [...clientOptions(), extraFieldsJson].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	},
];

export const requestOptions = true;
export const simplify = econtractLead;

export const description = updateDisplayOptions(
	{ show: { resource: ['client'], operation: ['update'] } },
	properties,
);

/** Vendor client (contract "Econtract"): POST /api/clients/{id} with the changed fields. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject[]> {
	const node = this.getNode();
	const id = readIdParameter(this, 'id', 'Client', itemIndex);
	const data = prepareFields(
		this,
		this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject,
		itemIndex,
	);
	if (Object.keys(data).length === 0)
		throw inputError(node, 'Update Fields', 'add at least one field to change', itemIndex);
	assertEmail(node, 'email', data.email, itemIndex);
	const answer = await econtractRequest.call(this, {
		method: 'POST',
		path: `/api/clients/${id}`,
		data,
		idempotent: true,
		itemIndex,
		...requestOptions,
	});
	return toOutput(answer);
}
