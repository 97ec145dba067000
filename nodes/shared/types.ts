import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

/** What an operation returns for one input item: one or many JSON objects, or full items (binary). */
export type OperationResult =
	| IDataObject
	| IDataObject[]
	| INodeExecutionData
	| INodeExecutionData[];

/** An operation that handles one input item per call (most of them). */
export interface ItemOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult>;
	executeBatch?: undefined;
	/**
	 * True when items may be sent concurrently (as n8n's HTTP Request node does);
	 * the user sets how many with Request Options > Parallel Requests.
	 */
	parallel?: boolean;
}

/**
 * An operation whose API takes many items per call (a `data` array,
 * a bulk sync). Returns one result or one Error per given item, in order.
 */
export interface BatchOperation {
	description: INodeProperties[];
	execute?: undefined;
	executeBatch(
		this: IExecuteFunctions,
		itemIndexes: number[],
	): Promise<Array<OperationResult | Error>>;
}

export type Operation = ItemOperation | BatchOperation;

/** resource -> operation -> module, as in n8n's Airtable v2 `node.type.ts`. */
export type OperationMap = Record<string, Record<string, Operation>>;

export interface NodeRuntime {
	/** Internal names of resource -> operation -> implementation. */
	operations: OperationMap;
	/** Credential type whose secret fields are redacted from every error and item. */
	credentialType?: string;
	secretFields?: string[];
}
