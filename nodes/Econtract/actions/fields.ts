import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { inputError } from '../../shared/errors';
import { assertEmail, isBlank } from '../../shared/validation';
import { LANGUAGES, date, enumNumber, num, options, str } from './common';

// Doc "Create client" table, by API name. Required: gender, segment, first_name, last_name, email, language (+ a phone).
export const clientRequired = ['gender', 'segment', 'first_name', 'last_name', 'email', 'language'];

export const clientFieldMap: Record<string, INodeProperties> = {
	gender: enumNumber('Gender', 'gender', 'Gender (gender)'),
	segment: enumNumber('Market Segment', 'segment', 'Market segment (segment)'),
	first_name: str('First Name', 'first_name', 'First name'),
	last_name: str('Last Name', 'last_name', 'Last name'),
	email: str('Email', 'email', 'Email address', { placeholder: 'name@email.com' }),
	language: options('Language', 'language', LANGUAGES, 'Language of the client'),
	cellphone: str('Cellphone', 'cellphone', 'Cellphone (04xxxxxxxx)', { placeholder: '0499656565' }),
	landline: str('Landline', 'landline', 'Landline (0xxxxxxxx)', { placeholder: '012457898' }),
	birthdate: date('Birth Date', 'birthdate', 'Birth date, sent as YYYY-MM-DD'),
	birthplace: str('Birth Place', 'birthplace', 'Birth place'),
	nationality: str('Nationality', 'nationality', 'Nationality (be, nl, ...)'),
	idnr: str('ID Card Number', 'idnr', 'ID card number'),
	rrnr: str('National Registry Number', 'rrnr', 'National registry number'),
	fax: str('Fax', 'fax', 'Fax (0xxxxxxxx)'),
	company: str('Company Name', 'company', 'Company name'),
	vat: str('VAT Number', 'vat', 'VAT number (BExxxx.xxx.xxx)'),
	iban: str('IBAN', 'iban', 'IBAN (BExx xxxx xxxx xxxx)'),
	bic: str('BIC', 'bic', 'BIC'),
	family_size: num('Family Size', 'family_size', 'Family size', { typeOptions: { minValue: 0 } }),
};

const byDisplayName = (a: INodeProperties, b: INodeProperties) => a.displayName.localeCompare(b.displayName);

export function clientOptions(exclude: string[] = []): INodeProperties[] {
	return Object.entries(clientFieldMap)
		.filter(([name]) => !exclude.includes(name))
		.map(([, field]) => field)
		.sort(byDisplayName);
}

// Doc "Create address" table. Required: street, nr, postal_code, city, country (box is marked yes, but its own example sends '').
export const addressRequired = ['street', 'nr', 'postal_code', 'city', 'country'];

export const addressFieldMap: Record<string, INodeProperties> = {
	street: str('Street', 'street', 'Street'),
	nr: str('House Number', 'nr', 'House number'),
	box: str('Box', 'box', 'Box (leave empty when there is none)'),
	floor: str('Floor', 'floor', 'Floor on which the apartment is located'),
	postal_code: str('Zip Code', 'postal_code', 'Zip code'),
	city: str('City', 'city', 'City'),
	country: str('Country', 'country', 'Country (BE, NL, ...)', { placeholder: 'BE' }),
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
	for (const name of clientRequired) {
		if (isBlank(client[name])) throw inputError(node, `${label}${name}`, 'is required (doc "Create client") and is empty', itemIndex);
	}
	if (isBlank(client.cellphone) && isBlank(client.landline)) {
		throw inputError(node, `${label}cellphone or ${label}landline`, 'a phone number is required (doc "Create client": cellphone, landline)', itemIndex);
	}
	assertEmail(node, `${label}email`, client.email, itemIndex);
}

export function checkAddress(node: INode, address: IDataObject, itemIndex: number, label = ''): void {
	for (const name of addressRequired) {
		if (isBlank(address[name])) throw inputError(node, `${label}${name}`, 'is required (doc "Create address") and is empty', itemIndex);
	}
}
