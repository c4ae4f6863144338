// N workers, each owning (at most) one driver, pull cases from a shared cursor. Results land
// in their case's slot, so report order is the spec's order whatever finishes first.
import { performance } from 'node:perf_hooks';
import type { CallCase, Case, CommandCase } from '../spec/types.js';
import type { CaseResult, CaseStatus } from './types.js';
import { compareOutcome } from './compare.js';
import { DriverLoadError, type DriverProcess } from './driver-process.js';

export interface CaseRun {
  status: CaseStatus;
  message?: string;
  expected?: unknown;
  actual?: unknown;
  output?: string;
  /** Time of the case itself, excluding driver start-up. */
  durationMs?: number;
}

export interface PoolOptions {
  jobs: number;
  isolate: boolean;
  bail: boolean;
  timeoutMs: number;
  startDriver: () => Promise<DriverProcess>;
  runCommand: (c: CommandCase) => Promise<CaseRun>;
  onResult?: (r: CaseResult) => void;
  signal?: AbortSignal;
}

function base(c: Case): Pick<CaseResult, 'id' | 'kind' | 'fn' | 'hidden' | 'requirements'> {
  return { id: c.id, kind: c.kind, ...(c.kind === 'call' ? { fn: c.fn } : {}), hidden: c.hidden, requirements: c.requirements };
}

function expectedOf(c: CallCase): unknown {
  return c.expect.kind === 'value' ? c.expect.value : { error: c.expect.errorKind ?? true };
}

async function runCall(c: CallCase, driver: DriverProcess, timeoutMs: number): Promise<CaseRun> {
  if (!Object.prototype.hasOwnProperty.call(driver.functions, c.fn)) {
    return { status: 'errored', message: `function not found in implementation: ${c.fn}`, durationMs: 0 };
  }
  const t0 = performance.now();
  const res = await driver.call(c.fn, c.args, timeoutMs);
  const durationMs = performance.now() - t0;
  const output = res.output ? { output: res.output } : {};
  if (res.type === 'failure') return { status: res.status, message: res.message, expected: expectedOf(c), durationMs, ...output };
  const verdict = compareOutcome(c.expect, c.compare, res.outcome);
  if (verdict.pass) return { status: 'passed', durationMs, ...output };
  const actual = res.outcome.ok ? res.outcome.value : { error: res.outcome.error };
  return { status: 'failed', message: verdict.message ?? 'mismatch', expected: expectedOf(c), actual, durationMs, ...output };
}

export async function runPool(cases: Case[], opts: PoolOptions): Promise<CaseResult[]> {
  const results: Array<CaseResult | undefined> = new Array(cases.length);
  let cursor = 0;
  let stop = false;
  let loadError: DriverLoadError | undefined;
  const drivers = new Set<DriverProcess>();

  const onAbort = () => {
    stop = true;
    for (const d of drivers) d.kill();
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });

  async function worker(): Promise<void> {
    let driver: DriverProcess | undefined;
    const retire = async (d: DriverProcess | undefined) => {
      if (!d) return;
      drivers.delete(d);
      await d.close();
    };
    const acquire = async (): Promise<DriverProcess | DriverLoadError> => {
      if (loadError) return loadError;
      if (driver && !driver.dead) return driver;
      await retire(driver);
      driver = undefined;
      try {
        driver = await opts.startDriver();
        drivers.add(driver);
        if (stop) driver.kill();
        return driver;
      } catch (e) {
        if (!(e instanceof DriverLoadError)) throw e;
        loadError ??= e;
        return loadError;
      }
    };
    try {
      while (!stop && cursor < cases.length) {
        const index = cursor++;
        const c = cases[index]!;
        const t0 = performance.now();
        let run: CaseRun;
        if (c.kind === 'command') {
          run = await opts.runCommand(c);
        } else {
          const d = await acquire();
          if (d instanceof DriverLoadError) {
            run = { status: 'errored', message: d.message, ...(d.stderr ? { output: d.stderr } : {}), durationMs: 0 };
          } else {
            run = await runCall(c, d, opts.timeoutMs);
            if (opts.isolate) {
              await retire(d);
              driver = undefined;
            }
          }
        }
        if (stop && opts.signal?.aborted) break;
        const { durationMs, ...rest } = run;
        const result: CaseResult = { ...base(c), ...rest, durationMs: round(durationMs ?? performance.now() - t0) };
        results[index] = result;
        opts.onResult?.(result);
        if (opts.bail && (run.status === 'failed' || run.status === 'errored')) stop = true;
      }
    } finally {
      await retire(driver);
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
    const skipped: CaseResult = { ...base(c), status: 'skipped', durationMs: 0, message: opts.signal?.aborted ? 'run aborted' : 'not run (--bail)' };
    return skipped;
  });
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
