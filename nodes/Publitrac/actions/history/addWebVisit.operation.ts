import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { emailField, sendHistory, visitFieldOptions } from './fields';

const properties: INodeProperties[] = [
	emailField,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: visitFieldOptions,
	},
];

export const parallel = true;

export const requestOptions = true;

export const description = updateDisplayOptions(
	{ show: { resource: ['history'], operation: ['addWebVisit'] } },
	properties,
);

/** POST addWebVisitHistory: a web visit in the history of an existing lead (<webvisitleadhistory>). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject> {
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	return await sendHistory.call(
		this,
		itemIndex,
		requestOptions,
		'addWebVisitHistory',
		'webvisitleadhistory',
		fields,
	);
}
