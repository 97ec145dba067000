import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { inputError } from '../../../shared/errors';
import { isBlank } from '../../../shared/validation';
import { emailField, sendHistory } from './fields';

const properties: INodeProperties[] = [
	emailField,
	{
		displayName: 'Form Name',
		name: 'formName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Newsletter Sign-Up',
		description: 'The name of a form that exists in PUBLITRAC',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Context', name: 'context', type: 'string', default: '' },
			{
				displayName: 'Information',
				name: 'information',
				type: 'string',
				default: '',
				description: 'A note about the form fill, e.g. Registration Form',
			},
			{ displayName: 'Session ID', name: 'sessionId', type: 'string', default: '' },
			{
				displayName: 'URL',
				name: 'url',
				type: 'string',
				default: '',
				description: 'The address of the page the form is on, e.g. /newsletter.php',
			},
			{
				displayName: 'Values',
				name: 'values',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				description: 'The submitted values as text, one per line',
			},
		],
	},
];

export const parallel = true;

export const requestOptions = true;

export const description = updateDisplayOptions(
	{ show: { resource: ['history'], operation: ['addFormFill'] } },
	properties,
);

/** POST addFillFormHistory: a submitted form in the history of an existing lead (doc "Add fill out form history"). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject> {
	const formName = String(this.getNodeParameter('formName', itemIndex) ?? '').trim();
	if (isBlank(formName))
		throw inputError(
			this.getNode(),
			'formName',
			'is required: the name of a PUBLITRAC form, e.g. Newsletter Sign-Up',
			itemIndex,
		);
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	// The doc's element order: information, context, formName, url, values, sessionId.
	const fields: IDataObject = {
		information: additional.information,
		context: additional.context,
		formName,
		url: additional.url,
		values: additional.values,
		sessionId: additional.sessionId,
	};
	return await sendHistory.call(
		this,
		itemIndex,
		requestOptions,
		'addFillFormHistory',
		'fillformleadhistory',
		fields,
	);
}
