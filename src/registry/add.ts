// `ghost add SOURCE`: fetch a spec, copy it and its case files into specs/<name>/, and record
// where it came from in ghost.lock. A different spec already under that name needs --force.
import { existsSync } from 'node:fs';
import { copyFile, lstat, mkdir, readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../util/errors.js';
import { compareTrees, describeDrift, hashFiles, hashOfHashes, hasDrift } from './hash.js';
import { DEFAULT_LOCK, insideBase, readLock, writeLock, type LockEntry } from './lock.js';
import type { NpmOptions } from './npm.js';
import { MANIFEST_FILE, type GhostManifest } from './pack.js';
import { fetchSource, findSpecFile } from './source.js';
import { loadValidSpec, specFiles, toPosix } from './spec-files.js';

export interface AddOptions {
  /** Folder that receives specs/<name>/ (default `specs`, relative to the lock's folder). */
  dir?: string;
  lockFile?: string;
  force?: boolean;
  npm?: NpmOptions;
}

export interface AddResult {
  name: string;
  version: string;
  dir: string;
  entry: LockEntry;
  /** `unchanged`: the same spec was already there. */
  status: 'added' | 'replaced' | 'unchanged';
}

async function checkManifest(dir: string, files: Record<string, string>, source: string): Promise<void> {
  const file = path.join(dir, MANIFEST_FILE);
  if (!existsSync(file)) return;
  const manifest = JSON.parse(await readFile(file, 'utf8')) as GhostManifest;
  const drift = compareTrees(manifest.files ?? {}, files);
  if (hasDrift(drift))
    throw new UserError(`${source}: files do not match its ${MANIFEST_FILE} (${describeDrift(drift)})`, 1);
}

export async function add(sourceArg: string, o: AddOptions = {}): Promise<AddResult> {
  const lockFile = path.resolve(o.lockFile ?? DEFAULT_LOCK);
  const base = path.dirname(lockFile);
  const lock = await readLock(lockFile);
  const fetched = await fetchSource(sourceArg, { base, ...(o.npm ? { npm: o.npm } : {}) });
  try {
    const specRel = await findSpecFile(fetched);
    const spec = await loadValidSpec(path.join(fetched.dir, specRel));
    const name = spec.meta.name;
    const specDir = path.dirname(path.resolve(spec.file));
    const rels = specFiles(spec);
    // A fetched package is untrusted: a symlink named like a case file could pull in any local file.
    for (const rel of rels) {
      if (fetched.kind !== 'path' && (await lstat(path.join(specDir, ...rel.split('/')))).isSymbolicLink()) {
        throw new UserError(`${fetched.source}: ${rel} is a symbolic link; a spec package must hold plain files`, 1);
      }
    }
    const own = await hashFiles(specDir, rels);
    await checkManifest(fetched.dir, own, fetched.source);

    const targetDir = path.resolve(base, o.dir ?? 'specs', name);
    const relTarget = toPosix(path.relative(base, targetDir));
    const files = Object.fromEntries(Object.entries(own).map(([k, v]) => [`${relTarget}/${k}`, v]));
    const entry: LockEntry = {
      source: fetched.source,
      version: fetched.version ?? spec.meta.version ?? '0.0.0',
      ...(fetched.resolved ? { resolved: fetched.resolved } : {}),
      integrity: fetched.integrity ?? hashOfHashes(own),
      spec: `${relTarget}/${rels[0]!}`,
      files,
    };
    const previous = lock.libraries[name];
    if (previous && previous.integrity === entry.integrity && !hasDrift(compareTrees(previous.files, files))) {
      return { name, version: entry.version, dir: targetDir, entry: previous, status: 'unchanged' };
    }
    // Adding the copy already in specs/<name>/ (a spec written in place): nothing to copy, and
    // copying a file onto itself would truncate it.
    const inPlace = path.resolve(specDir) === targetDir;
    const occupied = !inPlace && existsSync(targetDir) && (await readdir(targetDir)).length > 0;
    if ((previous || occupied) && !o.force) {
      const what = previous ? `${name} ${previous.version} (${previous.source})` : `files`;
      throw new UserError(
        `${relTarget} already holds ${what}; pass --force to replace it with ${name} ${entry.version} (${entry.source})`,
      );
    }
    // Replace only what the lock says we put there: a stray file of the user's survives.
    if (!inPlace)
      for (const f of Object.keys(previous?.files ?? {})) await rm(insideBase(base, f, 'files'), { force: true });
    if (!inPlace)
      for (const rel of rels) {
        const target = path.join(targetDir, ...rel.split('/'));
        await mkdir(path.dirname(target), { recursive: true });
        await copyFile(path.join(specDir, ...rel.split('/')), target);
      }
    // A previous build record stays: `ghost build --vendor` uses its task hashes to rebuild only
    // what the new spec changed, and `ghost verify` reports it stale until then.
    if (previous?.build) entry.build = previous.build;
    lock.libraries[name] = entry;
    await writeLock(lockFile, lock);
    return { name, version: entry.version, dir: targetDir, entry, status: previous || occupied ? 'replaced' : 'added' };
  } finally {
    await fetched.cleanup();
  }
}
