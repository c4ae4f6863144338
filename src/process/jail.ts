// The jail: bubblewrap around every untrusted process. A new PID namespace (so /proc shows
// only the jail), every other namespace too (no network unless asked), a new session,
// --die-with-parent, no capabilities, and a filesystem made only of what the runtime needs
// (read-only), the implementation, the driver, and a private /tmp and HOME. The spec, its case
// files, the user's project and HOME and ghost's checkout are simply not there.
import { spawnSync } from 'node:child_process';
import { lstatSync, readlinkSync, statSync } from 'node:fs';
import path from 'node:path';
import { JAIL_HOME, runtimeBinds } from './runtimes.js';

export type Isolation = 'bubblewrap' | 'none';

export interface JailOptions {
  /** Runtimes to make visible (keys of the runtime table: python, javascript, typescript, java). */
  runtimes?: readonly string[];
  /** Host paths bound read-only at the same path. */
  readOnly?: readonly string[];
  /** Host paths bound read-write at the same path. */
  writable?: readonly string[];
  /** Host path → jail path, read-only (ghost's drivers, tsx). */
  mapped?: ReadonlyArray<{ from: string; to: string }>;
  /** Paths masked inside the jail: a file reads empty, a directory is empty. */
  hide?: readonly string[];
  /** Share the host network (exec agent CLIs need their model); default false. */
  network?: boolean;
}

/** Everything `bwrapArgs` needs, resolved (no file-system access left to do). */
export interface JailPlan {
  /** Host top-level entries that are symlinks (/bin → usr/bin on merged-/usr systems). */
  symlinks: Array<{ path: string; target: string }>;
  readOnly: string[];
  writable: string[];
  mapped: Array<{ from: string; to: string }>;
  hide: Array<{ path: string; dir: boolean }>;
  network: boolean;
  cwd: string;
  home: string;
}

/** System directories the dynamic loader and every runtime need. */
const SYSTEM_DIRS = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];
/** The /etc subset: loader config, users, time zone, certificates. Missing ones are skipped. */
const ETC = [
  'ld.so.cache',
  'ld.so.conf',
  'ld.so.conf.d',
  'alternatives',
  'localtime',
  'timezone',
  'passwd',
  'group',
  'nsswitch.conf',
  'ssl',
  'ca-certificates',
  'mime.types',
];
const ETC_NETWORK = ['resolv.conf', 'hosts', 'host.conf', 'gai.conf'];

const depth = (p: string) => p.split('/').length;

/** The bubblewrap arguments for a plan (pure; the unit tests read them). */
export function bwrapArgs(plan: JailPlan): string[] {
  const a: string[] = [
    '--unshare-all',
    ...(plan.network ? ['--share-net'] : []),
    '--die-with-parent',
    '--new-session',
    '--cap-drop',
    'ALL',
  ];
  for (const s of plan.symlinks) a.push('--symlink', s.target, s.path);
  a.push('--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp', '--tmpfs', plan.home);
  for (const e of [...ETC, ...(plan.network ? ETC_NETWORK : [])]) a.push('--ro-bind-try', `/etc/${e}`, `/etc/${e}`);
  // parents before children, so a bind below another one (an impl under /tmp) stays visible
  const binds = [
    ...plan.readOnly.map((p) => ({ op: '--ro-bind', from: p, to: p })),
    ...plan.mapped.map((m) => ({ op: '--ro-bind', from: m.from, to: m.to })),
    ...plan.writable.map((p) => ({ op: '--bind', from: p, to: p })),
  ].sort((x, y) => depth(x.to) - depth(y.to));
  const seen = new Set<string>();
  for (const b of binds) {
    const key = `${b.op} ${b.to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    a.push(b.op, b.from, b.to);
  }
  for (const h of plan.hide) a.push(...(h.dir ? ['--tmpfs', h.path] : ['--ro-bind', '/dev/null', h.path]));
  // the root itself is bwrap's tmpfs: read-only, so nothing can be planted outside /tmp and HOME
  a.push('--remount-ro', '/', '--chdir', plan.cwd);
  return a;
}

function isUnder(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Resolves `opts` for a process started in `cwd` (reads the file system: symlinks, runtimes). */
export function planJail(opts: JailOptions, cwd: string): JailPlan {
  const symlinks: JailPlan['symlinks'] = [];
  const readOnly: string[] = [];
  for (const dir of SYSTEM_DIRS) {
    try {
      const st = lstatSync(dir);
      if (st.isSymbolicLink()) symlinks.push({ path: dir, target: readlinkSync(dir) });
      else if (st.isDirectory()) readOnly.push(dir);
    } catch {
      /* absent here */
    }
  }
  const mapped = [...(opts.mapped ?? [])];
  for (const lang of opts.runtimes ?? []) {
    const r = runtimeBinds(lang);
    readOnly.push(...r.readOnly);
    mapped.push(...r.mapped);
  }
  readOnly.push(...(opts.readOnly ?? []));
  const all = [...readOnly, ...(opts.writable ?? []), ...mapped.map((m) => m.to)];
  const hide: JailPlan['hide'] = [];
  for (const h of opts.hide ?? []) {
    const abs = path.resolve(h);
    // only what a bind would otherwise show needs a mask (a mask elsewhere would create it)
    if (!all.some((b) => isUnder(b, abs))) continue;
    try {
      hide.push({ path: abs, dir: statSync(abs).isDirectory() });
    } catch {
      /* gone */
    }
  }
  return {
    symlinks,
    readOnly: [...new Set(readOnly)],
    writable: [...new Set(opts.writable ?? [])],
    mapped,
    hide,
    network: opts.network ?? false,
    cwd,
    home: JAIL_HOME,
  };
}

/** The jail's PATH: runtime bin directories first, then the system's. */
export function jailPath(opts: JailOptions): string {
  const dirs = (opts.runtimes ?? []).flatMap((l) => runtimeBinds(l).path);
  return [...new Set([...dirs, '/usr/local/bin', '/usr/bin', '/bin', '/usr/local/sbin', '/usr/sbin', '/sbin'])].join(
    ':',
  );
}

/** Variables the jail's runtimes need (JAVA_HOME, PYTHONDONTWRITEBYTECODE, ...). */
export function runtimeEnv(opts: JailOptions): Record<string, string> {
  return Object.assign({}, ...(opts.runtimes ?? []).map((l) => runtimeBinds(l).env)) as Record<string, string>;
}

export function bwrapPath(): string {
  return process.env.GHOST_BWRAP || 'bwrap';
}

export type JailProbe = { ok: true } | { ok: false; reason: string };

const probes = new Map<string, JailProbe>();

/**
 * Whether bubblewrap can build the jail here (installed, user namespaces allowed): tried once
 * per bwrap path and cached. `GHOST_NO_JAIL=1` answers no (bench and tests of the fallback).
 */
export function probeJail(): JailProbe {
  if (process.env.GHOST_NO_JAIL === '1') return { ok: false, reason: 'GHOST_NO_JAIL=1' };
  const bwrap = bwrapPath();
  let p = probes.get(bwrap);
  if (!p) {
    const plan = planJail({}, '/');
    const r = spawnSync(bwrap, [...bwrapArgs(plan), '--', 'true'], {
      encoding: 'utf8',
      timeout: 10_000,
      env: { PATH: '/usr/bin:/bin' },
    });
    if (r.error) {
      const code = (r.error as NodeJS.ErrnoException).code;
      p = { ok: false, reason: code === 'ENOENT' ? `${bwrap} not found` : r.error.message };
    } else if (r.status !== 0) {
      p = { ok: false, reason: (r.stderr || '').trim() || `${bwrap} exited ${r.status}` };
    } else {
      p = { ok: true };
    }
    probes.set(bwrap, p);
  }
  return p;
}

/** `argv` wrapped in bubblewrap for `opts`, started from `cwd`. */
export function jailArgv(argv: readonly string[], opts: JailOptions, cwd: string): string[] {
  return [bwrapPath(), ...bwrapArgs(planJail(opts, cwd)), '--', ...argv];
}
