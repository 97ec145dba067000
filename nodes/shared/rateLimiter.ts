import { sleep } from 'n8n-workflow';

/**
 * Sliding-window rate limit per key (one key per CRM account), shared by every
 * item and every execution running in this n8n process: at most `calls` calls in
 * any `perMs` window, as CRMs state their limits ("35 calls per second").
 *
 * A call's place in the window is counted from the moment its ANSWER arrived
 * (the caller releases its slot then), not from when it was sent: the server
 * received the call before it answered, so call N + `calls` leaving `perMs`
 * after call N was answered reaches the server more than `perMs` after call N
 * did, whatever the network or event-loop delays. So the server never counts
 * more than `calls` in one window, and bursts of `calls` go out at once
 * (Return All runs at the limit instead of one call every 1/rate seconds).
 */
interface Call {
	endedAt?: number;
	done: Promise<void>;
	finish: () => void;
}

interface Window {
	/** The last `calls` calls, oldest first. */
	history: Call[];
	/** Callers take their turn in arrival order. */
	queue: Promise<void>;
}

const windows = new Map<string, Window>();

function newCall(): Call {
	let finish = () => {};
	const call: Call = { done: new Promise<void>((resolve) => (finish = resolve)), finish: () => {} };
	call.finish = () => {
		if (call.endedAt === undefined) call.endedAt = Date.now();
		finish();
	};
	return call;
}

/**
 * Waits for a free slot of `key`'s window, then returns the function to call
 * once the call's answer (or failure) is in. `calls` below 1 means no limit.
 */
export async function acquireSlot(key: string, calls: number, perMs: number): Promise<() => void> {
	const limit = Math.floor(calls);
	if (!(limit >= 1) || !(perMs > 0)) return () => {};
	let window = windows.get(key);
	if (!window) windows.set(key, (window = { history: [], queue: Promise.resolve() }));
	const w = window;
	const call = newCall();
	const turn = w.queue.then(async () => {
		if (w.history.length >= limit) {
			const oldest = w.history[w.history.length - limit];
			// crmRequest releases every slot in a `finally`, and its calls have a timeout.
			await oldest.done;
			// +1 ms: a timer may fire a millisecond early against Date.now().
			const wait = (oldest.endedAt ?? Date.now()) + perMs + 1 - Date.now();
			if (wait > 0) await sleep(wait);
		}
		w.history.push(call);
		if (w.history.length > limit) w.history.splice(0, w.history.length - limit);
	});
	w.queue = turn.catch(() => {});
	await turn;
	return call.finish;
}

/** For tests: forget every window. */
export function resetRateLimiters(): void {
	windows.clear();
}
