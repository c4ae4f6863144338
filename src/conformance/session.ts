// A live implementation for callers that make up their own inputs (the fuzzer): one persistent
// driver, any number of calls in flight (pipelined), and program runs for CLI-shaped specs.
// A driver that dies is replaced; calls queued behind the one that broke it are re-sent.
import os from 'node:os';
import type { Outcome } from './types.js';
import type { Driver } from './pool.js';
import { DriverLoadError } from './driver-process.js';
import { runProcess } from '../process/index.js';
import type { Launcher } from './launch.js';
import type { Implementation } from './detect.js';

/** What one call produced: the implementation's answer, or the driver failing on it. */
export type Answer =
  | { type: 'response'; outcome: Outcome }
  | { type: 'failure'; reason: 'timeout' | 'crash'; message: string };

/** What one run of a CLI-shaped implementation produced. */
export type ProgramAnswer =
  | { type: 'exit'; exitCode: number; stdout: string; stderr: string }
  | { type: 'failure'; reason: 'timeout' | 'crash'; message: string };

export interface Session {
  readonly impl: Implementation;
  /** Spec function names the implementation exports (after the handshake; empty before). */
  functions(): Promise<string[]>;
  call(fn: string, args: unknown[]): Promise<Answer>;
  run(argv: string[], stdin: string): Promise<ProgramAnswer>;
  close(): Promise<void>;
}

/**
 * The program's build step (`build` in ghost.json: `go build`, `cargo build`), run once however
 * many runs ask for it: the error message when it fails, undefined when it worked or there is none.
 */
export function buildOnce(
  launch: Pick<Launcher, 'build' | 'buildSpawn' | 'limits'>,
  timeoutMs: number,
): () => Promise<string | undefined> {
  let build: Promise<string | undefined> | undefined;
  return () => {
    if (!launch.build) return Promise.resolve(undefined);
    const argv = launch.build;
    build ??= runProcess({
      ...launch.buildSpawn(argv),
      input: '',
      timeoutMs: Math.max(timeoutMs, 300_000),
      maxOutputBytes: launch.limits.maxOutputBytes,
    }).then((r) => {
      if (r.spawnError) return `build failed to start (${argv.join(' ')}): ${r.spawnError}`;
      if (r.timedOut) return `build timed out (${argv.join(' ')})`;
      if (r.exitCode !== 0)
        return `build failed (${argv.join(' ')}) with exit code ${r.exitCode ?? r.signal}:\n${(r.stderr || r.stdout).slice(-2000)}`;
      return undefined;
    });
    return build;
  };
}

/**
 * A driver that dies this many times in a row without answering anything is given up. In a
 * row: a fuzzer's inputs may kill a healthy driver thousands of times, each a finding.
 */
const MAX_RESTARTS = 50;

export function openSession(impl: Implementation, launch: Launcher, options: { timeoutMs: number }): Session {
  const { startDriver } = launch;
  let current: Promise<Driver> | undefined;
  let restarts = 0;
  let closed = false;

  const driver = async (): Promise<Driver> => {
    for (;;) {
      const snapshot = current;
      if (snapshot) {
        const d = await snapshot;
        if (!d.dead) return d;
        if (current !== snapshot) continue; // someone else already replaced it
        if (++restarts > MAX_RESTARTS)
          throw new DriverLoadError(`the driver of ${impl.dir} died ${MAX_RESTARTS} times`);
      }
      if (closed) throw new DriverLoadError('session closed');
      current = startDriver();
    }
  };

  const call = async (fn: string, args: unknown[]): Promise<Answer> => {
    for (let attempt = 0; ; attempt++) {
      const d = await driver();
      if (!Object.prototype.hasOwnProperty.call(d.functions, fn)) {
        return { type: 'failure', reason: 'crash', message: `function not found in implementation: ${fn}` };
      }
      const r = await d.call(fn, args, options.timeoutMs);
      if (r.type !== 'retry') restarts = 0; // it ran the call: a death now is that input's doing
      if (r.type === 'response') return { type: 'response', outcome: r.outcome };
      if (r.type === 'failure') {
        const reason = r.message.startsWith('timed out') ? 'timeout' : 'crash';
        return { type: 'failure', reason, message: r.message };
      }
      if (attempt > 3)
        return { type: 'failure', reason: 'crash', message: 'the driver kept dying before running this call' };
    }
  };

  // a process per run: at most one per core at a time, however many runs are asked for
  let running = 0;
  const waiting: Array<() => void> = [];
  const run = async (argv: string[], stdin: string): Promise<ProgramAnswer> => {
    if (running >= os.availableParallelism()) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await runOnce(argv, stdin);
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
  // a compiled program is built before its first run, as the conformance runner does
  const build = buildOnce(launch, options.timeoutMs);
  const runOnce = async (argv: string[], stdin: string): Promise<ProgramAnswer> => {
    const buildError = await build();
    if (buildError) return { type: 'failure', reason: 'crash', message: buildError };
    const program = launch.program;
    if (!program)
      return { type: 'failure', reason: 'crash', message: 'no program to run: add "command" to ghost.json' };
    const cmd = [...program, ...argv];
    const r = await runProcess({
      ...launch.caseSpawn(cmd),
      input: stdin,
      timeoutMs: options.timeoutMs,
      maxStdoutBytes: launch.limits.maxLineBytes,
      maxStderrBytes: launch.limits.maxOutputBytes,
      maxOutputBytes: launch.limits.maxOutputBytes,
      killOnStdoutOverflow: true,
    });
    if (r.spawnError) return { type: 'failure', reason: 'crash', message: `could not start: ${r.spawnError}` };
    if (r.timedOut) return { type: 'failure', reason: 'timeout', message: `timed out after ${options.timeoutMs} ms` };
    if (r.exitCode === null)
      return { type: 'failure', reason: 'crash', message: `killed by ${r.signal ?? 'a signal'}` };
    return { type: 'exit', exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
  };

  return {
    impl,
    functions: async () => Object.keys((await driver()).functions),
    call,
    run,
    close: async () => {
      closed = true;
      const d = current ? await current.catch(() => undefined) : undefined;
      await d?.close();
    },
  };
}
