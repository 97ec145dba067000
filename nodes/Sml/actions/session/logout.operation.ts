import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationContext } from '../../../shared/types';
import { smlRequest } from '../../transport';

const properties: INodeProperties[] = [];

export const requestOptions = true;

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['logout'] } },
	properties,
);

/** POST /api/auth/logout/ (doc "Logout"): ends the token's session; the next call logs in again. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ requestOptions }: OperationContext,
): Promise<IDataObject> {
	const answer = await smlRequest.call(this, 'POST', '/api/auth/logout/', {
		itemIndex,
		idempotent: true,
		...requestOptions,
	});
	return {
		loggedOut: true,
		...(answer && typeof answer === 'object' && !Array.isArray(answer)
			? (answer as IDataObject)
			: {}),
	};
}
