// Where each language's driver lives and how to start it, plus the sandbox wrapper.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../util/errors.js';
import { scrubbedEnv } from '../util/env.js';
import type { Implementation } from './detect.js';

/** conformance/drivers/ of this package (same depth from src/ and dist/). */
export const DRIVERS_DIR = fileURLToPath(new URL('../../conformance/drivers/', import.meta.url));

const DRIVER_LANG: Record<string, string> = { javascript: 'javascript', typescript: 'javascript', python: 'python', java: 'java' };

/**
 * Time a driver may take to start and load the implementation, on top of the per-case timeout:
 * process start-up, tsx's transform for TypeScript, javac for Java (first run; later runs hit
 * the compile cache). An implementation that hangs at import is stopped after
 * `timeoutMs + allowance`, not after a fixed 30 s.
 */
const STARTUP_ALLOWANCE_MS: Record<string, number> = { javascript: 10_000, typescript: 15_000, python: 10_000, java: 60_000 };

export function handshakeTimeoutMs(language: string, timeoutMs: number, sandbox = false): number {
  return timeoutMs + (STARTUP_ALLOWANCE_MS[language] ?? 15_000) + (sandbox ? 2_000 : 0);
}

/** The argv that starts the driver for `language`. */
export function driverCommand(language: string): string[] {
  const dir = path.join(DRIVERS_DIR, DRIVER_LANG[language] ?? language);
  const candidates: Array<[string, string[]]> = [
    ['driver.mjs', [process.execPath]],
    ['driver.js', [process.execPath]],
    ['driver.py', [process.env.GHOST_PYTHON ?? 'python3']],
    ['driver.sh', ['bash']],
  ];
  for (const [file, prefix] of candidates) {
    const p = path.join(dir, file);
    if (existsSync(p)) return [...prefix, p];
  }
  throw new UserError(`no conformance driver for language "${language}" (looked in ${dir})`);
}

/** Environment for anything run from the implementation: credentials scrubbed, GHOST_* set. */
export function driverEnv(impl: Implementation, functions: string[]): NodeJS.ProcessEnv {
  return {
    ...scrubbedEnv(),
    GHOST_IMPL_DIR: impl.dir,
    GHOST_ENTRY: impl.entry,
    GHOST_FUNCTIONS: JSON.stringify(functions),
    GHOST_NAME_MAP: JSON.stringify(impl.names),
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONUNBUFFERED: '1',
  };
}

function bwrapPath(): string {
  return process.env.GHOST_BWRAP || 'bwrap';
}

/** ghost's own files (drivers, tsx): the sandbox must still see them when ghost lives under /tmp. */
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');

function bwrapArgs(implDir: string): string[] {
  // Later binds overlay earlier ones: the private /tmp must not hide ghost itself or the
  // implementation when either lives below /tmp (CI clones often do).
  const underTmp = PACKAGE_ROOT === '/tmp' || PACKAGE_ROOT.startsWith('/tmp/');
  return [
    '--unshare-net',
    '--unshare-pid',
    '--die-with-parent',
    '--ro-bind', '/', '/',
    '--dev', '/dev',
    '--proc', '/proc',
    '--tmpfs', '/tmp',
    ...(underTmp ? ['--ro-bind', PACKAGE_ROOT, PACKAGE_ROOT] : []),
    '--bind', implDir, implDir,
    '--chdir', implDir,
  ];
}

let sandboxChecked: string | undefined;

/** Throws UserError (exit 2) unless bubblewrap can create the namespaces it needs here. */
export function checkSandbox(implDir: string): void {
  const bwrap = bwrapPath();
  if (sandboxChecked === bwrap) return;
  const r = spawnSync(bwrap, [...bwrapArgs(implDir), '--', 'true'], { encoding: 'utf8', timeout: 10_000 });
  if (r.error || r.status !== 0) {
    const why = r.error ? (r.error as NodeJS.ErrnoException).code === 'ENOENT' ? `${bwrap} not found` : r.error.message : (r.stderr || '').trim();
    throw new UserError(`--sandbox needs bubblewrap: apt-get install bubblewrap (${why || `${bwrap} exited ${r.status}`})`);
  }
  sandboxChecked = bwrap;
}

/** `command` wrapped in bubblewrap: no network, read-only /, writable impl dir, private /tmp. */
export function sandboxed(command: string[], implDir: string): string[] {
  return [bwrapPath(), ...bwrapArgs(implDir), '--', ...command];
}
