// The fault matrix: every CRM call shape against every fault the simulators can play,
// injected on the middle item of three (continueOnFail), then, when the fault is
// permanent, on the same item without continueOnFail.
// The spec: transient faults are retried within Max Retries and the run succeeds;
// permanent ones fail with a clear error on the right item; a create the CRM may have
// received (500/502/504, reset, timeout) is never sent again; the other items succeed
// and keep their pairedItem. Each cell is asserted; the table goes to
// test-output/faults-matrix.md and the console.
import type { INodeExecutionData } from 'n8n-workflow';
import { setRetryDefaults } from '../../../nodes/shared/transport';
import type { RunResult } from '../../helpers/context';
import { allTargets, callsOf } from './targets';
import type { RequestOptions, Target } from './targets';
import { fs, repoPath } from '../../helpers/runtime';

const MAX_RETRIES = 2;
// Request Options > Timeout is in seconds (nodes/shared/descriptions.ts, minimum 1). 2 s, not the
// minimum: on a 2-core machine at load average 20 an ordinary answer of the simulator (which runs
// in the test's own process) took over 1 s, and the cell "slow answer (0.4 s)" timed out.
const OPTIONS: RequestOptions = { maxRetries: MAX_RETRIES, timeout: 2 };
const REPEATED = MAX_RETRIES + 2;

type Outcome = 'ok' | 'failed-clear-error';

interface FaultCase {
	name: string;
	/** Only for these CRMs (the SML token). */
	only?: string;
	/** The fault for the middle item; undefined for faults set up by `arrange`. */
	fault?: (target: Target) => Record<string, unknown>;
	arrange?: (target: Target) => void;
	/** Further checks of the 3-item run; returns the problems found. */
	verify?: (target: Target) => string[];
	expected: (target: Target) => {
		outcome: Outcome;
		/** Requests the faulted item sends. */
		requests: number;
		/** What the error says (failed cells). */
		message?: RegExp;
	};
}

const NOT_RESENT = /not sent again to avoid a duplicate/;

/** A maybe-processed fault: the CRM handles the request, then the answer is lost or replaced. */
const lost = (kind: string, extra: Record<string, unknown> = {}) => ({
	kind,
	processed: true,
	...extra,
});

function statusCase(status: number, times: number): FaultCase {
	const transientForAll = status === 503;
	const label = times === 1 ? 'once' : `x${times} (> Max Retries ${MAX_RETRIES})`;
	return {
		name: `${status} ${label}`,
		// 503 says "not processed"; 500/502/504 are played after the CRM processed the call.
		fault: () =>
			transientForAll ? { kind: 'status', status, times } : lost('status', { status, times }),
		expected: (t) => {
			const retried = transientForAll || t.idempotent;
			if (!retried) {
				// A create the CRM may have processed: one request, an error that says it was not resent (the 500 is the CRM's own answer).
				return {
					outcome: 'failed-clear-error',
					requests: 1,
					message: status === 500 ? /HTTP 500/ : NOT_RESENT,
				};
			}
			if (times === 1) return { outcome: 'ok', requests: 2 };
			return {
				outcome: 'failed-clear-error',
				requests: MAX_RETRIES + 1,
				message: new RegExp(`HTTP ${status}`),
			};
		},
	};
}

const FAULTS: FaultCase[] = [
	{
		name: '429 Retry-After 1 s',
		fault: () => ({ kind: 'status', status: 429, retryAfter: 1 }),
		expected: () => ({ outcome: 'ok', requests: 2 }),
	},
	{
		name: '429 without Retry-After',
		fault: () => ({ kind: 'status', status: 429 }),
		expected: () => ({ outcome: 'ok', requests: 2 }),
	},
	statusCase(500, 1),
	statusCase(500, REPEATED),
	statusCase(502, 1),
	statusCase(502, REPEATED),
	statusCase(503, 1),
	statusCase(503, REPEATED),
	statusCase(504, 1),
	statusCase(504, REPEATED),
	{
		name: 'connection reset',
		fault: () => lost('reset'),
		expected: (t) =>
			t.idempotent
				? { outcome: 'ok', requests: 2 }
				: {
						outcome: 'failed-clear-error',
						requests: 1,
						message: /connection reset by the server.*not sent again/,
					},
	},
	{
		name: 'timeout (2 s), every attempt',
		fault: () => lost('timeout', { times: REPEATED }),
		expected: (t) =>
			t.idempotent
				? {
						outcome: 'failed-clear-error',
						requests: MAX_RETRIES + 1,
						message: /no answer within 2 s/,
					}
				: {
						outcome: 'failed-clear-error',
						requests: 1,
						message: /no answer within 2 s.*not sent again/,
					},
	},
	{
		name: 'timeout once',
		fault: () => lost('timeout'),
		expected: (t) =>
			t.idempotent
				? { outcome: 'ok', requests: 2 }
				: {
						outcome: 'failed-clear-error',
						requests: 1,
						message: /no answer within 2 s.*not sent again/,
					},
	},
	{
		name: 'malformed body',
		// PUBLITRAC: its real XML answer cut in half; the JSON CRMs: an HTML page with status 200.
		fault: (t) => (t.crm === 'PUBLITRAC' ? { kind: 'truncated' } : { kind: 'malformed' }),
		expected: (t) => ({
			outcome: 'failed-clear-error',
			requests: 1,
			message: t.crm === 'PUBLITRAC' ? /not PUBLITRAC's XML/ : /not (Pilot's )?JSON/,
		}),
	},
	{
		name: 'slow answer (0.4 s < timeout)',
		fault: () => ({ kind: 'slow', delayMs: 400 }),
		expected: () => ({ outcome: 'ok', requests: 1 }),
	},
	{
		name: 'expired token',
		only: 'SML',
		// The first item's call is the last one its token allows: the middle item meets one 401, its token is emptied
		// so n8n logs in again before the one resend. The refused call was not processed: the create is stored once.
		arrange: (t) => t.sim.expireTokensAfter!(1),
		verify: (t) => {
			const logins = t.sim.log.filter((r) => r.path === '/api/auth/login/').length;
			return logins === 2 ? [] : [`${logins} logins, expected 2 (the first and one renewal)`];
		},
		expected: () => ({ outcome: 'ok', requests: 2 }),
	},
];

interface Row {
	target: string;
	fault: string;
	outcome: Outcome | 'crash';
	requests: number;
	retries: number;
	processed: number;
	duplicates: number | '-';
	verdict: string;
}

const rows: Row[] = [];
const targets = allTargets();

// A short backoff (Retry-After is still honoured up to 30 s): the matrix stays fast.
setRetryDefaults({ baseDelayMs: 40 });

afterAll(async () => {
	setRetryDefaults();
	const order = targets.map((t) => t.name);
	rows.sort((a, b) => order.indexOf(a.target) - order.indexOf(b.target));
	const lines = [
		`Fault matrix: Max Retries ${MAX_RETRIES}, Timeout ${OPTIONS.timeout} s, 3 items with Continue On Fail, the fault on the middle item.`,
		'requests / retries / processed: of the faulted item, as the simulator logged them (processed = the CRM handled it with a 2xx, even when the answer was then lost).',
		'duplicates: records the CRM holds beyond one per item it processed.',
		'',
		'| CRM operation | fault | outcome | requests | retries | processed | duplicates | cell |',
		'|---|---|---|---|---|---|---|---|',
		...rows.map(
			(r) =>
				`| ${r.target} | ${r.fault} | ${r.outcome} | ${r.requests} | ${r.retries} | ${r.processed} | ${r.duplicates} | ${r.verdict} |`,
		),
	];
	const text = lines.join('\n');
	const dir = repoPath('test-output');
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(`${dir}/faults-matrix.md`, `${text}\n`);
	// eslint-disable-next-line no-console
	console.log(text);
});

const pairedWith = (output: INodeExecutionData[], i: number) =>
	output.filter((o) =>
		(Array.isArray(o.pairedItem) ? o.pairedItem : [o.pairedItem]).some(
			(p) => typeof p === 'object' && p?.item === i,
		),
	);

function errorText(result: RunResult): string {
	return `${result.error?.message ?? ''} ${(result.error as { description?: string } | undefined)?.description ?? ''}`;
}

/** Runs one cell; returns its row and the problems found (each one a failed assertion). */
async function runCell(target: Target, fc: FaultCase): Promise<{ row: Row; problems: string[] }> {
	const problems: string[] = [];
	const check = (ok: boolean, what: string) => {
		if (!ok) problems.push(what);
	};
	const expected = fc.expected(target);

	target.sim.reset();
	target.seed();
	if (fc.fault)
		target.sim.addFault({ path: target.path, match: target.marker(1), ...fc.fault(target) });
	fc.arrange?.(target);
	const result = await target.run(3, OPTIONS, true);

	// The run itself never throws with Continue On Fail.
	check(result.error === undefined, `the run threw: ${String(result.error?.message)}`);
	const isCrash =
		result.error !== undefined &&
		!/^(NodeApiError|NodeOperationError)$/.test(result.error.constructor.name);

	// Items 0 and 2 succeed, paired with their input.
	for (const i of [0, 2]) {
		const out = pairedWith(result.output, i);
		check(
			out.length > 0 && out.every((o) => o.json.error === undefined),
			`item ${i} did not succeed: ${JSON.stringify(out.map((o) => o.json))}`,
		);
		check(
			callsOf(target, i).length === 1,
			`item ${i} sent ${callsOf(target, i).length} requests, expected 1`,
		);
	}
	// The middle item: success, or one error item saying what happened.
	const middle = pairedWith(result.output, 1);
	const failed = middle.length === 1 && middle[0].json.error !== undefined;
	const outcome: Outcome = failed ? 'failed-clear-error' : 'ok';
	check(
		outcome === expected.outcome,
		`item 1: ${outcome}, expected ${expected.outcome} (${JSON.stringify(middle.map((o) => o.json))})`,
	);
	if (expected.outcome === 'ok')
		check(
			middle.length > 0 && middle.every((o) => o.json.error === undefined),
			'item 1 has no success output',
		);
	if (failed) {
		const message = String(middle[0].json.error);
		check(message.startsWith(`${target.crm}`), `item 1's error does not name the CRM: ${message}`);
		if (expected.message)
			check(
				expected.message.test(message),
				`item 1's error "${message}" does not match ${String(expected.message)}`,
			);
	}
	// Every output item is paired with its input and in input order.
	const pairs = result.output.map((o) => (o.pairedItem as { item: number }).item);
	check(
		pairs.every((p, k) => k === 0 || p >= pairs[k - 1]),
		`output out of input order: ${pairs.join(',')}`,
	);

	const calls = callsOf(target, 1);
	const processed = calls.filter(
		(c) => c.handlerStatus !== null && c.handlerStatus >= 200 && c.handlerStatus < 300,
	).length;
	check(
		calls.length === expected.requests,
		`item 1 sent ${calls.length} requests, expected ${expected.requests}`,
	);
	if (target.creates && !target.idempotent)
		check(processed <= 1, `the CRM processed item 1's create ${processed} times`);
	if (fc.name === '429 Retry-After 1 s' && calls.length === 2) {
		check(
			calls[1].at - calls[0].at >= 950,
			`the retry came ${calls[1].at - calls[0].at} ms after a Retry-After of 1 s`,
		);
	}
	for (const problem of fc.verify?.(target) ?? []) check(false, problem);
	// Duplicates: records beyond one per item the CRM processed at least once.
	let duplicates: number | '-' = '-';
	if (target.creates) {
		const expectedStored = 2 + (processed > 0 ? 1 : 0);
		duplicates = target.stored() - expectedStored;
		check(duplicates === 0, `${duplicates} duplicate record(s) in the CRM`);
	}

	// A permanent fault without Continue On Fail: the run stops with the same clear error, on item 1.
	if (expected.outcome === 'failed-clear-error' && !isCrash) {
		target.sim.reset();
		target.seed();
		if (fc.fault)
			target.sim.addFault({ path: target.path, match: target.marker(1), ...fc.fault(target) });
		fc.arrange?.(target);
		const stopped = await target.run(3, OPTIONS, false);
		const error = stopped.error as (Error & { context?: { itemIndex?: number } }) | undefined;
		check(
			error !== undefined && /^(NodeApiError|NodeOperationError)$/.test(error.constructor.name),
			`without continueOnFail: ${error ? error.constructor.name : 'no error'}`,
		);
		check(
			error?.context?.itemIndex === 1,
			`without continueOnFail the error is on item ${String(error?.context?.itemIndex)}, expected 1`,
		);
		if (expected.message)
			check(
				expected.message.test(errorText(stopped)),
				`without continueOnFail: "${errorText(stopped)}" does not match ${String(expected.message)}`,
			);
		check(callsOf(target, 2).length === 0, 'without continueOnFail item 2 was still sent');
		check(
			callsOf(target, 1).length === expected.requests,
			`without continueOnFail item 1 sent ${callsOf(target, 1).length} requests`,
		);
	}

	const row: Row = {
		target: target.name,
		fault: fc.name,
		outcome: isCrash ? 'crash' : outcome,
		requests: calls.length,
		retries: Math.max(0, calls.length - 1),
		processed,
		duplicates,
		verdict: problems.length ? `FAIL: ${problems.join('; ')}` : 'pass',
	};
	return { row, problems };
}

describe('fault matrix', () => {
	// One test per CRM operation, run side by side (each has its own simulator); every cell is checked.
	it.concurrent.each(targets.map((t) => [t.name, t] as const))(
		'%s: every fault gives the specified outcome, no duplicate, the other items untouched',
		async (_name, target) => {
			const problems: string[] = [];
			// Concurrent tests do not wait for beforeAll: each starts its own simulator.
			await target.sim.start(0);
			try {
				for (const fc of FAULTS) {
					if (fc.only && fc.only !== target.crm) continue;
					const { row, problems: cell } = await runCell(target, fc);
					rows.push(row);
					problems.push(...cell.map((p) => `${fc.name}: ${p}`));
				}
			} finally {
				await target.sim.stop();
			}
			expect(problems).toEqual([]);
		},
		120_000,
	);
});
