import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { PublitracApi } from '../../../credentials/PublitracApi.credentials';
import { runCredentialTest } from '../../shared/credentialTest';
import { secretsOf } from '../../shared/redact';
import { parseXml } from '../../shared/xml';
import {
	PUBLITRAC_CREDENTIAL,
	PUBLITRAC_SECRET_FIELDS,
	describeCode,
	isErrorStatus,
} from '../transport';

const CHECK_LOGIN =
	'Check the API Key (Configuration > Account Information in PUBLITRAC), the Username and the Password of the PUBLITRAC user.';

/** What PUBLITRAC said in an XML <response>: its status, message and error lines (empty when the answer is not PUBLITRAC's XML). */
function saidBy(body: string): { status: string; words: string } {
	const parsed = parseXml(body);
	const root =
		parsed && typeof parsed.response === 'object' && parsed.response !== null
			? (parsed.response as IDataObject)
			: undefined;
	if (!root) return { status: '', words: '' };
	const text = (value: unknown) =>
		value === undefined || value === null || typeof value === 'object' ? '' : String(value).trim();
	const errors =
		root.errors && typeof root.errors === 'object' ? (root.errors as IDataObject).error : undefined;
	const lines = (Array.isArray(errors) ? errors : errors === undefined ? [] : [errors])
		.map(text)
		.filter(Boolean);
	return {
		status: text(root.status),
		words: [text(root.message), ...lines].filter(Boolean).join(' - '),
	};
}

/**
 * The Test button of a PUBLITRAC credential: page 1 of the campaigns (a read every account may
 * call), sent by the nodes' transport. A refusal quotes PUBLITRAC's own words and names the
 * fields to check; no secret appears in the message.
 */
export async function publitracApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const credentials = credential.data ?? {};
	const authentication = new PublitracApi();
	return await runCredentialTest(this, {
		crm: 'PUBLITRAC',
		credentialType: PUBLITRAC_CREDENTIAL,
		credentials,
		secrets: secretsOf(credentials, PUBLITRAC_SECRET_FIELDS),
		authenticate: async (data, options) => await authentication.authenticate(data, options),
		defaultBaseUrl: 'https://app.publitrac.com/api',
		refused: 'the login',
		checkLogin: CHECK_LOGIN,
		request: (baseUrl) => ({
			method: 'GET',
			url: baseUrl,
			qs: { method: 'getCampaigns', page: '1' },
			headers: { Accept: 'application/xml' },
		}),
		saidBy: (body) => saidBy(body).words,
		// PUBLITRAC answers 200 with its own status in the XML: an error code there is a refusal.
		refusalIn2xx: (body, quoted, checkBaseUrl) => {
			const { status } = saidBy(body);
			if (!status) return `The answer at this Base URL is not PUBLITRAC's. ${checkBaseUrl}`;
			if (isErrorStatus(status))
				return `PUBLITRAC refused the test read (${describeCode(status)}${quoted}). ${CHECK_LOGIN}`;
			return undefined;
		},
	});
}
