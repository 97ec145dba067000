import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { readRequestOptions } from './descriptions';
import { sanitizeError } from './errors';
import { toCommonLead } from './leadShape';
import { redactValue, secretsOf } from './redact';
import { cachedCredentials } from './transport';
import type {
	BatchOperation,
	ItemOperation,
	NodeRuntime,
	OperationContext,
	OperationResult,
	PreparedItem,
} from './types';

function isExecutionData(value: unknown): value is INodeExecutionData {
	return (
		!!value &&
		typeof value === 'object' &&
		'json' in value &&
		typeof (value as IDataObject).json === 'object'
	);
}

/**
 * An operation's result as output items of input item `itemIndex`: each in the common lead shape
 * when the operation outputs people and the item's Simplify is on, then free of secrets and
 * paired with its input.
 */
function toItems(
	this: IExecuteFunctions,
	operation: ItemOperation | BatchOperation,
	result: OperationResult,
	itemIndex: number,
	secrets: string[],
): INodeExecutionData[] {
	const list = Array.isArray(result) ? result : [result];
	const simplify =
		operation.simplify !== undefined &&
		this.getNodeParameter('simplify', itemIndex, false) === true;
	return list.map((entry) => {
		const item: INodeExecutionData = isExecutionData(entry)
			? { ...entry }
			: { json: entry as IDataObject };
		if (simplify && operation.simplify) item.json = toCommonLead(operation.simplify, item.json);
		item.json = redactValue(item.json, secrets);
		item.pairedItem = { item: itemIndex };
		return item;
	});
}

/**
 * The one per-item loop of every node in this package: dispatches each input
 * item to its resource/operation, reads its Request Options, applies Simplify,
 * pairs every output item with its input, and owns every "Continue On Fail"
 * decision: with it a failing item becomes an error item while the others go
 * on; without it the node stops at the first failure. Errors never carry a
 * credential secret.
 */
export async function routeItems(
	this: IExecuteFunctions,
	runtime: NodeRuntime,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	// Looked up when an error or item is made, not once: a credential's login during the run
	// (an expirable token) adds a secret that did not exist when the run started.
	const credentials = runtime.credentialType
		? await cachedCredentials.call(this, runtime.credentialType).catch(() => undefined)
		: undefined;
	const secretsNow = () => secretsOf(credentials, runtime.secretFields ?? []);
	const results: INodeExecutionData[][] = items.map(() => []);

	// Items are grouped by operation (resource and operation may be expressions).
	const groups = new Map<string, number[]>();
	for (let i = 0; i < items.length; i++) {
		const key = `${this.getNodeParameter('resource', i) as string}\u0000${this.getNodeParameter('operation', i) as string}`;
		const group = groups.get(key);
		if (group) group.push(i);
		else groups.set(key, [i]);
	}

	const continueOnFail = this.continueOnFail();
	const fail = (itemIndex: number, error: unknown): void => {
		const clean = sanitizeError(this.getNode(), error, secretsNow(), itemIndex);
		if (!continueOnFail) throw clean;
		const json: IDataObject = { error: clean.message };
		if (clean.description) json.description = clean.description;
		const httpCode = (clean as { httpCode?: string | null }).httpCode;
		if (httpCode) json.httpCode = httpCode;
		results[itemIndex] = [{ json, pairedItem: { item: itemIndex } }];
	};

	for (const [key, indexes] of groups) {
		const [resource, operationName] = key.split('\u0000');
		const operation = runtime.operations[resource]?.[operationName];
		if (!operation) {
			const error = new NodeOperationError(
				this.getNode(),
				`The operation "${operationName}" of resource "${resource}" is not known to this node`,
			);
			for (const i of indexes) fail(i, error);
			continue;
		}
		const contextOf = (itemIndex: number): OperationContext => ({
			requestOptions: operation.requestOptions ? readRequestOptions.call(this, itemIndex) : {},
		});
		if (operation.prepare) {
			await runBatches.call(this, operation, indexes, contextOf, {
				continueOnFail,
				fail,
				succeed: (itemIndex, result) => {
					results[itemIndex] = toItems.call(this, operation, result, itemIndex, secretsNow());
				},
			});
			continue;
		}
		const parallel = operation.parallel
			? Math.max(
					1,
					Math.min(
						50,
						Number(this.getNodeParameter('requestOptions.parallelRequests', indexes[0], 5)) || 1,
					),
				)
			: 1;
		// A pool of `parallel` workers takes items in order. Without Continue On Fail, the
		// first failure stops new items from starting; the lowest failing item is reported.
		let next = 0;
		const failures: Array<{ itemIndex: number; error: unknown }> = [];
		const worker = async () => {
			while (next < indexes.length && failures.length === 0) {
				const itemIndex = indexes[next++];
				try {
					results[itemIndex] = toItems.call(
						this,
						operation,
						await operation.execute.call(this, itemIndex, contextOf(itemIndex)),
						itemIndex,
						secretsNow(),
					);
				} catch (error) {
					if (continueOnFail) fail(itemIndex, error);
					else failures.push({ itemIndex, error });
				}
			}
		};
		await Promise.all(Array.from({ length: Math.min(parallel, indexes.length) }, worker));
		if (failures.length) {
			const first = failures.reduce((a, b) => (b.itemIndex < a.itemIndex ? b : a));
			fail(first.itemIndex, first.error);
		}
	}
	return [results.flat()];
}

/**
 * A batch operation's items: all prepared first, then sent batch by batch. Without Continue On
 * Fail a bad item stops the node before anything is sent, and the first failure of a batch (the
 * request, or one item the CRM refused) stops the batches after it.
 */
async function runBatches(
	this: IExecuteFunctions,
	operation: BatchOperation,
	indexes: number[],
	contextOf: (itemIndex: number) => OperationContext,
	outcome: {
		continueOnFail: boolean;
		fail: (itemIndex: number, error: unknown) => void;
		succeed: (itemIndex: number, result: OperationResult) => void;
	},
): Promise<void> {
	const prepared: Array<PreparedItem<unknown>> = [];
	const bad: Array<{ itemIndex: number; error: unknown }> = [];
	for (const itemIndex of indexes) {
		try {
			prepared.push({ itemIndex, value: await operation.prepare.call(this, itemIndex) });
		} catch (error) {
			bad.push({ itemIndex, error });
		}
	}
	if (!outcome.continueOnFail && bad.length) {
		const { itemIndex, error } = bad[0];
		const stop =
			error instanceof NodeOperationError
				? error
				: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		const stopped = `Input item ${itemIndex + 1} is not valid, so no item was sent. Turn on "Continue On Fail" to send the valid items anyway.`;
		stop.description = stop.description ? `${stop.description} ${stopped}` : stopped;
		outcome.fail(itemIndex, stop);
		return;
	}
	for (const { itemIndex, error } of bad) outcome.fail(itemIndex, error);
	if (!prepared.length) return;

	for (const batch of operation.batches.call(this, prepared)) {
		if (!batch.length) continue;
		let answers: Array<OperationResult | Error>;
		try {
			answers = await operation.send.call(this, batch, contextOf(batch[0].itemIndex));
		} catch (error) {
			// Without Continue On Fail this throws: the batches after it are not sent.
			for (const { itemIndex } of batch) outcome.fail(itemIndex, error);
			continue;
		}
		// One answer per item; failures go first, so that without Continue On Fail the node
		// stops before it outputs anything.
		const failed = batch.flatMap(({ itemIndex }, n) =>
			answers[n] instanceof Error || answers[n] === undefined
				? [{ itemIndex, error: answers[n] ?? new Error('The CRM gave no answer for this item') }]
				: [],
		);
		for (const { itemIndex, error } of failed) outcome.fail(itemIndex, error);
		batch.forEach(({ itemIndex }, n) => {
			const answer = answers[n];
			if (answer !== undefined && !(answer instanceof Error)) outcome.succeed(itemIndex, answer);
		});
	}
}
