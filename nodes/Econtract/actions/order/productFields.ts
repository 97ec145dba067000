import type { INodeProperties } from 'n8n-workflow';
import { bool, date, enumNumber, num, options, str } from '../common';

export type ProductType = 'electricity' | 'gas' | 'dualfuel_pack';

/** s string, i integer, d double, b boolean, e enum from the CRM parameters page, n digits (doc integer, kept as text), t date. */
type Kind = 's' | 'i' | 'd' | 'b' | 'e' | 'n' | 't';

interface Spec {
	name: string;
	label: string;
	kind: Kind;
	required: boolean;
	description: string;
}

const spec = (
	name: string,
	label: string,
	kind: Kind,
	required: boolean,
	description: string,
): Spec => ({ name, label, kind, required, description });

// Doc "Electricity contract parameters".
const electricity: Spec[] = [
	spec('ean', 'EAN Code', 's', true, 'EAN code for day and day-night meters'),
	spec('ean_excl', 'Exclusive Night EAN Code', 's', false, 'EAN code for exclusive night meters'),
	spec('mru_type', 'Meter Type', 'e', true, 'Type of the electricity meter'),
	spec('mru_nr', 'Meter Number', 'n', true, 'Meter number of the electricity meter'),
	spec('connection_type', 'Connection Type', 'e', true, 'Connection type of the meter'),
	spec('usage_day', 'Usage Day', 'i', true, 'Usage day in kWh'),
	spec('usage_night', 'Usage Night', 'i', true, 'Usage night in kWh'),
	spec('usage_excl', 'Usage Exclusive Night', 'i', true, 'Usage exclusive night in kWh'),
	spec('has_budget_meter', 'Has Budget Meter', 'b', true, 'Whether the client has a budget meter'),
	spec('has_solar_panels', 'Has Solar Panels', 'b', true, 'Whether the client has solar panels'),
	spec(
		'solar_inverter_capacity',
		'Solar Inverter Capacity',
		'd',
		false,
		'Capacity of the solar inverter in kVa',
	),
	spec(
		'solar_installation_year',
		'Solar Installation Year',
		'e',
		false,
		'Year in which the solar panels were installed',
	),
	spec(
		'has_digital_meter',
		'Has Digital Meter',
		'b',
		false,
		'Whether the client has a digital meter',
	),
	spec(
		'solar_calculation_type',
		'Solar Calculation Type',
		's',
		false,
		'Method with which the solar contribution is calculated (e.g. capacity), from the CRM parameters page',
	),
	spec(
		'solar_injection_day',
		'Solar Injection Day',
		'i',
		false,
		'Solar injection on the day meter in kWh',
	),
	spec(
		'solar_injection_night',
		'Solar Injection Night',
		'i',
		false,
		'Solar injection on the night meter in kWh',
	),
	spec(
		'monthly_amount',
		'Monthly Due Amount',
		'd',
		false,
		'Monthly deposit to be paid to the supplier',
	),
	spec('situation', 'Situation', 'e', true, 'Situation for which the contract is being created'),
	spec(
		'wishdate',
		'Wish Date',
		't',
		false,
		'Preferred date on which the new contract goes into effect',
	),
	spec('donor', 'Current Supplier', 's', true, 'ID of the current supplier'),
	spec(
		'donor_client_nr',
		'Client Number at Current Supplier',
		'n',
		true,
		'Customer number at the current supplier',
	),
	spec('index_day', 'Index of Day Meter', 'i', false, 'Index of the day meter'),
	spec('index_night', 'Index of Night Meter', 'i', false, 'Index of the night meter'),
	spec(
		'index_excl',
		'Index of Exclusive Night Meter',
		'i',
		false,
		'Index of the exclusive night meter',
	),
	spec(
		'ean_unknown',
		'Is EAN Unknown',
		'b',
		false,
		'Whether the client does not know the EAN code',
	),
	spec(
		'tariff_card',
		'Tariff Card URL',
		's',
		false,
		'URL to the tariff card of the product (filled automatically)',
	),
];

// Doc "Gas contract parameters".
const gas: Spec[] = [
	spec('ean', 'EAN Code', 's', true, 'EAN code for the gas meter'),
	spec('mru_nr', 'Meter Number', 'n', true, 'Meter number of the gas meter'),
	spec('usage_gas', 'Usage', 'i', false, 'Usage in kWh'),
	spec('situation', 'Situation', 'e', true, 'Situation for which the contract is being created'),
	spec('donor', 'Current Supplier', 's', true, 'ID of the current supplier'),
	spec(
		'donor_client_nr',
		'Client Number at Current Supplier',
		'n',
		true,
		'Customer number at the current supplier',
	),
	spec('index_gas', 'Index of Gas Meter', 'i', false, 'Index of the gas meter'),
	spec(
		'monthly_amount',
		'Monthly Due Amount',
		'd',
		false,
		'Monthly deposit to be paid to the supplier',
	),
	spec(
		'ean_unknown',
		'Is EAN Unknown',
		'b',
		false,
		'Whether the client does not know the EAN code',
	),
	spec(
		'tariff_card',
		'Tariff Card URL',
		's',
		false,
		'URL to the tariff card of the product (filled automatically)',
	),
];

// Doc "Dualfuel pack contract parameters": the electricity fields with elec_, the gas fields with gas_.
const dualfuel: Spec[] = [
	...electricity
		.filter((s) => !['ean_unknown', 'usage_day', 'usage_night', 'usage_excl'].includes(s.name))
		.map((s) =>
			spec(`elec_${s.name}`, `Electricity ${s.label}`, s.kind, s.required, s.description),
		),
	spec('elec_usage_day', 'Electricity Usage Day', 'i', false, 'Usage day in kWh'),
	spec('elec_usage_night', 'Electricity Usage Night', 'i', false, 'Usage night in kWh'),
	spec(
		'elec_usage_excl',
		'Electricity Usage Exclusive Night',
		'i',
		false,
		'Usage exclusive night in kWh',
	),
	spec('gas_ean', 'Gas EAN Code', 's', true, 'EAN code for the gas meter'),
	spec('gas_mru_nr', 'Gas Meter Number', 'n', true, 'Meter number of the gas meter'),
	spec('gas_usage', 'Gas Usage', 'i', false, 'Usage in kWh'),
	spec('gas_unit', 'Gas Unit', 's', false, 'Unit of the gas usage'),
	spec(
		'gas_situation',
		'Gas Situation',
		'e',
		true,
		'Situation for which the contract is being created',
	),
	spec('gas_donor', 'Current Gas Supplier', 's', true, 'ID of the current supplier'),
	spec(
		'gas_donor_client_nr',
		'Client Number at Current Gas Supplier',
		'n',
		true,
		'Customer number at the current supplier',
	),
	spec('gas_index', 'Index of Gas Meter', 'i', false, 'Index of the gas meter'),
	spec(
		'gas_monthly_amount',
		'Gas Monthly Due Amount',
		'd',
		false,
		'Monthly deposit to be paid to the supplier',
	),
	spec(
		'gas_tariff_card',
		'Gas Tariff Card URL',
		's',
		false,
		'URL to the tariff card of the product (filled automatically)',
	),
	spec(
		'ean_unknown',
		'Is EAN Unknown',
		'b',
		false,
		'Whether the client does not know the EAN code',
	),
];

export const PRODUCT_TABLES: Record<ProductType, Spec[]> = {
	electricity,
	gas,
	dualfuel_pack: dualfuel,
};

function toProperty(s: Spec): INodeProperties {
	const description = s.description;
	if (s.name === 'gas_unit')
		return options(
			'Gas Unit',
			'gas_unit',
			[
				['Kilowatt-Hours (kWh)', 'kwh'],
				['Cubic Meters', 'm3'],
			],
			description,
		);
	switch (s.kind) {
		case 'b':
			return bool(s.label, s.name, description);
		case 'e':
			return enumNumber(s.label, s.name, description);
		case 'i':
			return num(s.label, s.name, description);
		case 'd':
			return num(s.label, s.name, description, { typeOptions: { numberPrecision: 2 } });
		case 't':
			return date(s.label, s.name, description);
		case 'n':
			return str(s.label, s.name, `${description} (digits)`);
		default:
			return str(s.label, s.name, description);
	}
}

export function requiredOf(type: ProductType): Spec[] {
	return PRODUCT_TABLES[type].filter((s) => s.required);
}

/** Required contract fields of one product type, shown only for it. */
export function requiredProperties(type: ProductType): INodeProperties[] {
	return requiredOf(type).map((s) => ({
		...toProperty(s),
		...(s.kind !== 'b' ? { required: true } : {}),
		displayOptions: { show: { product_type: [type] } },
	}));
}

/** Optional contract fields of one product type, for its Additional Fields collection. */
export function optionalProperties(type: ProductType): INodeProperties[] {
	return PRODUCT_TABLES[type].filter((s) => !s.required).map(toProperty);
}

/** Fields of one product type whose doc type is an integer written as text (n). */
export function digitFields(type: ProductType): string[] {
	return PRODUCT_TABLES[type].filter((s) => s.kind === 'n').map((s) => s.name);
}
