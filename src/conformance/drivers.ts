// Where each language's driver lives, how to start it, and the jail an implementation runs in.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../util/errors.js';
import { JAIL_GHOST_ROOT, type JailOptions } from '../process/index.js';
import type { Spec } from '../spec/types.js';
import type { Implementation } from './detect.js';

/** conformance/drivers/ of this package (same depth from src/ and dist/). */
export const DRIVERS_DIR = fileURLToPath(new URL('../../conformance/drivers/', import.meta.url));
/** Where a language's driver directory appears inside the jail (never ghost's checkout). */
const JAIL_DRIVERS_DIR = `${JAIL_GHOST_ROOT}/conformance/drivers`;

const DRIVER_LANG: Record<string, string> = { javascript: 'javascript', typescript: 'javascript', python: 'python', java: 'java' };

function driverDir(language: string): string {
  return DRIVER_LANG[language] ?? language;
}

/** The argv that starts the driver for `language`; `jailed`: as seen from inside the jail. */
export function driverCommand(language: string, jailed = false): string[] {
  const dir = path.join(DRIVERS_DIR, driverDir(language));
  const candidates: Array<[string, string[]]> = [
    ['driver.mjs', [process.execPath]],
    ['driver.js', [process.execPath]],
    ['driver.py', [process.env.GHOST_PYTHON ?? 'python3']],
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
      PYTHONDONTWRITEBYTECODE: '1',
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
  return {
    runtimes: [impl.language],
    ...(opts.writable ? { writable: [impl.dir] } : { readOnly: [impl.dir] }),
    mapped: existsSync(path.join(DRIVERS_DIR, lang)) ? [{ from: path.join(DRIVERS_DIR, lang), to: `${JAIL_DRIVERS_DIR}/${lang}` }] : [],
    // ghost's own notes in the implementation (last failures name hidden cases; a build's
    // state) are not the implementation's to read at run time
    hide: [...specFiles(spec), path.join(impl.dir, '.ghost')],
  };
}
