// The conformance runner: detect the implementation, select cases, run them through a pool of
// per-language drivers (call cases) or the program itself (command cases), and report.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { CommandCase, Spec } from '../spec/types.js';
import type { CaseResult, ConformanceReport, RunOptions } from './types.js';
import { detectImplementation, type Implementation } from './detect.js';
import { selectCases } from './filter.js';
import { checkSandbox, driverCommand, driverEnv, handshakeTimeoutMs, sandboxed } from './drivers.js';
import { DriverProcess, MAX_LINE_BYTES, MAX_OUTPUT_BYTES } from './driver-process.js';
import { runPool, type CaseRun, type Driver } from './pool.js';
import { defaultCommand, judgeCommand, runProcess } from './command.js';
import { caseDescriber } from './describe.js';

export { compareOutcome, deepEqual, errorKindMatches } from './compare.js';
export { checkLanguage, detectImplementation, knownLanguages } from './detect.js';
export type { Implementation, Manifest } from './detect.js';
export { selectCases } from './filter.js';
export type { Driver } from './pool.js';
export type { CallResult } from './driver-process.js';
export { reporters, type Reporter, type ReporterName } from './reporters/index.js';
export { xmlEscape } from './reporters/junit.js';
export type * from './types.js';

/** Extra knobs beyond the contract (tests, the benchmark, custom drivers). */
export interface RunnerExtras {
  /** Start this argv instead of the language's bundled driver. */
  driverCommand?: string[];
  /** Default: timeoutMs plus the language's start-up allowance (drivers.ts; Java compiles first). */
  handshakeTimeoutMs?: number;
  /** Default 16 MiB (a protocol line / a command's stdout). */
  maxLineBytes?: number;
  /** Default 64 KiB (captured output per case). */
  maxOutputBytes?: number;
  /**
   * Requests written ahead to each driver (default 32; 1 = strictly one at a time). Drivers
   * read and answer one request at a time, so this only hides the round-trip latency.
   */
  pipeline?: number;
  /** Replaces the driver process entirely (benchmarks, embedding); `driverCommand` is ignored. */
  startDriver?: () => Promise<Driver>;
}

export async function runConformance(spec: Spec, options: RunOptions & RunnerExtras): Promise<ConformanceReport> {
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const impl = detectImplementation(options.implDir, options.language);
  const cases = selectCases(spec.cases, options.filter);
  const timeoutMs = options.timeoutMs ?? 5000;
  const limits = { maxLineBytes: options.maxLineBytes ?? MAX_LINE_BYTES, maxOutputBytes: options.maxOutputBytes ?? MAX_OUTPUT_BYTES };
  if (options.sandbox) checkSandbox(impl.dir);
  const wrap = (cmd: string[]) => (options.sandbox ? sandboxed(cmd, impl.dir) : cmd);

  const functions = [...new Set([...spec.functions.map((f) => f.name), ...cases.flatMap((c) => (c.kind === 'call' ? [c.fn] : []))])];
  const hasCalls = cases.some((c) => c.kind === 'call');
  const driverArgv = hasCalls && !options.startDriver ? (options.driverCommand ?? driverCommand(impl.language)) : [];
  const env = driverEnv(impl, functions);
  const startDriver: () => Promise<Driver> =
    options.startDriver ??
    (() => DriverProcess.start(
      { command: wrap(driverArgv), cwd: impl.dir, env },
      options.handshakeTimeoutMs ?? handshakeTimeoutMs(impl.language, timeoutMs, options.sandbox),
      limits,
    ));

  const runCommand = commandRunner(impl, env, timeoutMs, limits, wrap);
  let loadError: ConformanceReport['loadError'];
  const results = await runPool(cases, {
    jobs: Math.max(1, options.jobs ?? os.availableParallelism()),
    pipeline: options.pipeline ?? 32,
    isolate: options.isolate ?? false,
    bail: options.bail ?? false,
    timeoutMs,
    startDriver,
    runCommand,
    describe: caseDescriber(spec),
    onLoadError: (e) => (loadError = { message: e.message, ...(e.stderr ? { output: e.stderr } : {}) }),
    ...(options.onResult ? { onResult: options.onResult } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const report = buildReport(spec, impl, results, startedAt, performance.now() - t0);
  return loadError ? { ...report, loadError } : report;
}

function commandRunner(
  impl: Implementation,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  limits: { maxLineBytes: number; maxOutputBytes: number },
  wrap: (cmd: string[]) => string[],
) {
  let build: Promise<string | undefined> | undefined;
  const runBuild = (): Promise<string | undefined> => {
    if (!impl.build) return Promise.resolve(undefined);
    build ??= runProcess({ command: wrap(impl.build), cwd: impl.dir, env }, '', Math.max(timeoutMs, 300_000), limits.maxOutputBytes, limits.maxOutputBytes).then(
      (r) => {
        if (r.spawnError) return `build failed to start (${impl.build!.join(' ')}): ${r.spawnError}`;
        if (r.timedOut) return `build timed out (${impl.build!.join(' ')})`;
        if (r.exitCode !== 0) return `build failed (${impl.build!.join(' ')}) with exit code ${r.exitCode ?? r.signal}:\n${(r.stderr || r.stdout).slice(-2000)}`;
        return undefined;
      },
    );
    return build;
  };
  return async (c: CommandCase): Promise<CaseRun> => {
    const buildError = await runBuild();
    if (buildError) return { status: 'errored', message: buildError, durationMs: 0 };
    const program = impl.command ?? defaultCommand(impl.language, impl.entry);
    if (!program) return { status: 'errored', message: 'no program to run: add "command" to ghost.json', durationMs: 0 };
    const t0 = performance.now();
    const run = await runProcess({ command: wrap([...program, ...c.argv]), cwd: impl.dir, env }, c.stdin, timeoutMs, limits.maxLineBytes, limits.maxOutputBytes);
    const v = judgeCommand(c, run, timeoutMs);
    const durationMs = performance.now() - t0;
    if (v.status === 'passed') return { status: 'passed', durationMs };
    return { ...v, durationMs };
  };
}

export function buildReport(spec: Spec, impl: Pick<Implementation, 'dir' | 'language'>, results: CaseResult[], startedAt: string, durationMs: number): ConformanceReport {
  const count = (s: CaseResult['status']) => results.filter((r) => r.status === s).length;
  return {
    reportVersion: 1,
    spec: { name: spec.meta.name, ...(spec.meta.version !== undefined ? { version: spec.meta.version } : {}), hash: spec.hash },
    implementation: { dir: impl.dir, language: impl.language },
    startedAt,
    durationMs: Math.round(durationMs),
    total: results.length,
    passed: count('passed'),
    failed: count('failed'),
    errored: count('errored'),
    skipped: count('skipped'),
    results,
  };
}
