import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { econtractLead } from '../../helpers/commonLead';
import { econtractRequest, toOutput } from '../../transport';
import { extraFieldsJson, prepareParts, readParameters } from '../common';
import { checkClient, clientFieldMap, clientOptions, clientRequired } from '../fields';

// Doc "Create client" marks both phones required, but its own example leaves landline empty: one is needed.
const PHONE_HINT = 'Give a mobile or a landline number, at least one of the two';
const topLevel = [...clientRequired, 'cellphone', 'landline'];

const properties: INodeProperties[] = [
	...clientRequired.map((name) => ({ ...clientFieldMap[name], required: true })),
	{ ...clientFieldMap.cellphone, hint: PHONE_HINT },
	clientFieldMap.landline,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [...clientOptions(topLevel), extraFieldsJson].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	},
];

export const requestOptions = true;
export const simplify = econtractLead;

export const description = updateDisplayOptions(
	{ show: { resource: ['client'], operation: ['create'] } },
	properties,
);

// Doc "Create client": the CRM dedupes clients itself, so resending after a lost answer cannot duplicate.
export const parallel = true;

/** Doc "Create client": POST /api/clients. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject[]> {
	const { fields, extra } = prepareParts(
		this,
		{
			...readParameters(this, topLevel, itemIndex),
			...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
		},
		itemIndex,
	);
	// The node's fields are checked; Extra Fields (JSON) is sent as given, last.
	checkClient(this.getNode(), fields, itemIndex);
	// Both phones are marked required and the doc's examples send 'landline' => '': the one not
	// given goes as '' (as the address's box), not left out.
	const data = {
		...fields,
		cellphone: fields.cellphone ?? '',
		landline: fields.landline ?? '',
		...extra,
	};
	const answer = await econtractRequest.call(this, {
		method: 'POST',
		path: '/api/clients',
		data,
		idempotent: true,
		itemIndex,
		...requestOptions,
	});
	return toOutput(answer);
}
