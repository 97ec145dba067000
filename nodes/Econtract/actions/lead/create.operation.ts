import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { inputError } from '../../../shared/errors';
import { econtractLead } from '../../helpers/commonLead';
import { assertEmail } from '../../../shared/validation';
import { econtractRequest, toOutput } from '../../transport';
import {
	bool,
	date,
	extraFieldsJson,
	idText,
	prefixed,
	prepareFields,
	readOptionalIds,
	readParameters,
	requireFields,
	str,
} from '../common';
import { addressOptions, clientFieldMap } from '../fields';
import { INTERESTS, checkInsurance, checkThirdParty } from './rules';

const LEAD_TYPES = ['third_party', 'insurance', 'call_me_back'];
const OPTIONAL_IDS: Record<string, string> = {
	affiliate_id: 'Affiliate ID',
	product_id: 'Product ID',
	producttype_id: 'Product Type ID',
	supplier_id: 'Supplier ID',
};
const GENERAL_REQUIRED = ['gender', 'segment', 'first_name', 'last_name', 'email', 'language'];
const onlyFor = (types: string[]): Partial<INodeProperties> => ({
	displayOptions: { show: { '/lead_type': types } },
});
const byName = (a: INodeProperties, b: INodeProperties) =>
	a.displayName.localeCompare(b.displayName);

// Doc "Create lead": general parameters, then each lead type's own.
const properties: INodeProperties[] = [
	{
		displayName: 'Lead Type',
		name: 'lead_type',
		type: 'options',
		required: true,
		options: [
			{ name: 'Call Me Back', value: 'call_me_back' },
			{ name: 'Insurance', value: 'insurance' },
			{ name: 'Third Party', value: 'third_party' },
		],
		default: 'third_party',
		description: 'Type of lead; it decides the extra fields',
	},
	...GENERAL_REQUIRED.map((name) => ({ ...clientFieldMap[name], required: true })),
	{
		...bool(
			'Interested in Insurance',
			'interested_in_insurance',
			'Whether the client wants a new insurance offer',
		),
		displayOptions: { show: { lead_type: ['insurance'] } },
	},
	{
		...bool(
			'Allow Insurance Call',
			'allow_insurance_call',
			'Whether the client may be called about insurance',
		),
		displayOptions: { show: { lead_type: ['insurance'] } },
	},
	{
		displayName: 'Interests',
		name: 'interests',
		type: 'multiOptions',
		required: true,
		options: INTERESTS.map((value) => ({
			name: value.charAt(0).toUpperCase() + value.slice(1),
			value,
		})).sort((a, b) => a.name.localeCompare(b.name)),
		default: [],
		description: 'Types of insurance the client is interested in',
		displayOptions: { show: { lead_type: ['insurance'] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			idText(
				'Affiliate ID',
				'affiliate_id',
				'ID of the affiliate through which the lead was created',
			),
			str(
				'Batch Identifier',
				'batch',
				'Batch description identifying a batch of leads for reporting',
				onlyFor(['third_party']),
			),
			clientFieldMap.birthdate,
			date(
				'Call Back At',
				'call_at',
				'When to call the lead back',
				onlyFor(['third_party', 'call_me_back']),
			),
			date(
				'Call Back Until',
				'call_until',
				'End of the call-back window',
				onlyFor(['call_me_back']),
			),
			clientFieldMap.cellphone,
			str(
				'Mobile Country',
				'cellphone_country',
				'Country code of the mobile number (BE, NL, FR, DE, ...)',
				{ placeholder: 'e.g. BE' },
			),
			clientFieldMap.company,
			str(
				'Cookie ID',
				'cookie_id',
				"ID of the visitor's cookie, from the comparison the lead made",
			),
			bool('Deal Closed', 'deal_closed', 'Whether the deal is closed', onlyFor(['call_me_back'])),
			extraFieldsJson,
			clientFieldMap.iban,
			str('IP Address', 'ip_address', 'IP address of the client'),
			bool('Is Hot', 'is_hot', 'Whether this is a very recent lead', onlyFor(['third_party'])),
			clientFieldMap.landline,
			str(
				'Landline Country',
				'landline_country',
				'Country code of the landline number (BE, NL, FR, DE, ...)',
				{ placeholder: 'e.g. BE' },
			),
			str('Phone', 'phone', 'Phone number to call back', onlyFor(['call_me_back'])),
			idText('Product ID', 'product_id', 'ID of the product the lead is interested in'),
			idText(
				'Product Type ID',
				'producttype_id',
				'ID of the product type the lead is interested in',
			),
			str('Notes', 'remarks', 'Notes for the agents processing the lead'),
			str('Subject', 'subject', 'Subject of the call back', onlyFor(['call_me_back'])),
			idText('Supplier ID', 'supplier_id', 'ID of the supplier the lead is interested in'),
			clientFieldMap.vat,
		].sort(byName),
	},
	{
		displayName: 'Address',
		name: 'address',
		type: 'collection',
		placeholder: 'Add Address Field',
		default: {},
		description: 'Address of the lead',
		options: addressOptions(),
	},
];

export const requestOptions = true;
export const simplify = econtractLead;

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['create'] } },
	properties,
);

// Leads are not deduplicated by the doc: independent creates, never resent after a lost answer.
export const parallel = true;

/** Doc "Create lead": POST /api/leads with lead_type and its fields. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject[]> {
	const node = this.getNode();
	const leadType = this.getNodeParameter('lead_type', itemIndex) as string;
	if (!LEAD_TYPES.includes(leadType)) {
		throw inputError(
			node,
			'lead_type',
			`"${String(leadType)}" is not offered. Expected third_party, insurance or call_me_back`,
			itemIndex,
		);
	}
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	readOptionalIds(node, additional, OPTIONAL_IDS, itemIndex);
	const general = prepareFields(
		this,
		{ ...readParameters(this, GENERAL_REQUIRED, itemIndex), ...additional },
		itemIndex,
	);
	requireFields(node, general, GENERAL_REQUIRED, itemIndex);
	assertEmail(node, 'email', general.email, itemIndex);
	const address = prepareFields(
		this,
		this.getNodeParameter('address', itemIndex, {}) as IDataObject,
		itemIndex,
		'address.',
	);
	const data: IDataObject = { lead_type: leadType, ...general, ...prefixed('address_', address) };
	if (leadType === 'insurance') {
		data.interested_in_insurance = this.getNodeParameter(
			'interested_in_insurance',
			itemIndex,
			false,
		) as boolean;
		data.allow_insurance_call = this.getNodeParameter(
			'allow_insurance_call',
			itemIndex,
			false,
		) as boolean;
		data.interests = checkInsurance(
			node,
			this.getNodeParameter('interests', itemIndex, []),
			itemIndex,
		);
	}
	if (leadType === 'third_party') checkThirdParty(node, data, itemIndex);
	const answer = await econtractRequest.call(this, {
		method: 'POST',
		path: '/api/leads',
		data,
		idempotent: false,
		itemIndex,
		...requestOptions,
	});
	return toOutput(answer);
}
