// The conformance runner: detect the implementation, select cases, run them through a pool of
// per-language drivers (call cases) or the program itself (command cases), and report.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { CommandCase, Spec } from '../spec/types.js';
import type { CaseResult, ConformanceReport, RunOptions } from './types.js';
import { detectImplementation, type Implementation } from './detect.js';
import { selectCases } from './filter.js';
import { runProcess, type Isolation } from '../process/index.js';
import { runPool, type CaseRun, type Driver } from './pool.js';
import { judgeCommand } from './command.js';
import { caseDescriber } from './describe.js';
import { type Launcher, launcher, type RunnerExtras } from './launch.js';
import { statusCounts } from './counts.js';
import { buildOnce, openSession, type Session } from './session.js';

export { compareOutcome, deepEqual, errorKindMatches, preview, valuesMatch } from './compare.js';
export { detectImplementation } from './detect.js';
export type { Implementation, Manifest } from './detect.js';
export { parseShard, selectCases, shardOf } from './filter.js';
export { mergeReports, readReportFile } from './merge.js';
export type { Driver } from './pool.js';
export type { CallResult } from './driver-process.js';
export { reporters, type Reporter, type ReporterName } from './reporters/index.js';
export { xmlEscape } from './reporters/junit.js';
export type * from './types.js';
export type { RunnerExtras } from './launch.js';
export { specFiles, implementationJail } from './drivers.js';
export type { Answer, ProgramAnswer, Session } from './session.js';
export { buildRustHarness, type RustBuild } from './rust-driver.js';
export { generateRustHarness } from './rust-harness.js';

export async function runConformance(spec: Spec, options: RunOptions & RunnerExtras): Promise<ConformanceReport> {
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const impl = detectImplementation(options.implDir, options.language);
  const cases = selectCases(spec.cases, options.filter);
  const timeoutMs = options.timeoutMs ?? 5000;
  const functions = [
    ...new Set([...spec.functions.map((f) => f.name), ...cases.flatMap((c) => (c.kind === 'call' ? [c.fn] : []))]),
  ];
  const hasCalls = cases.some((c) => c.kind === 'call');
  const launch = launcher(spec, impl, functions, options);
  const { limits } = launch;
  const startDriver: () => Promise<Driver> = hasCalls
    ? launch.startDriver
    : () => Promise.reject(new Error('no call cases'));
  const runCommand = commandRunner(impl, timeoutMs, limits, launch);
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
  const report = buildReport(spec, impl, results, startedAt, performance.now() - t0, launch.isolation);
  const withShard = options.filter?.shard ? { ...report, shard: options.filter.shard } : report;
  return loadError ? { ...withShard, loadError } : withShard;
}

/**
 * An implementation kept running for calls of the caller's own making (the fuzzer): detected
 * and started exactly as `runConformance` would (same driver, environment and jail).
 */
export function openImplementation(
  spec: Spec,
  implDir: string,
  options: Pick<RunOptions, 'language' | 'timeoutMs' | 'sandbox' | 'isolation' | 'envAllow' | 'onWarning'> &
    RunnerExtras = {},
): Session {
  const impl = detectImplementation(implDir, options.language);
  const launch = launcher(
    spec,
    impl,
    spec.functions.map((f) => f.name),
    options,
  );
  return openSession(impl, launch, { timeoutMs: options.timeoutMs ?? 5000 });
}

function commandRunner(
  impl: Implementation,
  timeoutMs: number,
  limits: { maxLineBytes: number; maxOutputBytes: number },
  { program, build, caseSpawn, buildSpawn }: Pick<Launcher, 'program' | 'build' | 'caseSpawn' | 'buildSpawn'>,
) {
  const runBuild = buildOnce({ build, buildSpawn, limits }, timeoutMs);
  return async (c: CommandCase): Promise<CaseRun> => {
    const buildError = await runBuild();
    if (buildError) return { status: 'errored', message: buildError, durationMs: 0 };
    if (!program)
      return { status: 'errored', message: 'no program to run: add "command" to ghost.json', durationMs: 0 };
    const t0 = performance.now();
    const run = await runProcess({
      ...caseSpawn([...program, ...c.argv]),
      input: c.stdin,
      timeoutMs,
      maxStdoutBytes: limits.maxLineBytes,
      maxStderrBytes: limits.maxOutputBytes,
      maxOutputBytes: limits.maxOutputBytes,
      killOnStdoutOverflow: true,
    });
    const v = judgeCommand(c, run, timeoutMs);
    const durationMs = performance.now() - t0;
    if (v.status === 'passed') return { status: 'passed', durationMs };
    return { ...v, durationMs };
  };
}

export function buildReport(
  spec: Spec,
  impl: Pick<Implementation, 'dir' | 'language'>,
  results: CaseResult[],
  startedAt: string,
  durationMs: number,
  isolation: Isolation = 'none',
): ConformanceReport {
  return {
    reportVersion: 1,
    spec: {
      name: spec.meta.name,
      ...(spec.meta.version !== undefined ? { version: spec.meta.version } : {}),
      hash: spec.hash,
    },
    implementation: { dir: impl.dir, language: impl.language },
    isolation,
    startedAt,
    durationMs: Math.round(durationMs),
    ...statusCounts(results),
    results,
  };
}
