// Where each language's driver lives, how to start it, and the jail an implementation runs in.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, type Dirent } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../util/errors.js';
import { allowListedEnv, JAIL_GHOST_ROOT, JAIL_HOME, runtimeBinds, type JailOptions } from '../process/index.js';
import type { Spec } from '../spec/types.js';
import type { Implementation } from './detect.js';
import { findLanguage } from '../languages/index.js';

/** conformance/drivers/ of this package (same depth from src/ and dist/). */
export const DRIVERS_DIR = fileURLToPath(new URL('../../conformance/drivers/', import.meta.url));
/** Where a language's driver directory appears inside the jail (never ghost's checkout). */
const JAIL_DRIVERS_DIR = `${JAIL_GHOST_ROOT}/conformance/drivers`;

/** The driver directory for `language`: the language table's `driver`. */
function driverDir(language: string): string {
  return findLanguage(language)?.driver ?? language;
}

/**
 * Time a driver may take to start and load the implementation, on top of the per-case timeout:
 * process start-up, tsx's transform for TypeScript, javac for Java (first run; later runs hit
 * the compile cache). An implementation that hangs at import is stopped after
 * `timeoutMs + allowance`, not after a fixed 30 s.
 */
const STARTUP_ALLOWANCE_MS: Record<string, number> = {
  javascript: 10_000,
  typescript: 15_000,
  python: 10_000,
  java: 60_000,
  go: 120_000,
  rust: 120_000,
};

export function handshakeTimeoutMs(language: string, timeoutMs: number, sandbox = false): number {
  return timeoutMs + (STARTUP_ALLOWANCE_MS[language] ?? 15_000) + (sandbox ? 2_000 : 0);
}

/** The argv that starts the driver for `language`; `jailed`: as seen from inside the jail. */
export function driverCommand(language: string, jailed = false): string[] {
  const dir = path.join(DRIVERS_DIR, driverDir(language));
  const candidates: Array<[string, string[]]> = [
    ['driver.mjs', [process.execPath]],
    ['driver.js', [process.execPath]],
    ['driver.py', [process.env.GHOST_PYTHON ?? 'python3']],
    ['driver.rb', [process.env.GHOST_RUBY ?? 'ruby']],
    ['driver.sh', ['bash']],
  ];
  for (const [file, prefix] of candidates) {
    const p = path.join(dir, file);
    if (existsSync(p)) return [...prefix, jailed ? `${JAIL_DRIVERS_DIR}/${driverDir(language)}/${file}` : p];
  }
  throw new UserError(`no conformance driver for language "${language}" (looked in ${dir})`);
}

/** Names the runtimes themselves read (unjailed they pick the user's JDK or venv). */
const RUNTIME_VARS = ['JAVA_HOME', 'VIRTUAL_ENV', 'PYENV_ROOT', 'PYENV_VERSION'];

/**
 * The environment anything run from the implementation gets, on top of the allow-list base
 * (src/process/env.ts): GHOST_* for the driver, bytecode caches off, and the user's explicit
 * allowances. Never ghost's own environment.
 */
export function driverEnv(impl: Implementation, functions: string[], envAllow: readonly string[] = []) {
  return {
    env: {
      GHOST_IMPL_DIR: impl.dir,
      GHOST_ENTRY: impl.entry,
      GHOST_FUNCTIONS: JSON.stringify(functions),
      GHOST_NAME_MAP: JSON.stringify(impl.names),
      ...(impl.keyStyle ? { GHOST_KEY_STYLE: impl.keyStyle } : {}),
      ...Object.fromEntries(
        Object.entries(findLanguage(impl.language)?.env ?? {}).map(([k, v]) => [k, v.replaceAll('<impl>', impl.dir)]),
      ),
      // No caches of compiled code: Python writes no byte code, tsx keeps no transpile cache
      // (its cache in the shared tmpdir could be seeded with forged output for a later run).
      PYTHONDONTWRITEBYTECODE: '1',
      TSX_DISABLE_CACHE: '1',
      PYTHONUNBUFFERED: '1',
    },
    envAllow: [...RUNTIME_VARS, ...envAllow],
  };
}

/** Every file the spec was read from: masked inside the jail if a bind would show one. */
export function specFiles(spec: Spec): string[] {
  const files = new Set<string>();
  if (spec.file) files.add(path.resolve(spec.file));
  for (const c of spec.cases) if (c.location?.file) files.add(path.resolve(c.location.file));
  return [...files];
}

/**
 * The jail for an implementation: its language runtime, the implementation directory
 * (read-only while cases run, so nothing a case learns survives it; writable only for its own
 * build step), the driver at a fixed path, the spec's files masked.
 */
export function implementationJail(impl: Implementation, spec: Spec, opts: { writable?: boolean } = {}): JailOptions {
  const lang = driverDir(impl.language);
  const driver = existsSync(path.join(DRIVERS_DIR, lang))
    ? [{ from: path.join(DRIVERS_DIR, lang), to: `${JAIL_DRIVERS_DIR}/${lang}` }]
    : [];
  return {
    runtimes: [impl.language],
    ...(opts.writable ? { writable: [impl.dir] } : { readOnly: [impl.dir] }),
    mapped: [...driver, ...(lang === 'java' ? javaDriverCache() : [])],
    // ghost's own notes in the implementation (last failures name hidden cases; a build's
    // state) are not the implementation's to read at run time
    // and no bytecode the implementation brought along: Python would run a stale or forged
    // .pyc in preference to its source (the jail writes none: PYTHONDONTWRITEBYTECODE)
    hide: [
      ...specFiles(spec),
      path.join(impl.dir, '.ghost'),
      ...(impl.language === 'python' ? pycacheDirs(impl.dir) : []),
    ],
  };
}

let javaCache: Array<{ from: string; to: string }> | undefined;

/**
 * The Java driver compiles GhostDriver.java once into ~/.cache/ghost/; inside the jail HOME is
 * empty, so every driver start would compile it again (seconds). Compile it outside, once,
 * by running the driver on an empty directory (only ghost's own code runs), and show the
 * compiled classes to the jail read-only.
 */
function javaDriverCache(): Array<{ from: string; to: string }> {
  if (javaCache) return javaCache;
  const root = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'ghost');
  const compiled = () =>
    existsSync(root)
      ? readdirSync(root).filter(
          (d) => d.startsWith('java-driver-') && existsSync(path.join(root, d, 'GhostDriver.class')),
        )
      : [];
  // once per process: cheap when the classes are already there (the driver finds them and
  // stops at the empty directory), and only the driver knows its cache key
  {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'ghost-java-warm-'));
    try {
      spawnSync('sh', [path.join(DRIVERS_DIR, 'java', 'driver.sh')], {
        cwd: empty,
        // the same JAVA_HOME as in the jail: the driver keys its cache by the javac it uses
        env: allowListedEnv({
          allow: ['XDG_CACHE_HOME'],
          set: {
            ...runtimeBinds('java').env,
            GHOST_IMPL_DIR: empty,
            GHOST_ENTRY: '',
            GHOST_FUNCTIONS: '[]',
            GHOST_NAME_MAP: '{}',
          },
        }),
        stdio: 'ignore',
        timeout: 120_000,
      });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  }
  javaCache = compiled().map((d) => ({ from: path.join(root, d), to: `${JAIL_HOME}/.cache/ghost/${d}` }));
  return javaCache;
}

/** `__pycache__` directories under `dir` (bounded walk; vendored trees can be large). */
function pycacheDirs(dir: string, limit = 10_000): string[] {
  const found: string[] = [];
  const stack = [dir];
  let seen = 0;
  while (stack.length > 0 && seen < limit) {
    const d = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      seen++;
      if (!e.isDirectory() || e.name === '.git' || e.name === 'node_modules') continue;
      const p = path.join(d, e.name);
      if (e.name === '__pycache__') found.push(p);
      else stack.push(p);
    }
  }
  return found;
}
