// The conformance runner: detect the implementation, select cases, run them through a pool of
// per-language drivers (call cases) or the program itself (command cases), and report.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Case, CommandCase, Spec } from '../spec/types.js';
import type { CaseResult, ConformanceReport, RunOptions } from './types.js';
import { detectImplementation, type Implementation } from './detect.js';
import { selectCases } from './filter.js';
import { checkSandbox, driverCommand, driverEnv, sandboxed } from './drivers.js';
import { DriverLoadError, DriverProcess, MAX_LINE_BYTES, MAX_OUTPUT_BYTES } from './driver-process.js';
import { runPool, type CaseRun, type Driver } from './pool.js';
import { defaultCommand, judgeCommand, runProcess } from './command.js';
import { buildRustHarness, type RustBuild } from './rust-driver.js';

export { compareOutcome, deepEqual, errorKindMatches } from './compare.js';
export { detectImplementation } from './detect.js';
export type { Implementation, Manifest } from './detect.js';
export { parseShard, selectCases, shardOf } from './filter.js';
export { mergeReports, readReportFile } from './merge.js';
export type { Driver } from './pool.js';
export type { CallResult } from './driver-process.js';
export { reporters, type Reporter, type ReporterName } from './reporters/index.js';
export type * from './types.js';
export { buildRustHarness, type RustBuild } from './rust-driver.js';
export { generateRustHarness } from './rust-harness.js';

/** Extra knobs beyond the contract (tests, the benchmark, custom drivers). */
export interface RunnerExtras {
  /** Start this argv instead of the language's bundled driver. */
  driverCommand?: string[];
  /** Default: max(timeoutMs, 30 s) (Java drivers compile first). */
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
  // Rust is compiled (once, cached by content hash) into a binary that is the driver itself.
  const compiled = hasCalls && !options.startDriver && !options.driverCommand && impl.language === 'rust';
  const driverArgv = hasCalls && !options.startDriver && !compiled ? (options.driverCommand ?? driverCommand(impl.language)) : [];
  const env = driverEnv(impl, functions);
  let rust: Promise<RustBuild> | undefined;
  const argv = async (): Promise<string[]> => {
    if (!compiled) return driverArgv;
    const decls = spec.functions.filter((f) => functions.includes(f.name));
    rust ??= buildRustHarness({ implDir: impl.dir, entry: impl.entry, names: impl.names, functions: decls, env, sandbox: options.sandbox ?? false, wrap });
    return [(await rust).binary];
  };
  const startDriver: () => Promise<Driver> =
    options.startDriver ??
    (async () => DriverProcess.start(
      { command: wrap(await argv()), cwd: impl.dir, env },
      options.handshakeTimeoutMs ?? Math.max(timeoutMs, 30_000),
      limits,
    ));

  // A compiled target is built before any case runs, so a compile error is reported once
  // (file:line, on the first visible call case) and the other call cases only point at it.
  let compileError: DriverLoadError | undefined;
  if (compiled) {
    try {
      await argv();
    } catch (e) {
      if (!(e instanceof DriverLoadError)) throw e;
      compileError = e;
    }
  }
  const runCommand = commandRunner(impl, env, timeoutMs, limits, wrap);
  const ran = await runPool(compileError ? cases.filter((c) => c.kind === 'command') : cases, {
    jobs: Math.max(1, options.jobs ?? os.availableParallelism()),
    pipeline: options.pipeline ?? 32,
    isolate: options.isolate ?? false,
    bail: options.bail ?? false,
    timeoutMs,
    startDriver,
    runCommand,
    ...(options.onResult ? { onResult: options.onResult } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const results = compileError ? withCompileError(cases, ran, compileError, options.onResult) : ran;
  const report = buildReport(spec, impl, results, startedAt, performance.now() - t0);
  return options.filter?.shard ? { ...report, shard: options.filter.shard } : report;
}

/** Results in case order: command cases as they ran, call cases errored by the compile error. */
function withCompileError(cases: Case[], ran: CaseResult[], error: DriverLoadError, onResult?: (r: CaseResult) => void): CaseResult[] {
  const byId = new Map(ran.map((r) => [r.id, r]));
  // A visible case carries the error: what reaches an agent never includes hidden cases' messages.
  const calls = cases.filter((c) => c.kind === 'call');
  const first = calls.find((c) => !c.hidden) ?? calls[0]!;
  return cases.map((c) => {
    if (c.kind === 'command') return byId.get(c.id)!;
    const message = c === first ? error.message : `not run: the implementation does not compile (the error is reported on case ${first.id})`;
    const r: CaseResult = { id: c.id, kind: 'call', fn: c.fn, hidden: c.hidden, status: 'errored', durationMs: 0, requirements: c.requirements, message };
    onResult?.(r);
    return r;
  });
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
