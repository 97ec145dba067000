import type { ICredentialTestRequest } from 'n8n-workflow';
import { STATUS_CODES } from './runtime';

// What n8n's credential dialog shows for a test request's answer: n8n 2.41.1
// CredentialsTester.runRequestTest (dist/services/credentials-tester.service.js). A non-2xx
// answer throws unless the request ignores HTTP status errors; then the first `responseCode`
// rule of that status gives the message, else the HTTP reason ("Unauthorized"). An answer that
// did not throw goes through the `responseSuccessBody` rules (lodash get(body, key) === value).

export interface CredentialVerdict {
	status: 'OK' | 'Error';
	message: string;
}

const get = (body: unknown, key: string): unknown =>
	key.split('.').reduce<unknown>((v, k) => (v !== null && v !== undefined ? (v as Record<string, unknown>)[k] : undefined), body);

export function credentialVerdict(test: ICredentialTestRequest, answer: { statusCode: number; body: unknown }): CredentialVerdict {
	const throws = !test.request.ignoreHttpStatusErrors && (answer.statusCode < 200 || answer.statusCode > 299);
	if (throws) {
		for (const rule of test.rules ?? []) {
			if (rule.type === 'responseCode' && rule.properties.value === answer.statusCode) return { status: 'Error', message: rule.properties.message };
		}
		return { status: 'Error', message: STATUS_CODES[answer.statusCode] || `Received HTTP status code: ${answer.statusCode}` };
	}
	for (const rule of test.rules ?? []) {
		if (rule.type === 'responseSuccessBody' && get(answer.body, rule.properties.key) === rule.properties.value) return { status: 'Error', message: rule.properties.message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
