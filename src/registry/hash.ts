// Content hashes for provenance: sha256 per file, a tree hash over a directory's files, and
// SRI sha512 for tarballs (what npm itself records as `integrity`).
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
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
  return `sha256-${sha256(Object.keys(files).sort().map((k) => `${k}\0${files[k]}\n`).join(''))}`;
}

// Build and runtime leftovers that appear when vendored code is merely run (Python byte code,
// the Java driver's compile cache, installed node modules). The build repo's .gitignore keeps
// them out of the build commits, so they are not part of a vendored tree either.
const IGNORED_DIRS = new Set(['.git', '__pycache__', 'node_modules', '.ghost-build', 'out', 'target']);
const IGNORED_FILE = /\.(pyc|class)$/;

export function isIgnored(rel: string): boolean {
  const parts = rel.split('/');
  return parts.slice(0, -1).some((p) => IGNORED_DIRS.has(p)) || IGNORED_FILE.test(parts.at(-1) ?? '');
}

/** Every file under `dir` (posix paths, sorted), minus the ignored leftovers above. */
export async function listTree(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!IGNORED_DIRS.has(e.name)) await walk(child);
      } else if (!isIgnored(child)) out.push(child);
    }
  };
  await walk('');
  return out.sort();
}

export async function hashTree(dir: string): Promise<{ tree: Record<string, string>; treeHash: string }> {
  const tree = await hashFiles(dir, await listTree(dir));
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
