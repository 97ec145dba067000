import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { nowInFormat } from '../../../shared/dates';
import { buildAdfXml } from '../../helpers/adf';
import { leadAdditionalFields, readLeadFields } from './fields';

// The pilot_* fields that have a tag in the ADF template (doc "Email integration").
const ADF_FIELDS = new Set([
	'pilot_firstname',
	'pilot_lastname',
	'pilot_second_lastname',
	'pilot_email',
	'pilot_phone',
	'pilot_cellphone',
	'pilot_car_brand',
	'pilot_car_modelo',
	'pilot_address_street',
	'pilot_addresss_number',
	'pilot_address_postal_code',
	'pilot_city',
	'pilot_province',
	'pilot_country',
	'pilot_notes',
	'pilot_vendor_name',
	'pilot_vendor_email',
	'pilot_vendor_phone',
	'pilot_provider_service',
	'pilot_provider_url',
	'notification_email',
	'debug',
]);

const properties: INodeProperties[] = [
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: leadAdditionalFields.filter((p) => ADF_FIELDS.has(p.name)),
	},
	{
		displayName: 'Options',
		name: 'adfOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: 'lead.adf.xml',
				description:
					'Name of the ADF file, an extra for those who also want it attached: the email itself is the ADF text, in its body',
			},
			{
				displayName: 'Provider Name',
				name: 'providerName',
				type: 'string',
				default: '',
				description: 'Name of the lead provider, written into &lt;provider&gt;&lt;name&gt;',
			},
			{
				displayName: 'Put Output File in Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				description:
					'Name of the binary property that also holds the ADF as a file, to attach if wanted. Pilot reads the email body: put the output\'s "adf" field in the plain-text body of the Send Email node.',
			},
			{
				displayName: 'Subject',
				name: 'subject',
				type: 'string',
				default: '',
				description:
					'Email subject; by default "New contact of &lt;first name&gt; &lt;last name&gt;"',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['buildAdf'] } },
	properties,
);

/**
 * Builds the ADF email of the doc's "Email integration" ("The format of the email is an ADF ...
 * Email format: preferably plain text"; its PHP sends the ADF as the mail body): `json.adf` is the
 * plain-text body for n8n's Send Email node, the binary file an extra.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const fields = readLeadFields.call(this, itemIndex, { requireTypes: false });
	const options = this.getNodeParameter('adfOptions', itemIndex, {}) as IDataObject;
	const adf = buildAdfXml({
		fields,
		requestDate: nowInFormat('yyyy-MM-dd HH:mm:ss', this.getTimezone()),
		providerName: typeof options.providerName === 'string' ? options.providerName : '',
	});
	const name = [fields.pilot_firstname, fields.pilot_lastname].filter(Boolean).join(' ');
	const subject =
		(options.subject as string) || `New contact of ${name || fields.pilot_email || 'a lead'}`;
	const binaryPropertyName = (options.binaryPropertyName as string) || 'data';
	const fileName = (options.fileName as string) || 'lead.adf.xml';
	const binary = await this.helpers.prepareBinaryData(
		Buffer.from(adf, 'utf8'),
		fileName,
		'application/xml',
	);
	return { json: { subject, adf }, binary: { [binaryPropertyName]: binary } };
}
