import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { sanitizeError } from './errors';
import { redactValue, secretsOf } from './redact';
import { cachedCredentials } from './transport';
import type { NodeRuntime, OperationResult } from './types';

function isExecutionData(value: unknown): value is INodeExecutionData {
	return (
		!!value &&
		typeof value === 'object' &&
		'json' in value &&
		typeof (value as IDataObject).json === 'object'
	);
}

function toItems(
	result: OperationResult,
	itemIndex: number,
	secrets: string[],
): INodeExecutionData[] {
	const list = Array.isArray(result) ? result : [result];
	return list.map((entry) => {
		const item: INodeExecutionData = isExecutionData(entry)
			? { ...entry }
			: { json: entry as IDataObject };
		item.json = redactValue(item.json, secrets);
		item.pairedItem = { item: itemIndex };
		return item;
	});
}

/**
 * The one per-item loop of every node in this package: dispatches each input
 * item to its resource/operation, pairs every output item with its input,
 * and with "Continue On Fail" turns a failing item into an error item while
 * the others go on. Errors never carry a credential secret.
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
		if (operation.executeBatch) {
			let outcomes: Array<OperationResult | Error>;
			try {
				outcomes = await operation.executeBatch.call(this, indexes);
			} catch (error) {
				for (const i of indexes) fail(i, error);
				continue;
			}
			indexes.forEach((itemIndex, n) => {
				const outcome = outcomes[n];
				if (outcome instanceof Error) fail(itemIndex, outcome);
				else results[itemIndex] = toItems(outcome, itemIndex, secretsNow());
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
					results[itemIndex] = toItems(
						await operation.execute.call(this, itemIndex),
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
