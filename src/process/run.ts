// One-shot processes: run to completion under a deadline with capped output; never throws.
// The deadline kills the whole tree (jailed: the PID namespace; unjailed: the process group,
// which a setsid() child escapes — see group.ts).
import type { ChildProcess } from 'node:child_process';
import { BoundedBuffer, CappedBuffer } from './buffers.js';
import type { ProcessFailure } from './failure.js';
import { killGroup, killTree, spawnGroup } from './group.js';
import type { Isolation } from './jail.js';
import { resolveSpawn, type SpawnOptions } from './spawn-spec.js';

export interface RunProcessOptions extends SpawnOptions {
  timeoutMs: number;
  /** Written to stdin, then closed; absent: stdin is /dev/null. */
  input?: string;
  signal?: AbortSignal;
  /** Combined stdout+stderr kept (head + tail); default 16 KiB. */
  maxOutputBytes?: number;
  /** stdout kept separately (for parsing or comparing); default `maxOutputBytes`. */
  maxStdoutBytes?: number;
  /** stderr kept separately; default `maxOutputBytes`. */
  maxStderrBytes?: number;
  /** Kill the process when stdout passes `maxStdoutBytes` (a comparison would be wrong anyway). */
  killOnStdoutOverflow?: boolean;
  /** Grace between SIGTERM and SIGKILL at the deadline; default 0 (SIGKILL at once). */
  killGraceMs?: number;
  /** Kill the tree when neither stdout nor stderr sees a byte for this long (a stalled CLI). */
  idleTimeoutMs?: number;
}

export interface ProcessResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** stdout and stderr interleaved as received, capped, with a note when truncated. */
  output: string;
  stdout: string;
  stderr: string;
  /** `output` lost bytes. */
  truncated: boolean;
  durationMs: number;
  timedOut: boolean;
  /** Killed after `idleTimeoutMs` without output. */
  stalled: boolean;
  aborted: boolean;
  /** stdout passed its cap (and, with `killOnStdoutOverflow`, the process was killed). */
  overflow: boolean;
  spawnError?: string;
  /** Why it did not succeed; absent for exit code 0. */
  failure?: ProcessFailure;
  isolation: Isolation;
}

/** After the leader exits, how long grandchildren holding its pipes may keep us waiting. */
const DRAIN_MS = 200;

export function runProcess(opts: RunProcessOptions): Promise<ProcessResult> {
  const cap = opts.maxOutputBytes ?? 16 * 1024;
  const stdoutCap = opts.maxStdoutBytes ?? cap;
  const output = new CappedBuffer(cap);
  const stdout = opts.killOnStdoutOverflow ? new BoundedBuffer(stdoutCap, 'head') : new CappedBuffer(stdoutCap);
  const stderr = new CappedBuffer(opts.maxStderrBytes ?? cap);
  const started = Date.now();
  const spec = resolveSpawn(opts);
  return new Promise((resolve) => {
    let timedOut = false;
    let stalled = false;
    let aborted = false;
    let overflow = false;
    let settled = false;
    let child: ChildProcess | undefined;
    let timer: NodeJS.Timeout | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    let idleTimer: NodeJS.Timeout | undefined;
    let exited = false;
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null, spawnError?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(killTimer);
      clearTimeout(idleTimer);
      opts.signal?.removeEventListener('abort', onAbort);
      killGroup(child?.pid);
      const failure: ProcessFailure | undefined = spawnError
        ? { kind: 'spawn', message: spawnError }
        : timedOut
          ? { kind: 'timeout', timeoutMs: opts.timeoutMs }
          : stalled
            ? { kind: 'stalled', idleMs: opts.idleTimeoutMs ?? 0 }
            : aborted
              ? { kind: 'aborted' }
              : overflow && opts.killOnStdoutOverflow
                ? { kind: 'overflow', limitBytes: stdoutCap }
                : exitCode !== 0
                  ? { kind: 'exit', code: exitCode, signal }
                  : undefined;
      resolve({
        exitCode,
        signal,
        output: output.toString(),
        stdout: stdout instanceof CappedBuffer ? stdout.toString() : stdout.text(),
        stderr: stderr.toString(),
        truncated: output.truncated,
        durationMs: Date.now() - started,
        timedOut,
        stalled,
        aborted,
        overflow,
        ...(spawnError ? { spawnError } : {}),
        ...(failure ? { failure } : {}),
        isolation: spec.isolation,
      });
    };
    const stop = () => {
      const grace = opts.killGraceMs ?? 0;
      if (grace <= 0) return killTree(child?.pid);
      killGroup(child?.pid, 'SIGTERM');
      killTimer = setTimeout(() => killTree(child?.pid), grace);
    };
    const onAbort = () => {
      aborted = true;
      stop();
    };
    try {
      child = spawnGroup({
        argv: spec.argv,
        cwd: spec.cwd,
        env: spec.env,
        tag: spec.isolation === 'none',
        ...(spec.fd3 ? { fd3: spec.fd3 } : {}),
        stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      });
    } catch (e) {
      finish(null, null, (e as Error).message);
      return;
    }
    timer = setTimeout(
      () => {
        timedOut = true;
        stop();
      },
      Math.min(Math.max(1, opts.timeoutMs), 2 ** 31 - 1),
    );
    // Restarted by every output chunk; once the process is being killed, it stays off.
    const idle = opts.idleTimeoutMs;
    const touch = () => {
      if (idle === undefined || idle <= 0 || settled || exited || timedOut || stalled || aborted) return;
      clearTimeout(idleTimer);
      idleTimer = setTimeout(
        () => {
          stalled = true;
          stop();
        },
        Math.min(idle, 2 ** 31 - 1),
      );
    };
    touch();
    if (opts.signal?.aborted) onAbort();
    else opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout?.on('data', (c: Buffer) => {
      touch();
      stdout.push(c);
      output.push(c);
      const over = stdout instanceof CappedBuffer ? stdout.truncated : stdout.overflowed;
      if (over && !overflow) {
        overflow = true;
        if (opts.killOnStdoutOverflow) killTree(child?.pid);
      }
    });
    child.stderr?.on('data', (c: Buffer) => {
      touch();
      stderr.push(c);
      output.push(c);
    });
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    child.on('error', (e) => finish(null, null, e.message));
    child.on('exit', (code, sig) => {
      // the leader is gone: output still draining is no sign of a stall
      exited = true;
      clearTimeout(idleTimer);
      // reap what the leader left in its group; stop waiting for pipes held by escapees
      killGroup(child?.pid);
      const t = setTimeout(() => finish(code, sig), DRAIN_MS);
      child?.once('close', () => {
        clearTimeout(t);
        finish(code, sig);
      });
    });
  });
}
