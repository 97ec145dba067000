import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import type { LeadMapper } from './leadShape';
import type { RetryPolicy } from './transport';

/** What an operation returns for one input item: one or many JSON objects, or full items (binary). */
export type OperationResult =
	| IDataObject
	| IDataObject[]
	| INodeExecutionData
	| INodeExecutionData[];

/** The item's Request Options as the transport takes them (read once by the router). */
export interface RequestOptions {
	timeoutMs?: number;
	retry?: Partial<RetryPolicy>;
}

/** What the router hands an operation with each item (or each batch). */
export interface OperationContext {
	requestOptions: RequestOptions;
}

/**
 * What an operation declares; the node and the router do the rest (issue 17, point 2): the
 * operation file holds its own fields and its one vendor call, nothing else.
 */
interface OperationDeclarations {
	/** The operation's own fields; the shared fields below are added after them. */
	description: INodeProperties[];
	/**
	 * The operation calls the CRM: its node shows Request Options after its fields (`true`: the
	 * shared field; or a CRM's own variant, named `requestOptions` too), and the router reads them
	 * into `context.requestOptions`.
	 */
	requestOptions?: boolean | INodeProperties;
	/**
	 * The operation's output items are people (leads, contacts, clients): its node shows Simplify
	 * (before Request Options), and when it is on the router maps every output item with this
	 * CRM's mapper into the common lead.
	 */
	simplify?: LeadMapper;
}

/** An operation that handles one input item per call (most of them). */
export interface ItemOperation extends OperationDeclarations {
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		context: OperationContext,
	): Promise<OperationResult>;
	prepare?: undefined;
	/**
	 * True when items may be sent concurrently (as n8n's HTTP Request node does);
	 * the user sets how many with Request Options > Parallel Requests.
	 */
	parallel?: boolean;
}

/** One input item of a batch operation, read and checked. */
export interface PreparedItem<T> {
	itemIndex: number;
	value: T;
}

/**
 * An operation whose API takes many items per call (a `data` array, a bulk sync). The router
 * prepares every item first (bad input never reaches the CRM), then sends the batches in order,
 * and decides what a failure stops: without Continue On Fail, a bad item stops the node before
 * anything is sent and a failed batch stops the batches after it.
 */
export interface BatchOperation<T = unknown> extends OperationDeclarations {
	execute?: undefined;
	/** Reads and checks one item's input (throws on bad input); sends nothing. */
	prepare(this: IExecuteFunctions, itemIndex: number): T | Promise<T>;
	/** The requests to send, in order: each a list of prepared items. */
	batches(this: IExecuteFunctions, items: Array<PreparedItem<T>>): Array<Array<PreparedItem<T>>>;
	/**
	 * Sends one batch; returns one result or one Error per item of the batch, in order. Throws
	 * when the request itself fails (then all its items fail).
	 */
	send(
		this: IExecuteFunctions,
		batch: Array<PreparedItem<T>>,
		context: OperationContext,
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
