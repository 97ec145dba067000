import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import {
	addressesField,
	byName,
	imField,
	text,
	typedList,
	websitesField,
} from '../common.descriptions';
import { readCompanyContact, readExtraFields, readPermit, readPerson } from '../../helpers/build';
import type { BuildContext } from '../../helpers/build';

/** `companyContact` (doc 2.2.1 / 2.2.4): the company the contact belongs to; update may name it by customerId. */
export function companyContactField(withCustomerId: boolean): INodeProperties {
	const options: INodeProperties[] = [
		addressesField,
		typedList('emails', false),
		imField,
		text('Name', 'name', 'Company (account) name; searched first, then emails, then phones'),
		typedList('phones', false),
		websitesField,
	];
	if (withCustomerId)
		options.push(
			text('Customer ID', 'customerId', 'Code of the company in CRM Data Platform, e.g. CID-123'),
		);
	options.sort(byName);
	return {
		displayName: 'Company Contact',
		name: 'companyContact',
		type: 'collection',
		placeholder: 'Add Company Field',
		default: {},
		displayOptions: { show: { type: [0] } },
		description:
			'The company (account) the contact belongs to: found by name, then emails, then phones, or created. Only for contacts, never for accounts, and only sent when filled.',
		options,
	};
}

/** The `data` of add-contact / update-contact from the node's parameters. */
export function readContact(
	this: IExecuteFunctions,
	ctx: BuildContext,
	topLevel: IDataObject,
): IDataObject {
	const additional = this.getNodeParameter('additionalFields', ctx.itemIndex, {}) as IDataObject;
	const { extraFieldsJson, ...fields } = additional;
	const data = readPerson(ctx, { ...fields, ...topLevel });
	const permit = readPermit(ctx, this.getNodeParameter('permit', ctx.itemIndex, {}));
	if (permit) data.permit = permit;
	// doc 2.2.1 "companyContact": delete it for an account or when empty.
	if (data.type !== 1) {
		const company = readCompanyContact(
			ctx,
			this.getNodeParameter('companyContact', ctx.itemIndex, {}),
		);
		if (company) data.companyContact = company;
	}
	return { ...data, ...readExtraFields(ctx, extraFieldsJson) };
}
