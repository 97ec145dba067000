import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { pilotPost } from '../../transport';
import { leadAdditionalFields, leadTypeFields, readLeadFields } from './fields';

const properties: INodeProperties[] = [
	...leadTypeFields,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: leadAdditionalFields,
	},
];

export const requestOptions = true;

// Independent creates: sent concurrently (Request Options > Parallel Requests).
export const parallel = true;

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['create'] } },
	properties,
);

/** POST webhooks/welcome.php, action=create (doc "API Restful starting point"). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject> {
	const fields = readLeadFields.call(this, itemIndex);
	const answer = await pilotPost.call(
		this,
		'/webhooks/welcome.php',
		fields,
		itemIndex,
		requestOptions,
	);
	const data = typeof answer.data === 'object' ? answer.data : { message: answer.data };
	const out: IDataObject = {};
	if (data.id !== undefined) out.id = data.id;
	if (data.assigned_user_id !== undefined) out.assigned_user_id = data.assigned_user_id;
	out.message = data.message ?? answer.message;
	out.success = true;
	if (fields.debug === '1') out.debug = true;
	return out;
}
