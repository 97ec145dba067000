import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { RequestOptions } from '../../../shared/types';
import { inputError } from '../../../shared/errors';
import { isBlank, toFieldString } from '../../../shared/validation';
import type { XmlNode } from '../../../shared/xml';
import { answerItem } from '../../helpers/common';
import { publitracCall } from '../../transport';
import { leadLocator, readLeadEmail } from '../leadLocator';

export const emailField: INodeProperties = leadLocator(
	'The lead the entry is for: an existing lead, whose email has fewer than 50 characters',
);

const text = (
	displayName: string,
	name: string,
	description: string,
	placeholder?: string,
): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	description,
	...(placeholder ? { placeholder } : {}),
});

/** The fields of <webvisitleadhistory> and <clicklinkleadhistory> (doc "Add web visit history"), sorted by display name. */
export const visitFieldOptions: INodeProperties[] = [
	text('Context', 'context', 'What the visitor was doing', 'e.g. Blog viewed'),
	text(
		'Information',
		'information',
		'More about the visit, such as the section of the site',
		'e.g. /blog',
	),
	text('IP Address', 'ip', "The visitor's IP address", 'e.g. 71.23.75.32'),
	text('Query', 'query', 'The query string of the page, e.g. blog_post=product_abc_launch'),
	text('Referral', 'referral', 'The referring page'),
	text(
		'Session ID',
		'sessionId',
		"The visitor's session on your site",
		'e.g. 2192c0f3802f8e0744e9940788121624',
	),
	text('URL', 'url', 'The address of the page visited', 'e.g. https://www.example.com/blog'),
	text('User Agent', 'userAgent', 'The browser user agent'),
];

/** doc "Add web visit history" and siblings: the lead email must hold fewer than 50 characters. */
export function readHistoryEmail(this: IExecuteFunctions, itemIndex: number): string {
	const email = readLeadEmail.call(this, itemIndex);
	if (email.length >= 50)
		throw inputError(
			this.getNode(),
			'email',
			`has ${email.length} characters. Expected fewer than 50`,
			itemIndex,
		);
	return email;
}

/** Fields in the given order, blanks left out; `values` goes as CDATA as in the doc's example. */
export function historyChildren(fields: IDataObject): XmlNode[] {
	return Object.entries(fields)
		.filter(([, v]) => !isBlank(v))
		.map(([name, v]) =>
			name === 'values' ? { name, cdata: toFieldString(v) } : { name, text: toFieldString(v) },
		);
}

/** POSTs one history entry: email in the query string, the entry as the XML query. */
export async function sendHistory(
	this: IExecuteFunctions,
	itemIndex: number,
	requestOptions: RequestOptions,
	method: string,
	element: string,
	fields: IDataObject,
): Promise<IDataObject> {
	const email = readHistoryEmail.call(this, itemIndex);
	const answer = await publitracCall.call(this, {
		method,
		http: 'POST',
		params: { email },
		query: { name: 'request', children: [{ name: element, children: historyChildren(fields) }] },
		idempotent: false,
		itemIndex,
		...requestOptions,
	});
	return answerItem(answer, { email });
}
