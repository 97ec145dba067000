import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { PublitracApi } from '../../../credentials/PublitracApi.credentials';
import {
	credentialTestContext,
	credentialTestRequest,
	crmWords,
	failedTest,
} from '../../shared/credentialTest';
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
const CHECK_BASE_URL = 'Check the Base URL (by default https://app.publitrac.com/api).';

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
	const secrets = secretsOf(credentials, PUBLITRAC_SECRET_FIELDS);
	const baseUrl = String(credentials.baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
	if (!/^https?:\/\/[^/?#]+/i.test(baseUrl)) {
		return {
			status: 'Error',
			message: `The Base URL must start with http:// or https://. ${CHECK_BASE_URL}`,
		};
	}
	const authentication = new PublitracApi();
	const context = credentialTestContext(this, {
		nodeName: 'PUBLITRAC',
		credentialType: PUBLITRAC_CREDENTIAL,
		credentials,
		authenticate: async (data, options) => await authentication.authenticate(data, options),
	});
	let answer;
	try {
		answer = await credentialTestRequest(context, {
			crm: 'PUBLITRAC',
			credentialType: PUBLITRAC_CREDENTIAL,
			method: 'GET',
			url: baseUrl,
			qs: { method: 'getCampaigns', page: '1' },
			headers: { Accept: 'application/xml' },
			idempotent: true,
			credentials,
			secrets,
		});
	} catch (error) {
		return failedTest(error, secrets);
	}
	const { status, words } = saidBy(answer.body);
	const quoted = words ? `: "${crmWords(words, secrets)}"` : '';
	const code = answer.statusCode;
	if (code === 401 || code === 403) {
		return {
			status: 'Error',
			message: `PUBLITRAC refused the login (HTTP ${code}${quoted}). ${CHECK_LOGIN}`,
		};
	}
	if (code === 404) {
		return {
			status: 'Error',
			message: `No PUBLITRAC API at this Base URL (HTTP 404${quoted}). ${CHECK_BASE_URL}`,
		};
	}
	if (code < 200 || code >= 300) {
		const page =
			quoted ||
			(answer.body.trim()
				? `: "${crmWords(answer.body.replace(/<[^>]*>/g, ' '), secrets, 200)}"`
				: '');
		return {
			status: 'Error',
			message: `PUBLITRAC answered HTTP ${code}${page}. ${CHECK_BASE_URL}`,
		};
	}
	if (!status) {
		return {
			status: 'Error',
			message: `The answer at this Base URL is not PUBLITRAC's. ${CHECK_BASE_URL}`,
		};
	}
	if (isErrorStatus(status)) {
		return {
			status: 'Error',
			message: `PUBLITRAC refused the test read (${describeCode(status)}${quoted}). ${CHECK_LOGIN}`,
		};
	}
	return { status: 'OK', message: 'Connection successful!' };
}
