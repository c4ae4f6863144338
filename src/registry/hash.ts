// Content hashes for provenance: sha256 per file, a tree hash over a directory's files, and
// SRI sha512 for tarballs (what npm itself records as `integrity`).
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';

export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

export const sri512 = (data: Buffer): string => `sha512-${createHash('sha512').update(data).digest('base64')}`;

export async function sha256File(file: string): Promise<string> {
  return sha256(await readFile(file));
}

/** sha256 of each listed file (paths relative to `root`, posix), keys sorted. */
export async function hashFiles(root: string, rels: readonly string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const rel of [...rels].sort()) out[rel] = await sha256File(path.join(root, ...rel.split('/')));
  return out;
}

/**
 * One hash for a {path: sha256} map. Lines are `path\0hash\n` in sorted path order, so a
 * rename, an addition or an edit all change it, and key order in the JSON never matters.
 */
export function hashOfHashes(files: Record<string, string>): string {
  return `sha256-${sha256(
    Object.keys(files)
      .sort()
      .map((k) => `${k}\0${files[k]}\n`)
      .join(''),
  )}`;
}

// Build and runtime leftovers that appear when code is merely run (Python byte code, the Java
// driver's compile cache, installed node modules). A vendored tree never holds them (it is the
// build repo's tracked files), so they are *not* skipped when hashing: one appearing in
// vendor/ is drift like any other file. They are only stripped from the scratch copy that
// `ghost verify` runs, so nothing precompiled is trusted.
const LEFTOVER_DIRS = new Set(['__pycache__', 'node_modules', '.ghost-build', 'out', 'target']);
const LEFTOVER_FILE = /\.(pyc|pyo|class)$/;

export function isBuildLeftover(rel: string): boolean {
  const parts = rel.split('/');
  return parts.some((p) => LEFTOVER_DIRS.has(p)) || LEFTOVER_FILE.test(parts.at(-1) ?? '');
}

/** Every entry under `dir` that is not a directory (posix paths, sorted); symlinks are not followed. */
export async function listTree(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(child);
      else out.push(child);
    }
  };
  await walk('');
  return out.sort();
}

/**
 * What a tree entry is, as one string: a regular file's sha256 (`+x` appended when it is
 * executable: git keeps that bit, so it is part of the code), `symlink:<sha256 of the target>`,
 * or `special:<kind>` (FIFO, socket, device: never part of a build).
 */
export async function entryHash(file: string): Promise<string> {
  const st = await lstat(file);
  if (st.isSymbolicLink()) return `symlink:${sha256(await readlink(file))}`;
  if (!st.isFile()) return `special:${st.isFIFO() ? 'fifo' : st.isSocket() ? 'socket' : 'device'}`;
  return `${await sha256File(file)}${st.mode & 0o111 ? '+x' : ''}`;
}

/** Why a tree entry differs from the recorded one, in words. */
export function describeChange(recorded: string, actual: string): string {
  if (actual.startsWith('symlink:') && !recorded.startsWith('symlink:')) return 'replaced by a symbolic link';
  if (recorded.startsWith('symlink:'))
    return actual.startsWith('symlink:') ? 'symbolic link retargeted' : 'no longer a symbolic link';
  if (actual.startsWith('special:')) return `replaced by a ${actual.slice(8)}`;
  if (recorded.replace(/\+x$/, '') === actual.replace(/\+x$/, ''))
    return actual.endsWith('+x') ? 'made executable' : 'no longer executable';
  return 'content changed';
}

export async function hashTree(dir: string): Promise<{ tree: Record<string, string>; treeHash: string }> {
  const tree: Record<string, string> = {};
  for (const rel of await listTree(dir)) tree[rel] = await entryHash(path.join(dir, ...rel.split('/')));
  return { tree, treeHash: hashOfHashes(tree) };
}

export interface TreeDrift {
  changed: string[];
  added: string[];
  removed: string[];
}

/** What differs between a recorded {path: sha256} map and the files found now. */
export function compareTrees(recorded: Record<string, string>, actual: Record<string, string>): TreeDrift {
  const changed: string[] = [];
  const removed: string[] = [];
  for (const [p, h] of Object.entries(recorded)) {
    if (!(p in actual)) removed.push(p);
    else if (actual[p] !== h) changed.push(p);
  }
  const added = Object.keys(actual).filter((p) => !(p in recorded));
  return { changed: changed.sort(), added: added.sort(), removed: removed.sort() };
}

export const hasDrift = (d: TreeDrift): boolean => d.changed.length + d.added.length + d.removed.length > 0;

export function describeDrift(d: TreeDrift): string {
  const parts: string[] = [];
  if (d.changed.length) parts.push(`changed: ${d.changed.join(', ')}`);
  if (d.added.length) parts.push(`added: ${d.added.join(', ')}`);
  if (d.removed.length) parts.push(`removed: ${d.removed.join(', ')}`);
  return parts.join('; ');
}
