// Command cases: the implementation is a program, spawned once per case with argv and stdin;
// stdout (byte-exact: a spec that says LF means LF), exit code and a stderr substring are compared.
import type { CommandCase } from '../spec/types.js';
import type { CaseStatus } from './types.js';
import { findLanguage } from '../languages/index.js';
import { preview } from './compare.js';
import { BoundedBuffer, describeExit, killGroup, lastLines, spawnGroup, type SpawnSpec } from './proc.js';

export interface ProcessRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  overflow: boolean;
  spawnError?: string;
}

/** Runs a program to completion with a time limit and bounded output; never throws. */
export function runProcess(spec: SpawnSpec, stdin: string, timeoutMs: number, maxStdout: number, maxStderr: number): Promise<ProcessRun> {
  return new Promise((resolve) => {
    const out = new BoundedBuffer(maxStdout, 'head');
    const err = new BoundedBuffer(maxStderr, 'tail');
    let timedOut = false;
    let overflow = false;
    let spawnError: string | undefined;
    let done = false;
    let child: ReturnType<typeof spawnGroup>;
    try {
      child = spawnGroup(spec);
    } catch (e) {
      resolve({ exitCode: null, signal: null, stdout: '', stderr: '', timedOut, overflow, spawnError: (e as Error).message });
      return;
    }
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      killGroup(child.pid);
      resolve({ exitCode: code, signal, stdout: out.text(), stderr: err.text(), timedOut, overflow, ...(spawnError ? { spawnError } : {}) });
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
    child.stdout!.on('data', (c: Buffer) => {
      out.push(c);
      if (out.overflowed && !overflow) {
        overflow = true;
        killGroup(child.pid);
      }
    });
    child.stderr!.on('data', (c: Buffer) => err.push(c));
    child.on('error', (e) => {
      spawnError = e.message;
      finish(null, null);
    });
    child.on('exit', (code, signal) => {
      // grandchildren may hold the pipes open: give them a moment, then stop waiting
      const t = setTimeout(() => finish(code, signal), 200);
      child.once('close', () => {
        clearTimeout(t);
        finish(code, signal);
      });
    });
    // A program may exit without reading its input (--help, usage errors): that is not an error.
    child.stdin!.on('error', () => {});
    child.stdin!.end(stdin);
  });
}

/** The program to run for command cases when ghost.json names none. */
export function defaultCommand(language: string, entry: string): string[] | undefined {
  const lang = findLanguage(language);
  if (!entry || !lang?.run || !lang.extensions.some((e) => entry.endsWith(e))) return undefined;
  // ghost's own node and GHOST_PYTHON beat the table's interpreter names (tests, odd PATHs).
  if (lang.id === 'javascript') return [process.execPath, entry];
  if (lang.id === 'python') return [process.env.GHOST_PYTHON ?? 'python3', entry];
  return [...lang.run, entry];
}

export interface CommandVerdict {
  status: CaseStatus;
  message?: string;
  expected: unknown;
  actual: unknown;
  output?: string;
}

export function judgeCommand(c: CommandCase, run: ProcessRun, timeoutMs: number): CommandVerdict {
  const expected = {
    exitCode: c.expect.exitCode,
    ...(c.expect.stdout !== undefined ? { stdout: c.expect.stdout } : {}),
    ...(c.expect.stderrContains !== undefined ? { stderrContains: c.expect.stderrContains } : {}),
  };
  const stdout = run.stdout;
  const actual = { exitCode: run.exitCode, stdout, stderr: run.stderr };
  const output = run.stderr ? run.stderr : undefined;
  const fail = (status: CaseStatus, message: string): CommandVerdict => ({ status, message, expected, actual, ...(output ? { output } : {}) });
  if (run.spawnError) return fail('errored', `could not start the program: ${run.spawnError}`);
  if (run.timedOut) return fail('failed', `timed out after ${timeoutMs} ms`);
  if (run.overflow) return fail('failed', `stdout exceeded the output limit; the program was killed`);
  if (run.exitCode === null) {
    const tail = lastLines(run.stderr, 5);
    return fail('failed', `program ${describeExit(run.exitCode, run.signal)}${tail ? `; last stderr:\n${tail}` : ''}`);
  }
  if (c.expect.stdout !== undefined && c.expect.stdout !== stdout) {
    return fail('failed', `stdout differs: expected ${preview(c.expect.stdout, 80)}, got ${preview(stdout, 80)}`);
  }
  if (run.exitCode !== c.expect.exitCode) return fail('failed', `exit code ${run.exitCode}, expected ${c.expect.exitCode}`);
  if (c.expect.stderrContains !== undefined && !run.stderr.includes(c.expect.stderrContains)) {
    return fail('failed', `stderr does not contain ${preview(c.expect.stderrContains, 80)}`);
  }
  return { status: 'passed', expected, actual };
}
