import type { IDataObject, INode } from 'n8n-workflow';
import { inputError } from '../../../shared/errors';
import { isBlank } from '../../../shared/validation';

export const INTERESTS = ['car', 'dog', 'funeral', 'fire', 'hospitalization'];

/**
 * Doc "Third party lead > Validation", checked before sending; each failure
 * names the rule as the doc writes it. (The doc's "iban: required if iban is
 * provided" says nothing and is not checked.) `data` is the wire form, with address_ prefixes.
 */
export function checkThirdParty(node: INode, data: IDataObject, itemIndex: number): void {
	const given = (name: string) => !isBlank(data[name]);
	const rule = (field: string, text: string) =>
		inputError(node, field, `is required when ${text}`, itemIndex);
	if (!given('cellphone') && !given('landline')) {
		throw inputError(
			node,
			'cellphone or landline',
			'one is required: give a mobile or a landline number',
			itemIndex,
		);
	}
	if (given('cellphone') && !given('cellphone_country'))
		throw rule('cellphone_country', 'cellphone is provided');
	if (given('landline') && !given('landline_country'))
		throw rule('landline_country', 'landline is provided');
	if (given('company') && !given('vat')) throw rule('vat', 'company is provided');
	if (given('address_nr') && !given('address_street'))
		throw rule('address_street', 'address_nr is provided');
	if (given('address_street') && !given('address_nr'))
		throw rule('address_nr', 'address_street is provided');
	if ((given('address_street') || given('address_nr')) && !given('address_postal_code')) {
		throw rule('address_postal_code', 'either address_street or address_nr is provided');
	}
}

/** Doc "Insurance lead": interests is required, from car, dog, funeral, fire, hospitalization. */
export function checkInsurance(node: INode, interests: unknown, itemIndex: number): string[] {
	const list = Array.isArray(interests)
		? interests.map(String)
		: isBlank(interests)
			? []
			: String(interests)
					.split(',')
					.map((s) => s.trim());
	if (list.length === 0)
		throw inputError(
			node,
			'interests',
			`at least one is required for an insurance lead. Expected some of ${INTERESTS.join(', ')}`,
			itemIndex,
		);
	for (const value of list) {
		if (!INTERESTS.includes(value))
			throw inputError(
				node,
				'interests',
				`"${value}" is not offered. Expected some of ${INTERESTS.join(', ')}`,
				itemIndex,
			);
	}
	return list;
}
