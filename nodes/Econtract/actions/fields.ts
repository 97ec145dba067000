import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { inputError } from '../../shared/errors';
import { assertEmail, isBlank } from '../../shared/validation';
import { LANGUAGES, date, enumNumber, num, options, requireFields, str } from './common';

// Doc "Create client" table, by API name. Required: gender, segment, first_name, last_name, email, language (+ a phone).
export const clientRequired = ['gender', 'segment', 'first_name', 'last_name', 'email', 'language'];

export const clientFieldMap: Record<string, INodeProperties> = {
	gender: enumNumber('Gender', 'gender', 'Gender of the client'),
	segment: enumNumber('Market Segment', 'segment', 'Market segment the client belongs to'),
	first_name: str('First Name', 'first_name', ''),
	last_name: str('Last Name', 'last_name', ''),
	email: str('Email', 'email', 'Email address of the client', {
		placeholder: 'e.g. nathan@example.com',
	}),
	language: options(
		'Language',
		'language',
		LANGUAGES,
		'Language in which Econtract addresses the client',
	),
	cellphone: str('Mobile', 'cellphone', 'Mobile number in the form 04xxxxxxxx', {
		placeholder: 'e.g. 0499656565',
	}),
	landline: str('Landline', 'landline', 'Landline number in the form 0xxxxxxxx', {
		placeholder: 'e.g. 012457898',
	}),
	birthdate: date('Date of Birth', 'birthdate', 'Date of birth of the client'),
	birthplace: str('Place of Birth', 'birthplace', 'Town or city where the client was born'),
	nationality: str('Nationality', 'nationality', 'Country code of the nationality (be, nl, ...)', {
		placeholder: 'e.g. be',
	}),
	idnr: str('ID Card Number', 'idnr', "Number on the client's identity card"),
	rrnr: str(
		'National Registry Number',
		'rrnr',
		"The client's Belgian national register number (11 digits)",
	),
	fax: str('Fax', 'fax', 'Fax number in the form 0xxxxxxxx'),
	company: str('Company Name', 'company', "Name of the client's company, for a business client"),
	vat: str('VAT Number', 'vat', "VAT number of the client's company (BExxxx.xxx.xxx)", {
		placeholder: 'e.g. BE0123.456.789',
	}),
	iban: str('IBAN', 'iban', 'Bank account number of the client (IBAN)', {
		placeholder: 'e.g. BE68 5390 0754 7034',
	}),
	bic: str('BIC', 'bic', "Identifier of the client's bank (BIC)", { placeholder: 'e.g. GKCCBEBB' }),
	family_size: num('Family Size', 'family_size', "Number of people in the client's household", {
		typeOptions: { minValue: 0 },
	}),
};

const byDisplayName = (a: INodeProperties, b: INodeProperties) =>
	a.displayName.localeCompare(b.displayName);

export function clientOptions(exclude: string[] = []): INodeProperties[] {
	return Object.entries(clientFieldMap)
		.filter(([name]) => !exclude.includes(name))
		.map(([, field]) => field)
		.sort(byDisplayName);
}

// Doc "Create address" table. Required: street, nr, postal_code, city, country (box is marked yes, but its own example sends '').
export const addressRequired = ['street', 'nr', 'postal_code', 'city', 'country'];

export const addressFieldMap: Record<string, INodeProperties> = {
	street: str('Street', 'street', ''),
	nr: str('House Number', 'nr', ''),
	box: str('Box', 'box', 'Box (leave empty when there is none)'),
	floor: str('Floor', 'floor', 'Floor on which the apartment is located'),
	postal_code: str('Postal Code', 'postal_code', '', { placeholder: 'e.g. 1000' }),
	city: str('City', 'city', ''),
	country: str('Country', 'country', 'Country code (BE, NL, ...)', { placeholder: 'e.g. BE' }),
	building_type: enumNumber('Building Type', 'building_type', 'Type of building for the address'),
};

export function addressOptions(exclude: string[] = []): INodeProperties[] {
	return Object.entries(addressFieldMap)
		.filter(([name]) => !exclude.includes(name))
		.map(([, field]) => field)
		.sort(byDisplayName);
}

/** Doc "Create client": cellphone and landline are both marked required, but the doc's example leaves landline empty: one is needed. */
export function checkClient(node: INode, client: IDataObject, itemIndex: number, label = ''): void {
	requireFields(node, client, clientRequired, itemIndex, label);
	if (isBlank(client.cellphone) && isBlank(client.landline)) {
		throw inputError(
			node,
			`${label}cellphone or ${label}landline`,
			'a phone number is required: give a mobile or a landline number',
			itemIndex,
		);
	}
	assertEmail(node, `${label}email`, client.email, itemIndex);
}

export function checkAddress(
	node: INode,
	address: IDataObject,
	itemIndex: number,
	label = '',
): void {
	for (const name of addressRequired) {
		if (isBlank(address[name]))
			throw inputError(node, `${label}${name}`, 'is required and is empty', itemIndex);
	}
}
