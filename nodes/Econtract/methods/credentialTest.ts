import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { EcontractApi } from '../../../credentials/EcontractApi.credentials';
import {
	credentialTestContext,
	credentialTestRequest,
	crmWords,
	failedTest,
} from '../../shared/credentialTest';
import { secretsOf } from '../../shared/redact';
import { ECONTRACT_CREDENTIAL, ECONTRACT_SECRET_FIELDS } from '../transport';

const CHECK_KEYS = 'Check the CRM API ID and the CRM API Key.';
const CHECK_BASE_URL = 'Check the Base URL (by default https://crm.econtract.be).';

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
	const secrets = secretsOf(credentials, ECONTRACT_SECRET_FIELDS);
	const baseUrl = String(credentials.baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
	if (!/^https?:\/\/[^/?#]+/i.test(baseUrl)) {
		return {
			status: 'Error',
			message: `The Base URL must start with http:// or https://. ${CHECK_BASE_URL}`,
		};
	}
	const authentication = new EcontractApi();
	const context = credentialTestContext(this, {
		nodeName: 'Econtract',
		credentialType: ECONTRACT_CREDENTIAL,
		credentials,
		authenticate: async (data, options) => await authentication.authenticate(data, options),
	});
	let answer;
	try {
		answer = await credentialTestRequest(context, {
			crm: 'Econtract',
			credentialType: ECONTRACT_CREDENTIAL,
			method: 'GET',
			url: `${baseUrl}/api/usages`,
			qs: { producttype: 'electricity', segment: '1' },
			headers: { Accept: 'application/json' },
			idempotent: true,
			credentials,
			secrets,
		});
	} catch (error) {
		return failedTest(error, secrets);
	}
	const words = saidBy(answer.body);
	const quoted = words ? `: "${crmWords(words, secrets)}"` : '';
	const code = answer.statusCode;
	if (code === 401 || code === 403) {
		return {
			status: 'Error',
			message: `Econtract refused the CRM API ID or the CRM API Key (HTTP ${code}${quoted}). ${CHECK_KEYS}`,
		};
	}
	if (code === 404) {
		return {
			status: 'Error',
			message: `No Econtract API at this Base URL (HTTP 404${quoted}). ${CHECK_BASE_URL}`,
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
			message: `Econtract answered HTTP ${code}${page}. ${CHECK_BASE_URL}`,
		};
	}
	try {
		JSON.parse(answer.body);
	} catch {
		return {
			status: 'Error',
			message: `The answer at this Base URL is not Econtract's (not JSON). ${CHECK_BASE_URL}`,
		};
	}
	return { status: 'OK', message: 'Connection successful!' };
}
