import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { inputError } from '../../../shared/errors';
import { smlLead } from '../../helpers/commonLead';
import { compact, isBlank, readId } from '../../../shared/validation';
import { smlRequest } from '../../transport';
import { mergeBody, readClient, readContentList, readJsonObject, readVehicle } from '../common';
import {
	SCORE_OPTIONS,
	STATUS_OPTIONS,
	clientField,
	contentListField,
	extraFieldsJson,
	vehicleOptions,
} from '../common.descriptions';
import { leadIdField } from './get.operation';
import { readLeadId } from '../leadLocator';

const properties: INodeProperties[] = [
	leadIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		hint: 'A client, vehicle, note or tag given with its current ID is updated in place; without its ID SML replaces it (deletes the old one, creates a new one). To change a task, use Task &gt; Update.',
		options: [
			clientField(true),
			extraFieldsJson,
			contentListField('note', true),
			{
				displayName: 'Score',
				name: 'score',
				type: 'options',
				options: SCORE_OPTIONS,
				default: '1',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: STATUS_OPTIONS,
				default: 'new',
				description:
					'The new status of the lead (statuses are listed in the order a lead goes through them)',
			},
			contentListField('tags', true),
			{
				displayName: 'User Name or ID',
				name: 'user',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getUsers' },
				default: '',
				description:
					'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
			{
				displayName: 'Vehicle',
				name: 'vehicle',
				type: 'collection',
				placeholder: 'Add Vehicle Field',
				default: {},
				hint: "Set ID to the lead's current vehicle ID to update it in place; without an ID SML replaces the vehicle",
				options: vehicleOptions(true),
			},
		],
	},
];

export const requestOptions = true;
export const simplify = smlLead;

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['update'] } },
	properties,
);

/** PATCH /api/lead/{id_lead}/ (doc "Modificar Lead"); tasks: Extra Fields (JSON) `request`, or Task > Update. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject> {
	const node = this.getNode();
	const id = readLeadId.call(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const { extraFieldsJson: extraJson, client, vehicle, note, tags, user, ...rest } = fields;
	const body: IDataObject = {};
	const vehicleBody = readVehicle.call(this, vehicle, itemIndex);
	if (vehicleBody) {
		// Without an id the vehicle is replaced: the new one needs its brand_model (doc "Crear Lead").
		if (vehicleBody.id === undefined && isBlank(vehicleBody.brand_model)) {
			throw inputError(
				node,
				'vehicle.brand_model',
				'is required when the vehicle has no ID (it then replaces the current one); set ID to update the current vehicle in place',
				itemIndex,
			);
		}
		body.vehicle = vehicleBody;
	}
	const clientBody = readClient.call(this, client, itemIndex, false);
	if (clientBody) {
		if (clientBody.id === undefined && isBlank(clientBody.name)) {
			throw inputError(
				node,
				'client.name',
				'is required when the client has no ID (it then replaces the current one); set ID to update the current client in place',
				itemIndex,
			);
		}
		body.client = clientBody;
	}
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
	const sent = mergeBody(
		body,
		readJsonObject.call(this, extraJson, 'Extra Fields (JSON)', itemIndex),
	);
	if (!Object.keys(sent).length)
		throw inputError(node, 'Update Fields', 'set at least one field to change', itemIndex);
	const lead = (await smlRequest.call(this, 'PATCH', `/api/lead/${id}/`, {
		body: sent,
		itemIndex,
		idempotent: true,
		what: `lead ${id}`,
		...requestOptions,
	})) as IDataObject;
	return lead;
}
