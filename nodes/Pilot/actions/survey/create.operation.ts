import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { nowInFormat } from '../../../shared/dates';
import { extraFieldsJsonField } from '../../../shared/descriptions';
import { inputError } from '../../../shared/errors';
import {
	assertEmail,
	assertInteger,
	assertOneOf,
	compact,
	isBlank,
	toFieldString,
} from '../../../shared/validation';
import { pilotPost } from '../../transport';
import { readExtraFields, text } from '../lead/fields';

// Survey fields, named as Pilot names them (doc "Survey Integration via Webhook").
const properties: INodeProperties[] = [
	{
		displayName: 'Survey Type',
		name: 'surveytype',
		type: 'string',
		required: true,
		default: '',
		description: 'Survey type code, defined by the client',
	},
	{
		displayName: 'Contact Phone',
		name: 'telefono_contacto',
		type: 'string',
		default: '',
		description: 'Landline number of the client to survey',
		hint: 'At least one contact phone is required: Contact Phone or Contact Mobile',
	},
	{
		displayName: 'Contact Mobile',
		name: 'celular_contacto',
		type: 'string',
		default: '',
		description: 'Mobile number of the client to survey',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			text(
				'Administrative 1',
				'Administrativo1',
				'Name of the administrative staff who assisted the client',
			),
			text('Advisor', 'asesor', 'Name of the advisor who assisted the client'),
			text(
				'Batch ID',
				'identificador_lote_carga',
				'Unique ID of the batch upload, typically YYYYMMDDHHMMSS; by default the time of the run',
				'e.g. 20240531093000',
			),
			text(
				'Branch',
				'sucursal',
				"Delivery location, sales branch or workshop, from the instance's branch list",
			),
			{
				displayName: 'Check Repeated',
				name: 'checkrepited',
				type: 'options',
				options: [
					{
						name: 'Create All',
						value: '0',
						description: 'Every survey sent becomes a survey, repeats included',
					},
					{
						name: 'Create One, Skip Repeats',
						value: '1',
						description: 'Pilot checks for repeats and creates only one survey',
					},
				],
				default: '0',
				description: 'What Pilot does when the same survey is sent more than once',
			},
			text(
				'Contact Email',
				'email_contacto',
				'Email of the person to survey',
				'e.g. nathan@example.com',
			),
			text('Contact First Name', 'nombre_contacto', 'First name of the client to survey'),
			text('Contact Last Name', 'apellido_contacto', 'Last name of the client to survey'),
			text(
				'Event Date',
				'fecha_evento',
				'Sales: vehicle delivery date; after-sales: workshop release date. Sent as typed.',
			),
			extraFieldsJsonField(
				'extraFieldsJson',
				'Survey fields this node does not list, as a flat JSON object of field name to value; sent as they are',
			),
			text('Generic 1', 'generico_1', 'Additional survey information'),
			text('Generic 2', 'generico_2', 'Additional survey information'),
			text('Generic 3', 'generico_3', 'Additional survey information'),
			text('Generic 4', 'generico_4', 'Additional survey information'),
			text('Generic 5', 'generico_5', 'Additional survey information'),
			text(
				'Internal Reference',
				'comprobante_interno',
				'Internal operation reference, e.g. receipt, worksheet or repair order number',
			),
			text('License Plate', 'dominio', "License plate of the surveyed client's vehicle"),
			text('Pilot Sale ID', 'id_venta_pilot', 'Numeric ID, for internal Pilot use only'),
			text('Sale Type', 'tipo_venta', 'Operation type that triggered the survey, e.g. Used / New'),
			text('Salesperson', 'vendedor', 'Name of the sales representative'),
			text(
				'Survey Start Date',
				'fecha_inicio_gestion',
				'Date on which survey management should begin. Sent as typed.',
			),
			text(
				'Survey User',
				'user_name_encuestador',
				'Email of the Pilot user the survey is assigned to',
				'e.g. nathan@example.com',
			),
			text('Vehicle', 'vehiculo', "Make, model and version of the client's vehicle"),
			text('Vehicle Position', 'posicion_vehiculo', 'Vehicle identifier in the source system'),
			text('Vehicle VIN', 'vin_vehiculo', 'Vehicle Identification Number: 17 letters or digits'),
			text(
				'Workshop Mechanic',
				'mecanico_taller',
				'Mechanic assigned to the main after-sales repair',
			),
		],
	},
];

export const requestOptions = true;

// Independent creates: sent concurrently (Request Options > Parallel Requests).
export const parallel = true;

export const description = updateDisplayOptions(
	{ show: { resource: ['survey'], operation: ['create'] } },
	properties,
);

/** POST webhooks/survey.php, action=create. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject> {
	const node = this.getNode();
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const { extraFieldsJson, ...rest } = additional;
	const fields: Record<string, unknown> = {
		surveytype: this.getNodeParameter('surveytype', itemIndex, ''),
		telefono_contacto: this.getNodeParameter('telefono_contacto', itemIndex, ''),
		celular_contacto: this.getNodeParameter('celular_contacto', itemIndex, ''),
		...rest,
	};
	if (isBlank(fields.surveytype))
		throw inputError(
			node,
			'Survey Type (surveytype)',
			'is required: the survey type code defined by the client',
			itemIndex,
		);
	assertOneOf(
		node,
		{ telefono_contacto: fields.telefono_contacto, celular_contacto: fields.celular_contacto },
		'give the Contact Phone or the Contact Mobile',
		itemIndex,
	);
	assertEmail(node, 'Contact Email (email_contacto)', fields.email_contacto, itemIndex);
	assertEmail(node, 'Survey User (user_name_encuestador)', fields.user_name_encuestador, itemIndex);
	assertInteger(node, 'Pilot Sale ID (id_venta_pilot)', fields.id_venta_pilot, itemIndex);
	if (!isBlank(fields.vin_vehiculo) && !/^[A-Za-z0-9]{17}$/.test(String(fields.vin_vehiculo))) {
		throw inputError(
			node,
			'Vehicle VIN (vin_vehiculo)',
			`"${String(fields.vin_vehiculo)}" is not a VIN. Expected 17 letters or digits`,
			itemIndex,
		);
	}
	if (isBlank(fields.identificador_lote_carga)) {
		fields.identificador_lote_carga = nowInFormat('yyyyMMddHHmmss', this.getTimezone());
	}
	const out: Record<string, string> = readExtraFields.call(this, extraFieldsJson, itemIndex, [
		'appkey',
		'action',
	]);
	for (const [key, value] of Object.entries(compact(fields))) out[key] = toFieldString(value);

	const answer = await pilotPost.call(this, '/webhooks/survey.php', out, itemIndex, requestOptions);
	const data = typeof answer.data === 'object' ? answer.data : { message: answer.data };
	const { ...echoed } = data;
	delete echoed.appkey;
	return {
		success: true,
		message: answer.message,
		identificador_lote_carga: out.identificador_lote_carga,
		...echoed,
	};
}
