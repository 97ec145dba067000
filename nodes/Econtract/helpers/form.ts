import type { IDataObject } from 'n8n-workflow';

type FormValue =
	| string
	| number
	| boolean
	| null
	| undefined
	| FormValue[]
	| { [key: string]: FormValue };

/** One scalar as PHP's form encoding writes it: booleans 1/0 (contract "Econtract": vendor client wire rules). */
export function formScalar(value: string | number | boolean): string {
	if (typeof value === 'boolean') return value ? '1' : '0';
	return String(value);
}

function append(params: URLSearchParams, key: string, value: FormValue): void {
	if (value === undefined || value === null) return;
	if (Array.isArray(value)) {
		// PHP bracket notation for lists: interests[]=fire&interests[]=car
		for (const entry of value) {
			if (entry !== null && typeof entry === 'object') append(params, `${key}[]`, entry);
			else if (entry !== undefined && entry !== null) params.append(`${key}[]`, formScalar(entry));
		}
		return;
	}
	if (typeof value === 'object') {
		// Nested maps as PHP reads them: key[sub]=value
		for (const [sub, entry] of Object.entries(value)) append(params, `${key}[${sub}]`, entry);
		return;
	}
	params.append(key, formScalar(value));
}

/** Encodes request data as the vendor's PHP client does: x-www-form-urlencoded, PHP brackets, booleans 1/0. */
export function toPhpForm(data: IDataObject): URLSearchParams {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(data)) append(params, key, value as FormValue);
	return params;
}

/** The same data as a flat query object for GET (n8n serialises `qs`); the GET endpoints take scalars only. */
export function toPhpQuery(data: IDataObject): Record<string, string> {
	return Object.fromEntries(toPhpForm(data));
}
