// N workers, each owning (at most) one driver, pull cases from a shared cursor and keep up to
// `pipeline` requests queued on their driver. Results land in their case's slot, so report
// order is the spec's order whatever finishes first.
import { performance } from 'node:perf_hooks';
import type { CallCase, Case, CommandCase } from '../spec/types.js';
import type { CaseResult, CaseStatus } from './types.js';
import { compareOutcome } from './compare.js';
import { DriverLoadError, type CallResult } from './driver-process.js';

export interface CaseRun {
  status: CaseStatus;
  message?: string;
  expected?: unknown;
  actual?: unknown;
  output?: string;
  /** Time of the case itself, excluding driver start-up and queueing. */
  durationMs?: number;
}

/** What the pool needs from a driver (DriverProcess; the benchmark's in-process stand-in). */
export interface Driver {
  /** Spec name → implementation name, from the handshake. */
  readonly functions: Record<string, string>;
  readonly dead: boolean;
  call(fn: string, args: unknown[], timeoutMs: number): Promise<CallResult>;
  close(): Promise<void>;
  kill(): void;
}

export interface PoolOptions {
  jobs: number;
  /** Requests queued per driver (1: strictly one at a time). Forced to 1 by `isolate`. */
  pipeline: number;
  isolate: boolean;
  bail: boolean;
  timeoutMs: number;
  startDriver: () => Promise<Driver>;
  runCommand: (c: CommandCase) => Promise<CaseRun>;
  onResult?: (r: CaseResult) => void;
  signal?: AbortSignal;
  /** Called once when the implementation fails to load (every call case then errors with it). */
  onLoadError?: (e: DriverLoadError) => void;
  /** What a result shows of its case besides the id (describe.ts); default nothing. */
  describe?: (c: Case) => Partial<Pick<CaseResult, 'args' | 'call' | 'source'>>;
}

/** A case whose driver keeps dying before it runs gives up after this many fresh drivers. */
const MAX_RETRIES = 3;

const STOPPED = new DriverLoadError('run stopped');

type Base = Pick<CaseResult, 'id' | 'kind' | 'fn' | 'hidden' | 'requirements' | 'args' | 'call' | 'source'>;

function baseOf(c: Case, opts: PoolOptions): Base {
  return {
    id: c.id,
    kind: c.kind,
    ...(c.kind === 'call' ? { fn: c.fn } : {}),
    hidden: c.hidden,
    requirements: c.requirements,
    ...opts.describe?.(c),
  };
}

function expectedOf(c: CallCase): unknown {
  return c.expect.kind === 'value' ? c.expect.value : { error: c.expect.errorKind ?? true };
}

type CallRun = CaseRun | { retry: 'queued' | 'dead' };

async function runCall(c: CallCase, driver: Driver, timeoutMs: number): Promise<CallRun> {
  if (!Object.prototype.hasOwnProperty.call(driver.functions, c.fn)) {
    return { status: 'errored', message: `function not found in implementation: ${c.fn}`, durationMs: 0 };
  }
  const res = await driver.call(c.fn, c.args, timeoutMs);
  if (res.type === 'retry') return { retry: res.reason };
  const durationMs = res.durationMs ?? 0;
  const output = res.output ? { output: res.output } : {};
  if (res.type === 'failure')
    return { status: res.status, message: res.message, expected: expectedOf(c), durationMs, ...output };
  const verdict = compareOutcome(c.expect, c.compare, res.outcome);
  if (verdict.pass) return { status: 'passed', durationMs, ...output };
  const actual = res.outcome.ok ? res.outcome.value : { error: res.outcome.error };
  return {
    status: 'failed',
    message: verdict.message ?? 'mismatch',
    expected: expectedOf(c),
    actual,
    durationMs,
    ...output,
  };
}

export async function runPool(cases: Case[], opts: PoolOptions): Promise<CaseResult[]> {
  const results: Array<CaseResult | undefined> = new Array(cases.length);
  let cursor = 0;
  const retries: number[] = [];
  const attempts = new Map<number, number>();
  let stop = false;
  let loadError: DriverLoadError | undefined;
  const drivers = new Set<Driver>();
  const pipeline = opts.isolate ? 1 : Math.max(1, opts.pipeline);

  const onAbort = () => {
    stop = true;
    for (const d of drivers) d.kill();
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });

  const take = (): number | undefined =>
    retries.length > 0 ? retries.shift() : cursor < cases.length ? cursor++ : undefined;

  const record = (index: number, run: CaseRun, t0: number) => {
    if (stop) return; // bailed or aborted: later results are reported as skipped
    const { durationMs, ...rest } = run;
    const result: CaseResult = {
      ...baseOf(cases[index]!, opts),
      ...rest,
      durationMs: round(durationMs ?? performance.now() - t0),
    };
    results[index] = result;
    opts.onResult?.(result);
    if (opts.bail && (run.status === 'failed' || run.status === 'errored')) stop = true;
  };

  async function worker(): Promise<void> {
    let current: Promise<Driver | DriverLoadError> | undefined;
    const retire = async (d: Driver) => {
      drivers.delete(d);
      await d.close();
    };
    const start = (): Promise<Driver | DriverLoadError> =>
      opts.startDriver().then(
        (d) => {
          drivers.add(d);
          if (stop) d.kill();
          return d;
        },
        (e: unknown) => {
          if (!(e instanceof DriverLoadError)) throw e;
          if (!loadError) opts.onLoadError?.(e);
          loadError ??= e;
          return loadError;
        },
      );
    let ready: Driver | undefined; // fast path: the live driver, no await needed
    const acquire = async (): Promise<Driver | DriverLoadError> => {
      for (;;) {
        if (loadError) return loadError;
        if (stop) return STOPPED; // bailed/aborted: start nothing new (the result is dropped)
        if (ready && !ready.dead) return ready;
        const snapshot = current;
        if (snapshot) {
          const d = await snapshot;
          if (d instanceof DriverLoadError) return d;
          if (!d.dead) return (ready = d);
          if (current !== snapshot) continue; // another task already replaced it
          void retire(d);
        }
        ready = undefined;
        current = start();
      }
    };

    const runOne = async (index: number): Promise<void> => {
      const c = cases[index]!;
      const t0 = performance.now();
      if (c.kind === 'command') return record(index, await opts.runCommand(c), t0);
      const d = await acquire();
      if (d instanceof DriverLoadError) {
        return record(
          index,
          { status: 'errored', message: d.message, ...(d.stderr ? { output: d.stderr } : {}), durationMs: 0 },
          t0,
        );
      }
      const run = await runCall(c, d, opts.timeoutMs);
      if ('retry' in run || d.dead) {
        meanMs = Number.NaN; // the driver broke: one request at a time until the next one proves fast
      } else if (run.durationMs !== undefined) {
        meanMs = Number.isNaN(meanMs) ? run.durationMs : 0.8 * meanMs + 0.2 * run.durationMs;
      }
      if (opts.isolate) {
        current = undefined;
        ready = undefined;
        await retire(d);
      }
      if (!('retry' in run)) return record(index, run, t0);
      if (run.retry === 'queued') return void retries.push(index); // another case broke the driver: progress was made
      const n = (attempts.get(index) ?? 0) + 1;
      attempts.set(index, n);
      if (n < MAX_RETRIES) retries.push(index);
      else record(index, { status: 'errored', message: `the driver died ${n} times before running this case` }, t0);
    };

    // Pipeline deeply only while cases are fast (then round trips dominate); slow cases go one
    // at a time so that no driver hoards work another one could take.
    let meanMs = Number.NaN;
    const depth = (): number => {
      const share = Math.ceil((cases.length - cursor + retries.length) / Math.max(1, opts.jobs));
      const bySpeed = Number.isNaN(meanMs) ? 1 : meanMs < 1 ? pipeline : meanMs < 10 ? 2 : 1;
      return Math.max(1, Math.min(pipeline, bySpeed, share));
    };
    let inflight = 0;
    let wake: (() => void) | undefined;
    const slotFreed = () => new Promise<void>((resolve) => (wake = resolve));
    const launch = (index: number) => {
      inflight++;
      void runOne(index).finally(() => {
        inflight--;
        const w = wake;
        wake = undefined;
        w?.();
      });
    };
    try {
      for (;;) {
        if (stop) break;
        const index = take();
        if (index === undefined) {
          if (inflight === 0) break;
          await slotFreed(); // a retry may still come back
          continue;
        }
        if (cases[index]!.kind === 'command') {
          await runOne(index); // programs run one at a time per worker; queued calls go on
          continue;
        }
        launch(index);
        while (inflight >= depth()) await slotFreed();
      }
      while (inflight > 0) await slotFreed();
    } finally {
      const d = current ? await current : undefined;
      if (d && !(d instanceof DriverLoadError)) await retire(d);
    }
  }

  const n = Math.max(1, Math.min(opts.jobs, cases.length));
  try {
    await Promise.all(Array.from({ length: n }, () => worker()));
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    for (const d of drivers) d.kill();
  }
  return cases.map((c, i) => {
    const r = results[i];
    if (r) return r;
    const skipped: CaseResult = {
      ...baseOf(c, opts),
      status: 'skipped',
      durationMs: 0,
      message: opts.signal?.aborted ? 'run aborted' : 'not run (--bail)',
    };
    return skipped;
  });
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
