// Command cases: the implementation is a program, spawned once per case with argv and stdin;
// stdout (byte-exact: a spec that says LF means LF), exit code and a stderr substring are compared.
// Running it is src/process's job (runProcess); this file judges the result.
import type { CommandCase } from '../spec/types.js';
import type { CaseStatus } from './types.js';
import { findLanguage } from '../languages/index.js';
import { preview } from './compare.js';
import { describeExit, lastLines, tsxHook, type ProcessResult } from '../process/index.js';

/** The program to run for command cases when ghost.json names none. */
export function defaultCommand(language: string, entry: string, jailed = false): string[] | undefined {
  const lang = findLanguage(language);
  if (!entry || !lang?.extensions.some((e) => entry.endsWith(e))) return undefined;
  // ghost's own node and GHOST_PYTHON beat the table's interpreter names (tests, odd PATHs).
  if (lang.id === 'typescript') return [process.execPath, '--import', tsxHook(jailed), entry];
  if (!lang.run) return undefined;
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

export function judgeCommand(c: CommandCase, run: ProcessResult, timeoutMs: number): CommandVerdict {
  const expected = {
    exitCode: c.expect.exitCode,
    ...(c.expect.stdout !== undefined ? { stdout: c.expect.stdout } : {}),
    ...(c.expect.stderrContains !== undefined ? { stderrContains: c.expect.stderrContains } : {}),
  };
  const stdout = run.stdout;
  const actual = { exitCode: run.exitCode, stdout, stderr: run.stderr };
  const output = run.stderr ? run.stderr : undefined;
  const fail = (status: CaseStatus, message: string): CommandVerdict => ({
    status,
    message,
    expected,
    actual,
    ...(output ? { output } : {}),
  });
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
  if (run.exitCode !== c.expect.exitCode)
    return fail('failed', `exit code ${run.exitCode}, expected ${c.expect.exitCode}`);
  if (c.expect.stderrContains !== undefined && !run.stderr.includes(c.expect.stderrContains)) {
    return fail('failed', `stderr does not contain ${preview(c.expect.stderrContains, 80)}`);
  }
  return { status: 'passed', expected, actual };
}
