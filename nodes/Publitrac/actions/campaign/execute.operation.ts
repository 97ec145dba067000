import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { inputError } from '../../../shared/errors';
import { answerItem } from '../../helpers/common';
import { readEmails } from '../../helpers/lead';
import { publitracCall } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Emails',
		name: 'emails',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. nathan@example.com, anna@example.com',
		description:
			'Emails of existing leads, separated by commas or new lines (or an array from an expression)',
	},
	{
		displayName: 'Campaign Names or IDs',
		name: 'campaigns',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getCampaigns' },
		required: true,
		default: [],
		description:
			'Existing automated campaigns to run on the leads. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

export const requestOptions = true;

export const description = updateDisplayOptions(
	{ show: { resource: ['campaign'], operation: ['execute'] } },
	properties,
);

/**
 * POST executeCampaign: many leads into one or many existing campaigns (doc "Execute campaigns
 * on leads"); if one lead or campaign does not exist, nothing is done.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject> {
	const emails = readEmails.call(
		this,
		'emails',
		this.getNodeParameter('emails', itemIndex),
		itemIndex,
	);
	const raw = this.getNodeParameter('campaigns', itemIndex) as unknown;
	const campaigns = (
		Array.isArray(raw) ? raw.map((c) => String(c ?? '')) : String(raw ?? '').split(/[\n,]+/)
	)
		.map((c) => c.trim())
		.filter(Boolean);
	if (!campaigns.length)
		throw inputError(
			this.getNode(),
			'campaigns',
			'at least one campaign name is required, e.g. Trade Show May',
			itemIndex,
		);
	const answer = await publitracCall.call(this, {
		method: 'executeCampaign',
		http: 'POST',
		query: {
			name: 'request',
			children: [
				{
					name: 'leads',
					children: emails.map((email) => ({
						name: 'lead',
						children: [{ name: 'email', text: email }],
					})),
				},
				{
					name: 'campaigns',
					children: campaigns.map((name) => ({
						name: 'campaign',
						children: [{ name: 'name', text: name }],
					})),
				},
			],
		},
		idempotent: false,
		itemIndex,
		...requestOptions,
	});
	return answerItem(answer, { emails, campaigns });
}
