// Rust implementations: generate the harness crate (rust-harness.ts), compile it once per
// content hash with cargo (offline; serde/serde_json from Debian's librust-*-dev through a
// directory source replacement), and hand back the binary that speaks the driver protocol.
// A compile error becomes one DriverLoadError with the compiler's first errors (file:line),
// which the pool reports on the cases without recompiling per case.
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FunctionDecl } from '../spec/types.js';
import { runProcess, type SpawnOptions } from '../process/index.js';
import { DRIVERS_DIR } from './drivers.js';
import { DriverLoadError } from './driver-process.js';
import { generateRustHarness, type RustCrate } from './rust-harness.js';

/** Where Debian's librust-*-dev packages put crate sources (a cargo directory source). */
export const DEBIAN_CARGO_REGISTRY = process.env.GHOST_CARGO_REGISTRY ?? '/usr/share/cargo/registry';

const SKIP_DIRS = new Set(['target', '.git', '.ghost', '.ghost-build', 'node_modules']);

function walk(dir: string, rel = '', out: string[] = []): string[] {
  for (const name of readdirSync(path.join(dir, rel)).sort()) {
    if (SKIP_DIRS.has(name)) continue;
    const r = rel ? `${rel}/${name}` : name;
    const st = statSync(path.join(dir, r));
    if (st.isDirectory()) walk(dir, r, out);
    else if (st.isFile()) out.push(r);
  }
  return out;
}

/** `[package] name` of a Cargo.toml (a line scan: the harness needs nothing else from it). */
export function cargoPackageName(toml: string): string | undefined {
  let section = '';
  for (const raw of toml.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    const head = /^\[([^\]]+)\]$/.exec(line);
    if (head) section = head[1]!.trim();
    else if (section === 'package') {
      const m = /^name\s*=\s*"([^"]+)"/.exec(line);
      if (m) return m[1];
    }
  }
  return undefined;
}

/** Names of `pub fn` items in the crate's sources (`pub(crate)` ones are not reachable). */
export function publicFunctions(sources: string[]): Set<string> {
  const names = new Set<string>();
  for (const src of sources) {
    for (const m of src.matchAll(
      /\bpub\s+(?:const\s+|async\s+|unsafe\s+|extern\s+"[^"]*"\s+)*fn\s+(r#)?([A-Za-z_][A-Za-z0-9_]*)/g,
    ))
      names.add(m[2]!);
  }
  return names;
}

/** conformance/drivers/rust/: support.rs and its modules in support/ (relative path → text). */
function supportFiles(): Array<[string, string]> {
  const dir = path.join(DRIVERS_DIR, 'rust');
  return walk(dir)
    .filter((f) => f === 'support.rs' || /^support\/[a-z_]+\.rs$/.test(f))
    .map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]);
}

export interface RustBuild {
  binary: string;
  functions: Record<string, string>;
  /** Milliseconds spent compiling (0 on a cache hit). */
  compileMs: number;
  cached: boolean;
}

function cacheRoot(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'ghost', 'rust');
}

/** cargo's `--message-format short` errors, paths made relative to the implementation. */
export function compileErrorSummary(stderr: string, implDir: string): string {
  const lines = stderr
    .split('\n')
    .filter((l) => /\berror(\[E\d+\])?:/.test(l) && !/^error: could not compile/.test(l.trim()));
  const shown = (lines.length ? lines : stderr.trim().split('\n').slice(-10)).slice(0, 10);
  return shown.map((l) => l.split(`${implDir}/`).join('').trim()).join('\n');
}

/** What to do about a dependency cargo could not find offline (crates.io is not reachable). */
export function missingCrateHint(stderr: string): string {
  const m = /no matching package named `([\w-]+)` found|failed to select a version for the requirement `([\w-]+)/.exec(
    stderr,
  );
  const name = m?.[1] ?? m?.[2];
  if (!name) return '';
  const pkg = `librust-${name.replace(/_/g, '-')}-dev`;
  return `\n(crates come from Debian's packages in ${DEBIAN_CARGO_REGISTRY}, not crates.io: apt-get install ${pkg}${/^serde/.test(name) ? ' (the harness needs serde and serde_json)' : ''})`;
}

export interface RustBuildOptions {
  implDir: string;
  entry: string;
  names: Record<string, string>;
  functions: FunctionDecl[];
  env: Record<string, string | undefined>;
  /**
   * How to start cargo: the implementation's build scripts and proc macros run at compile time,
   * so the launcher jails it (the crate read-only, only `writable`, the cache, writable).
   */
  spawn: (argv: string[], cwd: string, env: Record<string, string | undefined>, writable: string[]) => SpawnOptions;
  timeoutMs?: number;
}

/** The harness binary for this implementation, compiled unless an identical one is cached. */
export async function buildRustHarness(o: RustBuildOptions): Promise<RustBuild> {
  const crateDir = path.resolve(
    o.implDir,
    o.entry && o.entry.endsWith('Cargo.toml') ? path.dirname(o.entry) : o.entry || '.',
  );
  const manifest = path.join(crateDir, 'Cargo.toml');
  if (!existsSync(manifest)) throw new DriverLoadError(`EntryNotFound: no Cargo.toml in ${crateDir}`);
  const packageName = cargoPackageName(readFileSync(manifest, 'utf8'));
  if (!packageName) throw new DriverLoadError(`DriverConfigError: ${manifest} has no [package] name`);
  const files = walk(crateDir);
  const sources = files.filter((f) => f.endsWith('.rs')).map((f) => readFileSync(path.join(crateDir, f), 'utf8'));
  const crate: RustCrate = { packageName, dir: crateDir, publicFns: publicFunctions(sources) };
  const harness = generateRustHarness(o.functions, crate, o.names, path.relative(o.implDir, manifest));
  const support = supportFiles();

  const hash = createHash('sha256');
  for (const [name, text] of support) hash.update(name).update('\0').update(text).update('\0');
  for (const part of [harness.mainRs, harness.cargoToml]) hash.update(part).update('\0');
  for (const f of files)
    hash
      .update(f)
      .update('\0')
      .update(readFileSync(path.join(crateDir, f)))
      .update('\0');
  const key = hash.digest('hex').slice(0, 24);
  // A bin name per key: the target dir is shared (dependencies compile once), so two runs
  // building different harnesses at once must not overwrite each other's binary.
  const binName = `ghost-harness-${key}`;
  const { cargoToml } = generateRustHarness(o.functions, crate, o.names, path.relative(o.implDir, manifest), binName);

  const root = cacheRoot();
  const keyed = path.join(root, key);
  const binary = path.join(keyed, 'ghost-harness');
  if (existsSync(binary)) return { binary, functions: harness.functions, compileMs: 0, cached: true };

  const src = path.join(keyed, 'src');
  mkdirSync(src, { recursive: true });
  writeFileSync(path.join(src, 'Cargo.toml'), cargoToml);
  writeFileSync(path.join(src, 'main.rs'), harness.mainRs);
  for (const [name, text] of support) {
    mkdirSync(path.dirname(path.join(src, name)), { recursive: true });
    writeFileSync(path.join(src, name), text);
  }
  // Our own CARGO_HOME: writable under the sandbox, no user config, crates.io replaced by the
  // Debian registry (no network here; crates.io is not reachable).
  const cargoHome = path.join(root, 'cargo-home');
  mkdirSync(cargoHome, { recursive: true });
  const config = existsSync(DEBIAN_CARGO_REGISTRY)
    ? `[source.crates-io]\nreplace-with = "debian"\n[source.debian]\ndirectory = ${JSON.stringify(DEBIAN_CARGO_REGISTRY)}\n[net]\noffline = true\n`
    : '[net]\noffline = true\n';
  writeFileSync(path.join(cargoHome, 'config.toml'), config);
  const targetDir = path.join(root, 'target');
  const env = {
    ...o.env,
    CARGO_HOME: cargoHome,
    CARGO_TARGET_DIR: targetDir,
    RUSTUP_HOME: process.env.RUSTUP_HOME ?? path.join(os.homedir(), '.rustup'),
    CARGO_TERM_COLOR: 'never',
  };
  const t0 = Date.now();
  const cmd = [
    'cargo',
    'build',
    '--release',
    '--offline',
    '--message-format',
    'short',
    '--manifest-path',
    path.join(src, 'Cargo.toml'),
  ];
  const run = await runProcess({
    ...o.spawn(cmd, src, env, [root]),
    input: '',
    timeoutMs: o.timeoutMs ?? 600_000,
    maxOutputBytes: 1 << 20,
  });
  const compileMs = Date.now() - t0;
  if (run.spawnError)
    throw new DriverLoadError(`RustUnavailable: could not run cargo (${run.spawnError}); install rustc and cargo`);
  if (run.timedOut) throw new DriverLoadError('CompileError: cargo build timed out');
  if (run.exitCode !== 0) {
    const hint = missingCrateHint(run.stderr);
    throw new DriverLoadError(`CompileError: ${compileErrorSummary(run.stderr, crateDir)}${hint}`);
  }
  const tmp = `${binary}.${process.pid}.tmp`;
  copyFileSync(path.join(targetDir, 'release', binName), tmp);
  renameSync(tmp, binary);
  return { binary, functions: harness.functions, compileMs, cached: false };
}
