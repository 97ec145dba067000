import type { INodeProperties } from 'n8n-workflow';
import {
	MEDIA_OPTIONS,
	TASK_TYPE_OPTIONS,
	appraisalField,
	contentListField,
	extraFieldsJson,
} from '../common.descriptions';

/** The task fields of doc "Crear/Modificar Solicitudes/Tareas", sorted by display name. */
export function taskFieldOptions(update: boolean): INodeProperties[] {
	return [
		appraisalField(update),
		{ displayName: 'Description', name: 'description', type: 'string', default: '' },
		extraFieldsJson,
		{
			displayName: 'Media',
			name: 'media',
			type: 'options',
			options: MEDIA_OPTIONS,
			default: 'Phone',
			description: 'How the task is carried out (Phone when not set)',
		},
		contentListField('note', update, 'task'),
		{
			displayName: 'Planned Realization Date',
			name: 'planified_realization_date',
			type: 'dateTime',
			default: '',
		},
		{
			displayName: 'Planned Tracking Date',
			name: 'planified_tracking_date',
			type: 'dateTime',
			default: '',
		},
		{
			displayName: 'Realization Done',
			name: 'realization_date_check',
			type: 'boolean',
			default: false,
			description: 'Whether the user has carried out the task',
		},
		{
			displayName: 'Subtype',
			name: 'subtype',
			type: 'string',
			default: '',
			description: 'Free classification text',
		},
		{
			displayName: 'Tracking Done',
			name: 'tracking_date_check',
			type: 'boolean',
			default: false,
			description: 'Whether the follow-up of the task took place',
		},
		{
			displayName: 'Type',
			name: 'type',
			type: 'options',
			options: TASK_TYPE_OPTIONS,
			default: 'date',
		},
	];
}

export const taskIdField: INodeProperties = {
	displayName: 'Task ID',
	name: 'id_tarea',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 1234',
	description: 'The ID of the task, as Get Lead shows it under request &gt; task',
};
