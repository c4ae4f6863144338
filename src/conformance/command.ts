// Command cases: the implementation is a program, spawned once per case with argv and stdin;
// stdout (byte-exact: a spec that says LF means LF), exit code and a stderr substring are compared.
// Running it is src/process's job (runProcess); this file judges the result.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CommandCase } from '../spec/types.js';
import type { CaseStatus } from './types.js';
import { findLanguage } from '../languages/index.js';
import { preview } from './compare.js';
import { describeExit, esbuildCli, lastLines, type ProcessResult } from '../process/index.js';

/**
 * Where a TypeScript program is bundled (build outputs live in `.ghost-build/`), and as what:
 * an ES module unless the entry or the implementation's package.json says CommonJS — what
 * Node (and tsx) would have run it as.
 */
function tsBundle(implDir: string, entry: string): { format: 'esm' | 'cjs'; outfile: string } {
  let cjs = entry.endsWith('.cts');
  if (entry.endsWith('.ts')) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(implDir, 'package.json'), 'utf8')) as { type?: unknown };
      cjs = pkg.type !== 'module';
    } catch {
      cjs = true; // no package.json: Node's default
    }
  }
  return cjs
    ? { format: 'cjs', outfile: '.ghost-build/main.cjs' }
    : { format: 'esm', outfile: '.ghost-build/main.mjs' };
}

/**
 * The program command cases run when ghost.json names none, and the build step it needs: a
 * TypeScript entry is bundled once by ghost's own esbuild (inside the jail when jailed: it
 * reads only the implementation), so each case starts plain node instead of transpiling the
 * program again. Other languages run their entry with their interpreter and need no build.
 */
export function defaultProgram(
  language: string,
  entry: string,
  jailed = false,
  implDir = '.',
): { command?: string[]; build?: string[] } {
  const lang = findLanguage(language);
  if (!entry || !lang?.extensions.some((e) => entry.endsWith(e))) return {};
  if (lang.id === 'typescript') {
    const { format, outfile } = tsBundle(implDir, entry);
    return {
      command: [process.execPath, outfile],
      build: [
        ...esbuildCli(jailed),
        entry,
        '--bundle',
        '--platform=node',
        `--format=${format}`,
        '--packages=external',
        `--outfile=${outfile}`,
        '--log-level=warning',
      ],
    };
  }
  if (!lang.run) return {};
  // ghost's own node and GHOST_PYTHON beat the table's interpreter names (tests, odd PATHs).
  if (lang.id === 'javascript') return { command: [process.execPath, entry] };
  if (lang.id === 'python') return { command: [process.env.GHOST_PYTHON ?? 'python3', entry] };
  return { command: [...lang.run, entry] };
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
