import type { INodeProperties } from 'n8n-workflow';
import { customFieldsField, leadFieldOptions } from '../../helpers/lead';

/** The fields of one <lead> (syncLead, addLead, updateLead share the XML, doc "Sync Lead"). */
export const leadProperties: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. nathan@example.com',
		required: true,
		default: '',
		description: 'The email address of the lead, which identifies it',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: leadFieldOptions,
	},
	customFieldsField,
];
