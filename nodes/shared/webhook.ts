import { timingSafeEqual } from 'crypto';
import type { IHookFunctions } from 'n8n-workflow';

// The kit of the webhook triggers whose senders are given the URL by hand (nothing to register
// on the sender's side): the refusal a trigger answers itself, a constant-time secret check and
// the no-op webhook methods.

/** A call refused before any execution starts: the HTTP status and the text the sender reads. */
export interface Refusal {
	status: number;
	message: string;
}

export const refuse = (status: number, message: string): Refusal => ({ status, message });

export const isRefusal = (value: unknown): value is Refusal =>
	!!value &&
	typeof value === 'object' &&
	'status' in value &&
	'message' in value &&
	!Array.isArray(value);

/** Whether the given secret is the expected one, in a time that does not tell how much of it matched. */
export function sameSecret(given: string, expected: string): boolean {
	const a = Buffer.from(given, 'utf8');
	const b = Buffer.from(expected, 'utf8');
	return a.length === b.length && timingSafeEqual(a, b);
}

/** Nothing to register on the sender's side: the URL is given to the sender instead. */
export const unregisteredWebhookMethods = {
	default: {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			return true;
		},
		async create(this: IHookFunctions): Promise<boolean> {
			return true;
		},
		async delete(this: IHookFunctions): Promise<boolean> {
			return true;
		},
	},
};
