import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { inputError } from '../../shared/errors';
import { recordLocator } from '../../shared/locator';
import { assertEmail, isBlank } from '../../shared/validation';

/**
 * A lead, as n8n's own CRM nodes pick a record: "From List" (searchable, paged; the listSearch
 * method searchLeads) or "By Email" (PUBLITRAC identifies a lead by its email). Its internal
 * name stays the API's (`email`); a plain email saved by older workflows still reads.
 */
export function leadLocator(description: string): INodeProperties {
	return recordLocator({
		displayName: 'Lead',
		name: 'email',
		description,
		list: { searchListMethod: 'searchLeads', placeholder: 'Select a lead...' },
		typed: {
			displayName: 'By Email',
			name: 'email',
			placeholder: 'e.g. name@example.com',
			// The shared email check (nodes/shared/validation.ts), spaces around allowed.
			regex:
				'^\\s*[^\\s@<>()[\\]\\\\,;:"]+@[^\\s@<>()[\\]\\\\,;:"]+\\.[^\\s@<>()[\\]\\\\,;:"]{2,}\\s*$',
			errorMessage: 'Not a valid email address: enter one such as name@example.com',
		},
	});
}

/**
 * The lead's email from the locator (or a plain email of an older workflow), trimmed, unchecked:
 * for the callers that check it themselves (Lead: Update builds the <lead> with its own checks).
 */
export function leadEmailValue(this: IExecuteFunctions, itemIndex: number): string {
	let value = this.getNodeParameter('email', itemIndex, '', { extractValue: true }) as unknown;
	// A resource locator read without its value extracted: its value is the email.
	if (value !== null && typeof value === 'object' && '__rl' in value)
		value = (value as { value?: unknown }).value;
	return isBlank(value) ? '' : String(value).trim();
}

/** The lead's email from the locator (or a plain email of an older workflow), required and checked. */
export function readLeadEmail(this: IExecuteFunctions, itemIndex: number): string {
	const email = leadEmailValue.call(this, itemIndex);
	if (isBlank(email))
		throw inputError(this.getNode(), 'email', 'is required, e.g. john@acme.com', itemIndex);
	assertEmail(this.getNode(), 'email', email, itemIndex);
	return email;
}
