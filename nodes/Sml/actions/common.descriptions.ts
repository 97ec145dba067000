import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { extraFieldsJsonField, returnAllFields } from '../../shared/descriptions';

// The SML parameters several operations share (descriptions only: no I/O, no reading).

// doc "Crear Lead > status": new, commercial_management, tracing, end. In the order a lead goes
// through them (the editor check lists every Status in ORDER_IS_THE_POINT).
export const STATUS_OPTIONS: INodePropertyOptions[] = [
	{ name: 'New', value: 'new' },
	{ name: 'Commercial Management', value: 'commercial_management' },
	{ name: 'Tracing', value: 'tracing' },
	{ name: 'End', value: 'end' },
];

// doc "Crear Lead > request.task.type".
export const TASK_TYPE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Appraisal', value: 'appraisal' },
	{ name: 'Budget', value: 'budget' },
	{ name: 'Date (Visit / Test Drive)', value: 'date' },
	{ name: 'Financing', value: 'financing' },
	{ name: 'Other', value: 'other' },
	{ name: 'Pending Assignment', value: 'pending_assignment' },
	{ name: 'Response Information Mail', value: 'response_information_mail' },
	{ name: 'Vehicle Information', value: 'vehicle_information' },
	{ name: 'Warranty', value: 'warranty' },
];

// doc: Phone, E-mail, SMS, Whatsapp (Phone by default).
export const MEDIA_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Email', value: 'E-mail' },
	{ name: 'Phone', value: 'Phone' },
	{ name: 'SMS', value: 'SMS' },
	{ name: 'WhatsApp', value: 'Whatsapp' },
];

// doc "score": 1 (very low) .. 4 (high).
export const SCORE_OPTIONS: INodePropertyOptions[] = [
	{ name: '1 - Very Low', value: '1' },
	{ name: '2 - Low', value: '2' },
	{ name: '3 - Medium', value: '3' },
	{ name: '4 - High', value: '4' },
];

export const extraFieldsJson: INodeProperties = extraFieldsJsonField(
	'extraFieldsJson',
	'Other SML fields, as a JSON object added to what is sent, e.g. {"vehicle": {"color": "Red"}}; an object is merged key by key with the fields above',
);

/** The appraisal sub-object of a task (doc "appraisal"), with `id` where it updates in place. */
export function appraisalField(withId: boolean): INodeProperties {
	const options: INodeProperties[] = [
		{
			displayName: 'Brand and Model',
			name: 'brand_model',
			type: 'string',
			default: '',
			description: 'Make and model of the appraised vehicle; an appraisal task must have it',
		},
		{ displayName: 'Extras', name: 'extras', type: 'string', default: '' },
		{
			displayName: 'Gas Type Name or ID',
			name: 'gas',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getGasTypes' },
			default: '',
			description:
				'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		},
		...(withId
			? [
					{
						displayName: 'ID',
						name: 'id',
						type: 'string',
						default: '',
						placeholder: 'e.g. 1234',
						hint: 'With the ID of the current appraisal SML updates it in place; without, it replaces it',
					} as INodeProperties,
				]
			: []),
		{ displayName: 'Km', name: 'km', type: 'string', default: '' },
		{ displayName: 'License Plate', name: 'license_plate', type: 'string', default: '' },
		{
			displayName: 'Origin',
			name: 'origin',
			type: 'options',
			options: [
				{ name: 'National', value: 'national' },
				{ name: 'Foreign', value: 'foreign' },
			],
			default: 'national',
		},
		{ displayName: 'Year', name: 'year', type: 'number', default: 0 },
	];
	return {
		displayName: 'Appraisal',
		name: 'appraisal',
		type: 'collection',
		placeholder: 'Add Appraisal Field',
		default: {},
		options,
	};
}

/** A list of `{content}` objects (doc: note, tags), with `id` where it updates in place. */
export function contentListField(name: 'note' | 'tags', withId: boolean): INodeProperties {
	const values: INodeProperties[] = [
		{ displayName: 'Content', name: 'content', type: 'string', default: '' },
		...(withId
			? [
					{
						displayName: 'ID',
						name: 'id',
						type: 'string',
						default: '',
						placeholder: 'e.g. 1234',
						hint: 'With the ID of an existing entry SML updates it in place; without, it is added as new',
					} as INodeProperties,
				]
			: []),
	];
	return {
		displayName: name === 'note' ? 'Notes' : 'Tags',
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: name === 'note' ? 'Add Note' : 'Add Tag',
		default: {},
		options: [{ displayName: name === 'note' ? 'Note' : 'Tag', name: 'values', values }],
	};
}

/** Return All / Limit, as every list operation shows them. */
export function listFields(): INodeProperties[] {
	return returnAllFields;
}
