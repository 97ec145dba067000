import type { INodeProperties } from 'n8n-workflow';

/** The typed mode of a record picker: its name, placeholder and the check of what is typed. */
export interface TypedMode {
	displayName: string;
	name: string;
	placeholder: string;
	/** What a typed value must match (spaces around it are allowed by the caller's regex). */
	regex: string;
	errorMessage: string;
}

/**
 * A record picker as n8n's own CRM nodes have it: "From List" (a searchable list the node loads
 * from the CRM with `searchListMethod`) and one typed mode (an ID, an email), checked as typed.
 * Its internal name stays the API's; a plain value saved by older workflows still reads with
 * `getNodeParameter(name, i, '', { extractValue: true })`.
 */
export function recordLocator(spec: {
	displayName: string;
	name: string;
	description: string;
	list: { searchListMethod: string; placeholder: string; searchFilterRequired?: boolean };
	typed: TypedMode;
}): INodeProperties {
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description: spec.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: spec.list.placeholder,
				typeOptions: {
					searchListMethod: spec.list.searchListMethod,
					searchable: true,
					...(spec.list.searchFilterRequired ? { searchFilterRequired: true } : {}),
				},
			},
			{
				displayName: spec.typed.displayName,
				name: spec.typed.name,
				type: 'string',
				placeholder: spec.typed.placeholder,
				validation: [
					{
						type: 'regex',
						properties: { regex: spec.typed.regex, errorMessage: spec.typed.errorMessage },
					},
				],
			},
		],
	};
}

/** The "By ID" mode of a record whose IDs are whole numbers, e.g. `byWholeNumberId('lead', '1234')`. */
export function byWholeNumberId(record: string, example: string): TypedMode {
	return {
		displayName: 'By ID',
		name: 'id',
		placeholder: `e.g. ${example}`,
		regex: '^\\s*[0-9]+\\s*$',
		errorMessage: `Not a valid ${record} ID: enter a whole number, e.g. ${example}`,
	};
}
