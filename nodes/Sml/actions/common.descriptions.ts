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

/** Gas type of a vehicle, from SML's list (appraisal and lead vehicle alike). */
const gasTypeField: INodeProperties = {
	displayName: 'Gas Type Name or ID',
	name: 'gas',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getGasTypes' },
	default: '',
	description:
		'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};

/** The "ID" entry of a sub-object SML updates in place when given its ID (shown on updates only). */
function idEntry(
	withId: boolean,
	text: Pick<INodeProperties, 'hint' | 'description'>,
): INodeProperties[] {
	return withId
		? [
				{
					displayName: 'ID',
					name: 'id',
					type: 'string',
					default: '',
					placeholder: 'e.g. 1234',
					...text,
				},
			]
		: [];
}

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
		gasTypeField,
		...idEntry(withId, {
			hint: 'With the ID of the current appraisal SML updates it in place; without, it replaces it',
		}),
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

/**
 * A list of `{content}` objects (doc: note, tags), with `id` where it updates in place. On an
 * update the list sent replaces the whole list of the lead or task (doc "Modificar Lead": a subset
 * sent without its id is deleted and created anew), so the hint says how to keep the others.
 */
export function contentListField(
	name: 'note' | 'tags',
	withId: boolean,
	owner: 'lead' | 'task' = 'lead',
): INodeProperties {
	const entries = name === 'note' ? 'notes' : 'tags';
	const values: INodeProperties[] = [
		{ displayName: 'Content', name: 'content', type: 'string', default: '' },
		...idEntry(withId, {
			hint: `With the ID of an existing ${name === 'note' ? 'note' : 'tag'} SML updates it in place. The ${entries} given here become the ${owner}'s whole list, replacing the ones it has: to keep them, add them here too with their IDs (from Lead &gt; Get)`,
		}),
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

/** The client of a lead (doc "client"), with `id` where it updates in place. */
export function clientField(withId: boolean): INodeProperties {
	return {
		displayName: 'Client',
		name: 'client',
		type: 'collection',
		placeholder: 'Add Client Field',
		default: {},
		...(withId
			? {
					hint: "Set ID to the lead's current client ID to update it in place; without an ID SML replaces the client with a new one",
				}
			: {}),
		options: [
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'e.g. nathan@example.com',
				default: '',
			},
			...idEntry(withId, { description: "The ID of the lead's current client (from Get Lead)" }),
			{
				displayName: 'Locality Name or ID',
				name: 'location',
				type: 'options',
				typeOptions: {
					loadOptionsMethod: 'getLocalities',
					loadOptionsDependsOn: [
						'additionalFields.client.province',
						'updateFields.client.province',
					],
				},
				default: '',
				description:
					'Locality of the client (from the chosen province). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Name of the client; a new client must have it',
			},
			{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
			{
				displayName: 'Province Name or ID',
				name: 'province',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getProvinces' },
				default: '',
				description:
					'Province of the client (Spain). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	};
}

/** The fields of a lead's vehicle (doc "vehicle"), with `id` where it updates in place. */
export function vehicleOptions(withId: boolean): INodeProperties[] {
	return [
		{
			displayName: 'Brand and Model',
			name: 'brand_model',
			type: 'string',
			default: '',
			description: 'Make and model of the vehicle',
		},
		gasTypeField,
		...idEntry(withId, { description: "The ID of the lead's current vehicle (from Get Lead)" }),
		{
			displayName: 'Km',
			name: 'km',
			type: 'string',
			default: '',
			description: 'Mileage of the vehicle',
		},
		{ displayName: 'Price', name: 'price', type: 'string', default: '' },
		{
			displayName: 'Sold',
			name: 'sold',
			type: 'boolean',
			default: false,
			description:
				'Whether the vehicle was sold before the lead was handled: SML then ends the lead with result "not available"',
		},
		{ displayName: 'Year', name: 'year', type: 'number', default: 0 },
	];
}
