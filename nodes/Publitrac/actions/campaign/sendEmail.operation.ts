import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { inputError, vendorError } from '../../../shared/errors';
import { assertEmail, isBlank } from '../../../shared/validation';
import type { XmlNode } from '../../../shared/xml';
import { leadElement } from '../../helpers/lead';
import { publitracCall } from '../../transport';

// doc "Add emails campaign": at most 50 leads per call, campaign name under 50 characters.
export const LEADS_PER_CALL = 50;

const properties: INodeProperties[] = [
	{
		displayName: 'Campaign Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Spring Promotion',
		description: 'The campaign (created, or reused when it exists); fewer than 50 characters',
	},
	{
		displayName: 'From Name',
		name: 'fromName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Acme Sales Team',
	},
	{
		displayName: 'From Email',
		name: 'fromEmail',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. sales@example.com',
	},
	{ displayName: 'Subject', name: 'subject', type: 'string', required: true, default: '' },
	{
		displayName: 'Message',
		name: 'message',
		type: 'collection',
		placeholder: 'Add Part',
		default: {},
		description: 'The HTML and/or text body; {{FirstName;Default=}} style tags are kept as written',
		options: [
			{ displayName: 'HTML', name: 'html', type: 'string', typeOptions: { rows: 6 }, default: '' },
			{ displayName: 'Text', name: 'text', type: 'string', typeOptions: { rows: 6 }, default: '' },
		],
	},
	{
		displayName: 'Leads',
		name: 'leads',
		type: 'json',
		required: true,
		default: '[]',
		placeholder: 'e.g. [{"email": "nathan@example.com", "firstName": "Nathan"}]',
		description:
			'The leads to email: a JSON array of leads, each with its email and other lead fields (custom fields as a "customFields" object), or a list of emails. More than 50 leads are sent in several batches.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Send As Sales Rep',
				name: 'sendAsSalesRep',
				type: 'boolean',
				default: false,
				description: "Whether the email is sent in the name of each lead's sales rep",
			},
		],
	},
];

export const requestOptions = true;

export const description = updateDisplayOptions(
	{ show: { resource: ['campaign'], operation: ['sendEmail'] } },
	properties,
);

function readLeads(this: IExecuteFunctions, itemIndex: number): XmlNode[] {
	let raw = this.getNodeParameter('leads', itemIndex) as unknown;
	if (typeof raw === 'string') {
		const textValue = raw.trim();
		if (textValue.startsWith('[') || textValue.startsWith('{')) {
			try {
				raw = JSON.parse(textValue);
			} catch {
				throw inputError(
					this.getNode(),
					'leads',
					'is not valid JSON. Expected an array such as [{"email": "john@acme.com"}]',
					itemIndex,
				);
			}
		} else raw = textValue.split(/[\s,;]+/).filter(Boolean);
	}
	const list = Array.isArray(raw) ? raw : [raw];
	if (!list.length)
		throw inputError(
			this.getNode(),
			'Leads',
			'at least one lead is required, e.g. [{"email": "nathan@example.com"}]',
			itemIndex,
		);
	return list.map((entry, n) => {
		const lead = (typeof entry === 'string' ? { email: entry } : entry) as IDataObject;
		if (!lead || typeof lead !== 'object' || Array.isArray(lead)) {
			throw inputError(
				this.getNode(),
				`leads[${n}]`,
				'must be a lead object such as {"email": "john@acme.com"} or an email',
				itemIndex,
			);
		}
		const { email, customFields, ...fields } = lead;
		if (
			customFields !== undefined &&
			(typeof customFields !== 'object' || customFields === null || Array.isArray(customFields))
		) {
			throw inputError(
				this.getNode(),
				`leads[${n}].customFields`,
				'must be an object such as {"carColor": "Red"}',
				itemIndex,
			);
		}
		try {
			return leadElement.call(
				this,
				{ email, fields, customFields: (customFields ?? {}) as IDataObject },
				itemIndex,
			);
		} catch (error) {
			throw inputError(this.getNode(), `leads[${n}]`, (error as Error).message, itemIndex);
		}
	});
}

/**
 * POST addEmailCampaign (doc "Add emails campaign"): creates the email, list and campaign, or
 * reuses the campaign, and sends to the leads, at most 50 per call.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject> {
	const node = this.getNode();
	const name = String(this.getNodeParameter('name', itemIndex) ?? '').trim();
	if (isBlank(name))
		throw inputError(node, 'name', 'is required, e.g. Spring Promotion', itemIndex);
	if (name.length >= 50)
		throw inputError(
			node,
			'name',
			`has ${name.length} characters. Expected fewer than 50`,
			itemIndex,
		);
	const required: Record<string, string> = {};
	for (const field of ['fromName', 'fromEmail', 'subject']) {
		required[field] = String(this.getNodeParameter(field, itemIndex) ?? '').trim();
		if (isBlank(required[field])) throw inputError(node, field, 'is required', itemIndex);
	}
	assertEmail(node, 'fromEmail', required.fromEmail, itemIndex);
	const message = this.getNodeParameter('message', itemIndex, {}) as IDataObject;
	if (isBlank(message.html) && isBlank(message.text)) {
		throw inputError(node, 'message', 'needs an HTML or a Text part', itemIndex);
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const leads = readLeads.call(this, itemIndex);
	const email: XmlNode = {
		name: 'email',
		children: [
			{ name: 'fromName', text: required.fromName },
			{ name: 'fromEmail', text: required.fromEmail },
			{ name: 'subject', text: required.subject },
			{
				name: 'message',
				children: [
					...(isBlank(message.html) ? [] : [{ name: 'html', cdata: String(message.html) }]),
					...(isBlank(message.text) ? [] : [{ name: 'text', cdata: String(message.text) }]),
				],
			},
			{
				name: 'options',
				children: [
					{ name: 'sendAsSalesRep', text: options.sendAsSalesRep === true ? 'true' : 'false' },
				],
			},
		],
	};
	const answers: IDataObject[] = [];
	for (let start = 0; start < leads.length; start += LEADS_PER_CALL) {
		const chunk = leads.slice(start, start + LEADS_PER_CALL);
		try {
			const answer = await publitracCall.call(this, {
				method: 'addEmailCampaign',
				http: 'POST',
				query: {
					name: 'request',
					children: [
						{ name: 'information', children: [{ name: 'name', text: name }] },
						email,
						{ name: 'leads', children: chunk },
					],
				},
				idempotent: false,
				itemIndex,
				...requestOptions,
			});
			answers.push({ status: answer.status, message: answer.message, leads: chunk.length });
		} catch (error) {
			const e = error as Error & { description?: string; httpCode?: string };
			// Earlier calls went through: say so, so the user does not send those leads twice.
			const sent = start
				? ` Leads 1 to ${start} were already sent in ${answers.length} call(s); leads ${start + 1} to ${leads.length} were not.`
				: '';
			const message = e.message.replace(/^PUBLITRAC: /, '');
			throw vendorError(node, 'PUBLITRAC', message, {
				httpCode: e.httpCode ? Number(e.httpCode) : undefined,
				itemIndex,
				description: `${e.description ?? ''}${sent}`.trim() || undefined,
			});
		}
	}
	return { success: true, name, leads: leads.length, calls: answers.length, answers };
}
