import { sleep } from 'n8n-workflow';

/**
 * Token bucket per key (one key per CRM account), shared by every item and every
 * execution running in this n8n process. Reserves the next free slot before
 * waiting, so concurrent callers never overshoot the rate.
 */
interface Bucket {
	tokens: number;
	updatedAt: number;
}

const buckets = new Map<string, Bucket>();

export async function acquireToken(key: string, perSecond: number, burst = perSecond): Promise<void> {
	if (!(perSecond > 0)) return;
	const now = Date.now();
	const bucket = buckets.get(key) ?? { tokens: burst, updatedAt: now };
	bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * perSecond);
	bucket.updatedAt = now;
	bucket.tokens -= 1;
	buckets.set(key, bucket);
	if (bucket.tokens < 0) {
		await sleep(Math.ceil((-bucket.tokens / perSecond) * 1000));
	}
}

/** For tests: forget every bucket. */
export function resetRateLimiters(): void {
	buckets.clear();
}
