// `ghost verify` and `ghost add` against tampering: every file of a vendored tree counts
// (byte code and node_modules too), and so do the executable bit and symlinks; verify runs a
// copy without build leftovers; lock paths cannot leave the project; a tarball is measured
// before it is extracted. Each of these passed (or deleted a file outside the project) before.
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConformanceReport } from '../../src/conformance/types.js';
import { add, parseLock, readLock, verify } from '../../src/registry/index.js';
import { isSafeRelPath } from '../../src/registry/lock.js';
import { UserError } from '../../src/util/errors.js';
import { tempProject, TINY } from './helpers.js';
import { craftTarball, vendoredProject } from './integrity-helpers.js';

/** A conformance stand-in that passes and remembers what the copy it was given holds. */
function fakeRunner(seen: string[][]) {
  return async (_spec: unknown, o: { implDir: string }): Promise<ConformanceReport> => {
    seen.push((await readdir(o.implDir, { recursive: true })).map(String).sort());
    return { total: 1, passed: 1, results: [] } as unknown as ConformanceReport;
  };
}

async function treeDetail(lockFile: string, seen: string[][] = []): Promise<string> {
  const result = await verify({ lockFile, runConformance: fakeRunner(seen) });
  return result.libraries[0]!.checks.find((c) => c.name === 'vendored-tree')!.detail;
}

describe('ghost verify: the whole vendored tree', () => {
  it('passes the untouched tree', async () => {
    const { lockFile } = await vendoredProject();
    expect((await verify({ lockFile, runConformance: fakeRunner([]) })).ok).toBe(true);
  });

  it('names a planted __pycache__/*.pyc, and never hands it to the conformance run', async () => {
    const { lockFile, vendor } = await vendoredProject();
    await mkdir(path.join(vendor, '__pycache__'));
    await writeFile(path.join(vendor, '__pycache__/tiny.cpython-311.pyc'), 'forged');
    await mkdir(path.join(vendor, 'node_modules/x'), { recursive: true });
    await writeFile(path.join(vendor, 'node_modules/x/index.js'), 'module.exports = 1;');
    const seen: string[][] = [];
    const detail = await treeDetail(lockFile, seen);
    expect(detail).toMatch(/added: __pycache__\/tiny\.cpython-311\.pyc, node_modules\/x\/index\.js/);
    expect(seen[0]!.filter((f) => /pyc|node_modules\//.test(f))).toEqual([]);
  });

  it('names a file made executable', async () => {
    const { lockFile, vendor } = await vendoredProject();
    await chmod(path.join(vendor, 'tiny.py'), 0o755);
    expect(await treeDetail(lockFile)).toMatch(/changed: tiny\.py: made executable/);
  });

  it('names a file swapped for a symlink to the same content', async () => {
    const { dir, lockFile, vendor } = await vendoredProject();
    await cp(path.join(vendor, 'tiny.py'), path.join(dir, 'elsewhere.py'));
    await rm(path.join(vendor, 'tiny.py'));
    await symlink(path.join(dir, 'elsewhere.py'), path.join(vendor, 'tiny.py'));
    expect(await treeDetail(lockFile)).toMatch(/changed: tiny\.py: replaced by a symbolic link/);
  });
});

describe('ghost.lock paths', () => {
  it.each(['../x', 'a/../../x', '/etc/passwd', 'C:/x', 'a\\b', 'a\u0000b', '.', 'a//b'])(
    'refuses %j, by schema and by code',
    async (bad) => {
      expect(isSafeRelPath(bad)).toBe(false);
      const lock = {
        lockVersion: 1,
        libraries: {
          tiny: {
            source: 'path:x',
            version: '1.0.0',
            integrity: `sha256-${'0'.repeat(64)}`,
            spec: 'x.md',
            files: { [bad]: '0'.repeat(64) },
          },
        },
      };
      await expect(parseLock(JSON.stringify(lock), 'ghost.lock')).rejects.toThrow(UserError);
    },
  );

  it('accepts ordinary relative paths', () => {
    for (const ok of ['specs/tiny/tiny.md', 'vendor/x', '.config/a', 'a/..b']) expect(isSafeRelPath(ok)).toBe(true);
  });

  it('ghost add --force never deletes a file outside the project named by the lock', async () => {
    const dir = await tempProject();
    const project = path.join(dir, 'project');
    await mkdir(project);
    const victim = path.join(dir, 'victim.txt');
    await writeFile(victim, 'keep me');
    const lockFile = path.join(project, 'ghost.lock');
    const files = { '../victim.txt': '0'.repeat(64) };
    await writeFile(
      lockFile,
      JSON.stringify({
        lockVersion: 1,
        libraries: {
          tiny: {
            source: 'path:x',
            version: '0.9.0',
            integrity: `sha256-${'0'.repeat(64)}`,
            spec: 'specs/tiny/tiny.md',
            files,
          },
        },
      }),
    );
    await expect(add(TINY, { lockFile, force: true })).rejects.toThrow(/victim\.txt/);
    expect(await readFile(victim, 'utf8')).toBe('keep me');
  });
});

describe('ghost add of a tarball', () => {
  it('refuses one that declares more than the size cap, before extracting anything', async () => {
    const dir = await tempProject();
    const tgz = path.join(dir, 'bomb.tgz');
    await craftTarball(tgz, 1, 1536 * 1024 * 1024, false); // 1.5 GB declared; data cut short
    await expect(add(tgz, { lockFile: path.join(dir, 'ghost.lock') })).rejects.toThrow(
      /refusing to extract: it expands to more than 64 MB/,
    );
    expect(existsSync(path.join(dir, 'specs'))).toBe(false);
  });

  it('lock stays readable after the refusals', async () => {
    const dir = await tempProject();
    expect(await readLock(path.join(dir, 'ghost.lock'))).toEqual({ lockVersion: 1, libraries: {} });
  });
});
