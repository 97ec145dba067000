import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { inputError, vendorError } from '../../shared/errors';
import { redactValue, secretsOf } from '../../shared/redact';
import { cachedCredentials, crmRequest, shortText } from '../../shared/transport';
import type {
	BatchOperation,
	OperationContext,
	OperationResult,
	PreparedItem,
} from '../../shared/types';
import { assertEmail, isBlank } from '../../shared/validation';
import type { BuildContext } from '../helpers/build';

export const DATA_PLATFORM_CREDENTIAL = 'dataPlatformApi';
// The listener URL is the platform's only protection (doc 2.1 step 3): never shown.
export const DATA_PLATFORM_SECRET_FIELDS = ['listenerUrl'];
export const DEFAULT_BATCH_SIZE = 50;
const CRM = 'CRM Data Platform';

export type ActionType =
	| 'add-contact'
	| 'update-contact'
	| 'add-lead'
	| 'update-lead'
	| 'add-note'
	| 'add-deal'
	| 'add-ticket'
	| 'send-sms';

/** Builds the `data` object of one input item's action; throws an input error before anything is sent. */
export type ActionBuilder = (this: IExecuteFunctions, ctx: BuildContext) => IDataObject;

/** Every form of the listener URL that could leak it (the shared variants include its path, query and host+path). */
export function listenerSecrets(listenerUrl: string): string[] {
	return secretsOf({ listenerUrl }, DATA_PLATFORM_SECRET_FIELDS);
}

/** Doc 2.1: the listener is an http(s) URL with its own path. */
export function checkListenerUrl(value: unknown): string | undefined {
	if (typeof value !== 'string' || value.trim() === '') return 'the credential has no Listener URL';
	let url: URL;
	try {
		url = new URL(value.trim());
	} catch {
		return "the credential's Listener URL is not a URL; copy it from Settings > Other settings > Webhook > Listener";
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		return "the credential's Listener URL must start with https:// (or http://)";
	if (url.pathname === '/' || url.pathname === '')
		return "the credential's Listener URL has no path; copy the whole URL of the listener";
	return undefined;
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/** The vendor's own words in an answer: `message`, `error`, `errors`, or the text itself. */
function vendorMessage(answer: unknown, raw: string): string {
	if (answer && typeof answer === 'object' && !Array.isArray(answer)) {
		const a = answer as IDataObject;
		for (const key of ['message', 'error', 'errors', 'msg']) {
			const v = a[key];
			if (typeof v === 'string' && v) return v;
			if (v && typeof v === 'object') return JSON.stringify(v);
		}
	}
	return shortText(raw) || '(empty body)';
}

/**
 * An `error` that says something went wrong: true, a non-zero number, a non-empty text or a
 * non-empty object. 0, "", false and null are what many listeners send with a success
 * (`{"error":0,"message":"Success"}`), so they are no failure.
 */
function errorFlagged(error: unknown): boolean {
	if (error === true) return true;
	if (typeof error === 'number') return error !== 0 && !Number.isNaN(error);
	if (typeof error === 'string') return error.trim() !== '';
	if (Array.isArray(error)) return error.length > 0;
	if (error && typeof error === 'object') return Object.keys(error).length > 0;
	return false;
}

/** The doc gives no answer format: a failure is an answer that plainly says so (an `error` beside `success: true` is none). */
const isFailure = (value: unknown): boolean => {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
	const v = value as IDataObject;
	return (
		v.success === false ||
		v.success === 'false' ||
		v.status === 'error' ||
		v.status === 'failed' ||
		(v.success !== true && errorFlagged(v.error))
	);
};

/** Per-action answers when the listener gives them, in the order sent (a top-level array, `data` or `results`). */
function perActionAnswers(answer: unknown, count: number): unknown[] | undefined {
	const candidates: unknown[] = [answer];
	if (answer && typeof answer === 'object' && !Array.isArray(answer)) {
		candidates.push((answer as IDataObject).data, (answer as IDataObject).results);
	}
	for (const c of candidates) if (Array.isArray(c) && c.length === count) return c;
	return undefined;
}

/** One input item's action, built and checked: who sends it and its `data`. */
export interface ListenerAction {
	senderUser: string;
	data: IDataObject;
}

/**
 * A listener action as a batch operation (doc 2.2: `data` is an array): each input item's action
 * is built first (bad input never reaches the listener), actions go many per POST, one POST per
 * sender user and Batch Size, and each item gets its own result or error. The router decides
 * what a failure stops.
 */
export function listenerAction(
	actionType: ActionType,
	build: ActionBuilder,
	options: {
		/** Whether a batch may be sent again after a lost answer; a function decides per batch from its actions' data. */
		idempotent: boolean | ((dataList: IDataObject[]) => boolean);
	},
): Pick<BatchOperation<ListenerAction>, 'prepare' | 'batches' | 'send'> {
	return {
		async prepare(this: IExecuteFunctions, itemIndex: number): Promise<ListenerAction> {
			const node = this.getNode();
			const credentials = await cachedCredentials.call(this, DATA_PLATFORM_CREDENTIAL);
			const given = this.getNodeParameter('senderUser', itemIndex, '') as string;
			const senderUser = String(isBlank(given) ? (credentials.senderUser ?? '') : given).trim();
			if (!senderUser) {
				throw inputError(
					node,
					'Sender User (senderUser)',
					"is required: set it on the node or as the credential's Default Sender User (an email of a user of your CRM organization)",
					itemIndex,
				);
			}
			assertEmail(node, 'Sender User (senderUser)', senderUser, itemIndex);
			const data = build.call(this, { node, itemIndex, timezone: this.getTimezone() });
			return { senderUser, data };
		},

		batches(this: IExecuteFunctions, items: Array<PreparedItem<ListenerAction>>) {
			const batchSize = Math.max(
				1,
				Math.floor(
					Number(
						this.getNodeParameter(
							'requestOptions.batchSize',
							items[0].itemIndex,
							DEFAULT_BATCH_SIZE,
						),
					) || DEFAULT_BATCH_SIZE,
				),
			);
			const bySender = new Map<string, Array<PreparedItem<ListenerAction>>>();
			for (const item of items) {
				const group = bySender.get(item.value.senderUser) ?? [];
				group.push(item);
				bySender.set(item.value.senderUser, group);
			}
			const batches: Array<Array<PreparedItem<ListenerAction>>> = [];
			for (const group of bySender.values()) {
				for (let start = 0; start < group.length; start += batchSize) {
					batches.push(group.slice(start, start + batchSize));
				}
			}
			return batches;
		},

		async send(
			this: IExecuteFunctions,
			batch: Array<PreparedItem<ListenerAction>>,
			context: OperationContext,
		): Promise<Array<OperationResult | Error>> {
			const node = this.getNode();
			const credentials = await cachedCredentials.call(this, DATA_PLATFORM_CREDENTIAL);
			const listenerUrl = String(credentials.listenerUrl ?? '').trim();
			const secrets = listenerSecrets(listenerUrl);
			const itemIndex = batch[0].itemIndex;
			const badUrl = checkListenerUrl(listenerUrl);
			if (badUrl) throw vendorError(node, CRM, badUrl, { itemIndex, secrets });
			const senderUser = batch[0].value.senderUser;
			const dataList = batch.map((item) => item.value.data);
			const idempotent =
				typeof options.idempotent === 'function'
					? options.idempotent(dataList)
					: options.idempotent;
			const answers = await postBatch.call(this, listenerUrl, senderUser, actionType, dataList, {
				...context.requestOptions,
				idempotent,
				itemIndex,
				secrets,
			});
			return batch.map((item, k) => {
				const answer = answers.perAction ? answers.perAction[k] : answers.whole;
				if (answers.perAction && isFailure(answer)) {
					return vendorError(
						node,
						CRM,
						`${actionType} refused: ${vendorMessage(answer, JSON.stringify(answer))}`,
						{ httpCode: answers.statusCode, itemIndex: item.itemIndex, secrets },
					);
				}
				return {
					success: true,
					actionType,
					senderUser,
					response: redactValue((answer ?? null) as IDataObject, secrets),
				};
			});
		},
	};
}

interface BatchAnswer {
	statusCode: number;
	whole: unknown;
	perAction?: unknown[];
}

/** One POST {senderUser, data: [{actionType, data}]} to the listener (doc 2.2). */
async function postBatch(
	this: IExecuteFunctions,
	listenerUrl: string,
	senderUser: string,
	actionType: ActionType,
	dataList: IDataObject[],
	options: {
		timeoutMs?: number;
		retry?: object;
		idempotent: boolean;
		itemIndex: number;
		secrets: string[];
	},
): Promise<BatchAnswer> {
	const node = this.getNode();
	const response = await crmRequest.call(this, {
		crm: CRM,
		credentialType: DATA_PLATFORM_CREDENTIAL,
		method: 'POST',
		url: listenerUrl,
		headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
		body: { senderUser, data: dataList.map((data) => ({ actionType, data })) },
		idempotent: options.idempotent,
		itemIndex: options.itemIndex,
		secrets: options.secrets,
		timeoutMs: options.timeoutMs,
		retry: options.retry,
		credentials: await cachedCredentials.call(this, DATA_PLATFORM_CREDENTIAL),
	});
	const parsed = parseJson(response.body);
	if (response.statusCode < 200 || response.statusCode > 299) {
		throw vendorError(
			node,
			CRM,
			`HTTP ${response.statusCode} - ${vendorMessage(parsed, response.body)}`,
			{
				httpCode: response.statusCode,
				itemIndex: options.itemIndex,
				secrets: options.secrets,
			},
		);
	}
	// The doc gives no answer format, so a text answer passes; an HTML page (a proxy's or login page) is no listener's answer.
	if (parsed === undefined && /^\s*</.test(response.body)) {
		throw vendorError(
			node,
			CRM,
			`the listener's answer is not JSON but an HTML page: ${shortText(response.body) || '(no text)'}`,
			{
				httpCode: response.statusCode,
				itemIndex: options.itemIndex,
				secrets: options.secrets,
				description:
					"Check that the credential's Listener URL is the listener itself (Settings > Other settings > Webhook > Listener).",
			},
		);
	}
	const perAction = perActionAnswers(parsed, dataList.length);
	if (!perAction && isFailure(parsed)) {
		throw vendorError(node, CRM, vendorMessage(parsed, response.body), {
			httpCode: response.statusCode,
			itemIndex: options.itemIndex,
			secrets: options.secrets,
		});
	}
	return {
		statusCode: response.statusCode,
		whole: parsed ?? (response.body === '' ? null : response.body),
		perAction,
	};
}
