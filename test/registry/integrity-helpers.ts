// Shared by the registry integrity tests (default and integration tiers): a vendored
// project with its lock, and hand-made tarballs.
import { cp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createGzip } from 'node:zlib';
import { Header } from 'tar';
import { hashTree, stringifyLock, type Lock } from '../../src/registry/index.js';
import { hashFiles } from '../../src/registry/hash.js';
import { loadSpec } from '../../src/spec/index.js';
import { FIXTURES, tempProject, TINY } from './helpers.js';

/** A project with specs/tiny, vendor/tiny (a Python implementation) and a lock recording both. */
export async function vendoredProject(): Promise<{ dir: string; lockFile: string; vendor: string }> {
  const dir = await tempProject();
  await cp(TINY, path.join(dir, 'specs/tiny'), { recursive: true });
  const vendor = path.join(dir, 'vendor/tiny');
  await cp(path.join(FIXTURES, 'vendored-python'), vendor, { recursive: true });
  const { spec } = await loadSpec(path.join(dir, 'specs/tiny/tiny.md'));
  const own = await hashFiles(path.join(dir, 'specs/tiny'), ['tiny.md', 'cases/hidden.yaml']);
  const { tree, treeHash } = await hashTree(vendor);
  const lock: Lock = {
    lockVersion: 1,
    libraries: {
      tiny: {
        source: 'path:specs/tiny',
        version: '1.0.0',
        integrity: `sha256-${'0'.repeat(64)}`,
        spec: 'specs/tiny/tiny.md',
        files: Object.fromEntries(Object.entries(own).map(([k, v]) => [`specs/tiny/${k}`, v])),
        build: {
          language: 'python',
          specHash: spec.hash,
          planHash: '0'.repeat(16),
          taskHashes: {},
          provider: 'scripted',
          model: 'none',
          vendorDir: 'vendor/tiny',
          tree,
          treeHash,
          conformance: { total: 6, passed: 6, hidden: 2 },
          date: '2026-11-29T00:00:00Z',
        },
      },
    },
  };
  const lockFile = path.join(dir, 'ghost.lock');
  await writeFile(lockFile, stringifyLock(lock));
  return { dir, lockFile, vendor };
}

/** A gzipped tarball whose headers are written by hand: `entries` files, each declaring `size` bytes. */
export async function craftTarball(file: string, entries: number, size: number, withData: boolean): Promise<void> {
  const gz = createGzip({ level: 1 });
  const chunks: Buffer[] = [];
  gz.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => gz.on('end', resolve));
  for (let i = 0; i < entries; i++) {
    const h = new Header({ path: `package/f${i}.md`, mode: 0o644, size, type: 'File', mtime: new Date(0) });
    const block = Buffer.alloc(512);
    h.encode(block, 0);
    gz.write(block);
    if (withData) gz.write(Buffer.alloc(Math.ceil(size / 512) * 512));
  }
  gz.end(Buffer.alloc(1024));
  await done;
  await writeFile(file, Buffer.concat(chunks));
}
