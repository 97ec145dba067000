import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { inputError } from '../../../shared/errors';
import { smlLead } from '../../helpers/commonLead';
import { compact, isBlank, readId } from '../../../shared/validation';
import { smlRequest } from '../../transport';
import {
	mergeBody,
	readClient,
	readContentList,
	readJsonObject,
	readTask,
	readVehicle,
} from '../common';
import {
	SCORE_OPTIONS,
	STATUS_OPTIONS,
	clientField,
	contentListField,
	extraFieldsJson,
	vehicleOptions,
} from '../common.descriptions';
import { taskFieldOptions } from '../task/fields';

// doc "Crear Lead": source and vehicle.brand_model required; the rest optional.
const properties: INodeProperties[] = [
	{
		displayName: 'Source Name or ID',
		name: 'source',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getSources' },
		required: true,
		default: '',
		description:
			'Where the lead comes from (phone, email, chat ...). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	// doc "Crear Lead": vehicle.brand_model is required, so it is a top-level field; the vehicle's other fields stay in Vehicle.
	{
		displayName: 'Brand and Model',
		name: 'brand_model',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Ford Fiesta',
		description: 'Make and model of the vehicle the lead is about',
	},
	{
		displayName: 'Vehicle',
		name: 'vehicle',
		type: 'collection',
		placeholder: 'Add Vehicle Field',
		default: {},
		// Brand and Model stays as a hidden entry: n8n keeps only the values of a collection's entries, so
		// this keeps the value older workflows saved here (the editor never offers a hidden entry).
		options: vehicleOptions(false).map(
			(p): INodeProperties =>
				p.name === 'brand_model'
					? { displayName: p.displayName, name: p.name, type: 'hidden', default: '' }
					: p,
		),
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			clientField(false),
			extraFieldsJson,
			contentListField('note', false),
			{
				displayName: 'Score',
				name: 'score',
				type: 'options',
				options: SCORE_OPTIONS,
				default: '1',
				description: 'Estimated interest of the client in the vehicle',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: STATUS_OPTIONS,
				default: 'new',
				description:
					'Status of the lead, New when not set (statuses are listed in the order a lead goes through them)',
			},
			contentListField('tags', false),
			{
				displayName: 'Tasks',
				name: 'task',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Task',
				default: {},
				description: 'Tasks added to the lead, e.g. a test drive date or an appraisal',
				options: [
					{
						displayName: 'Task',
						name: 'values',
						// The same task as Task > Create (one API object): its fields but Extra Fields (JSON).
						values: taskFieldOptions(false).filter((field) => field.name !== 'extraFieldsJson'),
					},
				],
			},
			{
				displayName: 'User Name or ID',
				name: 'user',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getUsers' },
				default: '',
				description:
					'User the lead is assigned to (by default its creator). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
];

// Independent creates: sent concurrently (Request Options > Parallel Requests).
export const parallel = true;

export const requestOptions = true;
export const simplify = smlLead;

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['create'] } },
	properties,
);

/** POST /api/lead/ (doc "Crear Lead"): answers 201 with the full lead, sub-object ids included. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject> {
	const node = this.getNode();
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const { extraFieldsJson: extraJson, client, note, tags, task, user, ...rest } = additional;
	const extra = readJsonObject.call(this, extraJson, 'Extra Fields (JSON)', itemIndex);
	const body: IDataObject = {
		source: readId(
			node,
			'Source Name or ID (source)',
			this.getNodeParameter('source', itemIndex, ''),
			itemIndex,
			{ required: isBlank(extra.source) },
		),
	};
	if (body.source === undefined) delete body.source;
	// Workflows saved when Brand and Model sat in the Vehicle collection keep their value there: read when the field is empty.
	const { brand_model: savedBrandModel, ...vehicleFields } = this.getNodeParameter(
		'vehicle',
		itemIndex,
		{},
	) as IDataObject;
	const brandModel = this.getNodeParameter('brand_model', itemIndex, '') as IDataObject[string];
	const vehicle = readVehicle.call(
		this,
		{ brand_model: isBlank(brandModel) ? savedBrandModel : brandModel, ...vehicleFields },
		itemIndex,
	);
	if (vehicle) body.vehicle = vehicle;
	const clientBody = readClient.call(this, client, itemIndex, true);
	if (clientBody) body.client = clientBody;
	if (!isBlank(user)) body.user = readId(this.getNode(), 'User Name or ID (user)', user, itemIndex);
	Object.assign(body, compact(rest));
	if (body.score !== undefined) body.score = Number(body.score);
	const notes = readContentList(note, (id, n) =>
		readId(this.getNode(), `Note ID (note[${n}].id)`, id, itemIndex, { allowZero: true }),
	);
	if (notes) body.note = notes;
	const tagList = readContentList(tags, (id, n) =>
		readId(this.getNode(), `Tag ID (tags[${n}].id)`, id, itemIndex, { allowZero: true }),
	);
	if (tagList) body.tags = tagList;
	const tasks = ((task as IDataObject | undefined)?.values ?? []) as IDataObject[];
	if (tasks.length)
		body.request = {
			task: tasks.map((t, n) => readTask.call(this, t, itemIndex, `request.task[${n}].`)),
		};
	const sent = mergeBody(body, extra);
	// doc: vehicle "obligatorio/parcial", brand_model "obligatorio".
	if (isBlank((sent.vehicle as IDataObject | undefined)?.brand_model)) {
		throw inputError(
			node,
			'vehicle.brand_model',
			'is required: the make and model of the vehicle (Brand and Model)',
			itemIndex,
		);
	}
	const lead = (await smlRequest.call(this, 'POST', '/api/lead/', {
		body: sent,
		itemIndex,
		idempotent: false,
		...requestOptions,
	})) as IDataObject;
	return lead;
}
