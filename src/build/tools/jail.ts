// Path confinement for agent tools: every path an agent names is relative to the build repo
// and must stay inside it, also through symlinks. `.git/` is off-limits for writes.
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';

export class JailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JailError';
  }
}

export interface ResolvedPath {
  /** Absolute path (lexically inside the root). */
  abs: string;
  /** Repo-relative, forward slashes; `.` for the root itself. */
  rel: string;
}

function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The realpath of `p`'s nearest existing ancestor (or `p` itself). */
function realAncestor(p: string): string {
  let cur = p;
  for (;;) {
    if (existsSync(cur)) return realpathSync(cur);
    if (isLink(cur)) throw new JailError(`dangling symlink on the path: ${cur}`);
    const up = path.dirname(cur);
    if (up === cur) return cur;
    cur = up;
  }
}

/**
 * Resolve an agent-supplied path inside `root`. Refuses absolute paths, `..` escapes,
 * symlinks that lead outside the root, and (for `write`) anything under `.git/`.
 */
export function resolveInJail(
  root: string,
  input: unknown,
  opts: { write?: boolean; readOnly?: readonly string[] } = {},
): ResolvedPath {
  if (typeof input !== 'string' || input.trim() === '') throw new JailError('path must be a non-empty string');
  if (input.includes('\0')) throw new JailError(`path contains a NUL byte: ${JSON.stringify(input)}`);
  if (path.isAbsolute(input) || /^[a-zA-Z]:[\\/]/.test(input) || input.startsWith('~')) {
    throw new JailError(`absolute paths are not allowed (${input}); use a path relative to the repository root`);
  }
  const rootAbs = path.resolve(root);
  const abs = path.resolve(rootAbs, input);
  if (!isInside(rootAbs, abs)) throw new JailError(`path escapes the repository: ${input}`);
  const rootReal = realpathSync(rootAbs);
  const real = realAncestor(abs);
  if (!isInside(rootReal, real)) throw new JailError(`path escapes the repository through a symlink: ${input}`);
  const rel = path.relative(rootAbs, abs).split(path.sep).join('/') || '.';
  if (opts.write) {
    const lexical = rel.toLowerCase();
    const resolved = path.relative(rootReal, real).split(path.sep).join('/').toLowerCase();
    const under = (p: string, prefix: string) => p === prefix || p.startsWith(`${prefix}/`);
    if (under(lexical, '.git') || under(resolved, '.git')) throw new JailError(`.git/ is off-limits: ${input}`);
    for (const ro of opts.readOnly ?? []) {
      const prefix = ro.replace(/\/+$/, '').toLowerCase();
      if (under(lexical, prefix) || under(resolved, prefix))
        throw new JailError(`${ro}/ is read-only for agents: ${input}`);
    }
    if (rel === '.') throw new JailError('cannot write to the repository root itself');
  }
  return { abs, rel };
}
