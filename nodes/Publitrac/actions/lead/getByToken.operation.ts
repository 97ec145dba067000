import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { inputError } from '../../../shared/errors';
import { publitracLead } from '../../helpers/commonLead';
import { isBlank } from '../../../shared/validation';
import { publitracCall, recordsOf } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Token ID',
		name: 'tokenId',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		placeholder: 'e.g. _nl-example.com-1282527313351-84730',
		description: 'The tracking token of the lead: the PUBLITRAC cookie set on its browser',
	},
];

export const requestOptions = true;
export const simplify = publitracLead;

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['getByToken'] } },
	properties,
);

/**
 * GET getLeadByTokenId: named in the error-code appendix only ("Tok Id is required"), so it
 * takes the shape of its documented sibling getLeadByExternalId (externalId -> tokenId).
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject[]> {
	const tokenId = String(this.getNodeParameter('tokenId', itemIndex) ?? '').trim();
	if (isBlank(tokenId))
		throw inputError(
			this.getNode(),
			'tokenId',
			'is required, e.g. _nl-publipage.com-1282527313351-84730',
			itemIndex,
		);
	const answer = await publitracCall.call(this, {
		method: 'getLeadByTokenId',
		http: 'GET',
		params: { tokenId },
		idempotent: true,
		itemIndex,
		...requestOptions,
	});
	return recordsOf(answer.response, 'lead');
}
