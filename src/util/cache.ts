// The user's cache directory for ghost's own bookkeeping (never inside an implementation, where
// an agent could read it): $XDG_CACHE_HOME/ghost, else ~/.cache/ghost. The Java driver compiles
// into the same place (conformance/drivers/java/driver.sh).
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'ghost');
}

/** A short stable key for a tuple of paths (resolved), for per-(spec, implementation) files. */
export function pathKey(...paths: string[]): string {
  return createHash('sha256')
    .update(paths.map((p) => path.resolve(p)).join('\0'))
    .digest('hex')
    .slice(0, 16);
}
