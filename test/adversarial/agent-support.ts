// Shared set-up for hostile-agent tests (build state, tools): the real `ghost` binary on the roman spec, scripted
// sessions written here (never a model's), and a "no logic" implementation that passes nothing
// unless it cheats.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, call, finish, session, verdict, write } from '../build/support.js';

export { ROOT, call, finish, session, verdict, write };
export const GHOST = path.join(ROOT, 'bin/ghost.js');

/** An implementation with no logic: every answer is a constant. */
export const NO_LOGIC_PY =
  'class OutOfRange(ValueError): pass\nclass InvalidNumeral(ValueError): pass\n\ndef to_roman(n):\n    return "I"\n\ndef from_roman(text):\n    return 1\n';

export function ghostEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { FORCE_COLOR: _f, ...env } = process.env;
  return { ...env, CI: '1', NO_COLOR: '1', ...extra };
}

export function ghost(args: string[], env: NodeJS.ProcessEnv = ghostEnv()) {
  return spawnSync(process.execPath, [GHOST, ...args], { cwd: ROOT, encoding: 'utf8', env, timeout: 110_000 });
}

/** `ghost` in the background, in its own process group (so the test can kill -9 all of it). */
export function ghostInBackground(
  args: string[],
  env: NodeJS.ProcessEnv = ghostEnv(),
): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, [GHOST, ...args], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  return Object.assign(child, { output: () => out });
}

export function git(dir: string, args: string[]): string {
  return spawnSync('git', args, { cwd: dir, encoding: 'utf8' }).stdout ?? '';
}

export async function until(check: () => boolean, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((r) => child.once('exit', (code) => r(code)));
}

export const sh = (script: string, timeoutMs?: number) =>
  call('run_command', { argv: ['sh', '-c', script], ...(timeoutMs ? { timeout_ms: timeoutMs } : {}) });

/** A session file for the roman plan: `tasks[id]` replaces that task's default session body. */
export function romanSessionFile(
  file: string,
  tasks: Partial<Record<string, string[]>>,
  tail: string[] = [session('reviewer', 'review-1'), verdict('approve')],
): string {
  const ids = ['01-scaffold', '02-fn-to_roman', '03-fn-from_roman', '04-integration'];
  const lines = ids.flatMap((id) => [session('implementer', id), ...(tasks[id] ?? []), finish()]);
  writeFileSync(file, [...lines, ...tail].join('\n'));
  return file;
}

export const buildArgs = (sessionFile: string, out: string, ...more: string[]) => [
  'build',
  'specs/roman.md',
  '--lang',
  'python',
  '--provider',
  'scripted',
  '--session',
  sessionFile,
  '--out',
  out,
  '--max-rounds',
  '1',
  ...more,
];

export const noStackTrace = (text: string) => !/\n\s+at /.test(text) && !/internal error/.test(text);
export { existsSync };
