// What each language's runtime needs to be visible inside the jail, in one small table: the
// interpreter's real prefix (python3 may be a pyenv shim whose versions live under a HOME),
// the JDK, node, and for TypeScript the tsx package closure (esbuild in it) — bound at a fixed path
// (/opt/ghost/node_modules), never ghost's checkout, which holds specs with hidden cases.
// Resolution runs ghost's own trusted runtimes once per process and is cached.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface RuntimeBinds {
  /** Host paths bound read-only at the same path. */
  readOnly: string[];
  /** Host path → jail path, read-only. */
  mapped: Array<{ from: string; to: string }>;
  /** Directories put first on the jail's PATH. */
  path: string[];
  /** Variables the runtime needs (JAVA_HOME, ...). */
  env: Record<string, string>;
}

/** Where ghost's own files appear inside the jail. */
export const JAIL_GHOST_ROOT = '/opt/ghost';
/** The jail's private HOME (a tmpfs). */
export const JAIL_HOME = '/home/ghost';

const empty = (): RuntimeBinds => ({ readOnly: [], mapped: [], path: [], env: {} });

function real(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

/** A program's real path, found like a shell would (a name with `/` is relative to `cwd`). */
export function which(cmd: string, cwd = process.cwd()): string | undefined {
  const file = (p: string) => {
    const r = real(p);
    return r && statSync(r).isFile() ? r : undefined;
  };
  if (cmd.includes('/')) return file(path.resolve(cwd, cmd));
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (!dir) continue;
    const p = file(path.join(dir, cmd));
    if (p) return p;
  }
  return undefined;
}

function python(): RuntimeBinds {
  const exe = process.env.GHOST_PYTHON ?? 'python3';
  const r = spawnSync(exe, ['-c', 'import json,sys;print(json.dumps([sys.executable,sys.prefix,sys.base_prefix]))'], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  const b = empty();
  b.env.PYTHONDONTWRITEBYTECODE = '1';
  b.env.PYTHONNOUSERSITE = '1';
  if (r.status !== 0) return b;
  try {
    const [executable, prefix, basePrefix] = JSON.parse(r.stdout) as string[];
    for (const p of new Set([prefix, basePrefix])) if (p) b.readOnly.push(p);
    if (executable) b.path.push(path.dirname(executable));
  } catch {
    /* leave the system python to PATH */
  }
  return b;
}

function node(): RuntimeBinds {
  const b = empty();
  const exe = real(process.execPath) ?? process.execPath;
  b.readOnly.push(path.dirname(path.dirname(exe)));
  b.path.push(path.dirname(process.execPath), path.dirname(exe));
  return b;
}

/** A package and its (optional) dependencies, resolved the way Node would from `fromDir`. */
function packageClosure(name: string, fromFile: string, seen = new Map<string, string>()): Map<string, string> {
  if (seen.has(name)) return seen;
  let dir: string;
  try {
    dir = path.dirname(createRequire(fromFile).resolve(`${name}/package.json`));
  } catch {
    return seen; // optional dependency for another platform
  }
  seen.set(name, dir);
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
    dependencies?: object;
    optionalDependencies?: object;
  };
  for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies }))
    packageClosure(dep, path.join(dir, 'package.json'), seen);
  return seen;
}

/**
 * esbuild's command line: ghost's own copy, where the jail maps it (tsx depends on it, so
 * typescript() maps it too) or where it lies on the host. It bundles a TypeScript program
 * once, inside the jail, so each case starts plain node. Its install replaces the JS launcher
 * `bin/esbuild` with the native binary where it can; a launcher left in place runs with node.
 */
export function esbuildCli(jailed: boolean): string[] {
  const file = jailed ? `${JAIL_GHOST_ROOT}/node_modules/esbuild/bin/esbuild` : esbuildOnHost().file;
  return esbuildOnHost().script ? [process.execPath, file] : [file];
}

let esbuildHost: { file: string; script: boolean } | undefined;
/** Where ghost's esbuild lies, and whether it is the JS launcher: its first two bytes, read once. */
function esbuildOnHost(): { file: string; script: boolean } {
  if (esbuildHost) return esbuildHost;
  const file = path.join(path.dirname(createRequire(import.meta.url).resolve('esbuild/package.json')), 'bin/esbuild');
  const head = Buffer.alloc(2);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 2, 0);
  } finally {
    closeSync(fd);
  }
  esbuildHost = { file, script: head.toString('latin1') === '#!' };
  return esbuildHost;
}

function typescript(): RuntimeBinds {
  const b = node();
  for (const [name, dir] of packageClosure('tsx', import.meta.url)) {
    b.mapped.push({ from: dir, to: `${JAIL_GHOST_ROOT}/node_modules/${name}` });
  }
  return b;
}

function java(): RuntimeBinds {
  const b = empty();
  // The Java driver keys its compiled classes by the javac path it uses ($JAVA_HOME/bin/javac,
  // else `command -v javac`): the jail keeps the user's choice verbatim, so jailed and unjailed
  // runs share one cache entry.
  const userHome =
    process.env.JAVA_HOME && existsSync(path.join(process.env.JAVA_HOME, 'bin/javac'))
      ? process.env.JAVA_HOME
      : undefined;
  const javac = userHome ? real(path.join(userHome, 'bin/javac')) : which('javac');
  if (!javac) return b;
  b.readOnly.push(path.dirname(path.dirname(javac)));
  if (userHome) {
    b.readOnly.push(userHome);
    b.path.push(path.join(userHome, 'bin'));
    b.env.JAVA_HOME = userHome;
  }
  // Debian's JDK links its conf/ into /etc/java-N-openjdk
  try {
    for (const e of readdirSync('/etc')) if (e.startsWith('java')) b.readOnly.push(`/etc/${e}`);
  } catch {
    /* no /etc */
  }
  return b;
}

/** rustup's proxies (cargo, rustc) and the toolchains they pick, read-only. */
function rust(): RuntimeBinds {
  const b = empty();
  const cargo = which('cargo');
  if (!cargo) return b;
  const bin = path.dirname(cargo);
  b.readOnly.push(bin);
  b.path.push(bin);
  const rustup = process.env.RUSTUP_HOME ?? path.join(path.dirname(bin), '..', '.rustup');
  const home = real(rustup) ?? real(path.join(process.env.HOME ?? '/root', '.rustup'));
  if (home) {
    b.readOnly.push(home);
    b.env.RUSTUP_HOME = home;
  }
  return b;
}

/** Language → what its runtime needs. Keys are the conformance language names. */
const RUNTIMES: Record<string, () => RuntimeBinds> = {
  python,
  javascript: node,
  typescript,
  java,
  rust,
};

const cache = new Map<string, RuntimeBinds>();

/** The binds for `language` (empty for a language not in the table: /usr is always there). */
export function runtimeBinds(language: string): RuntimeBinds {
  let b = cache.get(language);
  if (!b) {
    b = (RUNTIMES[language] ?? empty)();
    cache.set(language, b);
  }
  return b;
}
