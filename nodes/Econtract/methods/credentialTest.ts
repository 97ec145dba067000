import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { EcontractApi } from '../../../credentials/EcontractApi.credentials';
import { runCredentialTest } from '../../shared/credentialTest';
import { secretsOf } from '../../shared/redact';
import { ECONTRACT_CREDENTIAL, ECONTRACT_SECRET_FIELDS } from '../transport';

/** Econtract's own words in a JSON answer ({message} or {error}, and a Laravel {errors} list). */
function saidBy(body: string): string {
	let parsed: unknown;
	try {
		parsed = JSON.parse(body);
	} catch {
		return '';
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return '';
	const answer = parsed as IDataObject;
	const parts: string[] = [];
	const message = answer.message ?? answer.error;
	if (typeof message === 'string' && message.trim()) parts.push(message.trim());
	if (answer.errors && typeof answer.errors === 'object') {
		for (const [field, texts] of Object.entries(answer.errors as IDataObject))
			parts.push(`${field}: ${(Array.isArray(texts) ? texts : [texts]).map(String).join(', ')}`);
	}
	return parts.join('; ');
}

/**
 * The Test button of an Econtract credential: the default usages for electricity (a read without
 * side effects), sent by the nodes' transport. A refusal quotes Econtract's own words and names
 * the fields to check; no secret appears in the message.
 */
export async function econtractApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const credentials = credential.data ?? {};
	const authentication = new EcontractApi();
	return await runCredentialTest(this, {
		crm: 'Econtract',
		credentialType: ECONTRACT_CREDENTIAL,
		credentials,
		secrets: secretsOf(credentials, ECONTRACT_SECRET_FIELDS),
		authenticate: async (data, options) => await authentication.authenticate(data, options),
		defaultBaseUrl: 'https://crm.econtract.be',
		refused: 'the CRM API ID or the CRM API Key',
		checkLogin: 'Check the CRM API ID and the CRM API Key.',
		request: (baseUrl) => ({
			method: 'GET',
			url: `${baseUrl}/api/usages`,
			qs: { producttype: 'electricity', segment: '1' },
			headers: { Accept: 'application/json' },
		}),
		saidBy,
		refusalIn2xx: (body, _quoted, checkBaseUrl) => {
			try {
				JSON.parse(body);
				return undefined;
			} catch {
				return `The answer at this Base URL is not Econtract's (not JSON). ${checkBaseUrl}`;
			}
		},
	});
}
