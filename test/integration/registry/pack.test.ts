// ghost pack: same input → same bytes, whatever the staging folder or the time of day.
import { cp, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pack } from '../../../src/registry/index.js';
import { TINY } from '../../registry/helpers.js';

const temps: string[] = [];
const temp = async () => {
  const d = await mkdtemp(path.join(os.tmpdir(), 'ghost-pack-'));
  temps.push(d);
  return d;
};
afterAll(async () => {
  for (const d of temps) await rm(d, { recursive: true, force: true });
});

describe('ghost pack', () => {
  it('is byte-reproducible from two different copies of the spec with different mtimes', {
    timeout: 60_000,
  }, async () => {
    const a = await temp();
    const b = await temp();
    await cp(TINY, path.join(a, 'tiny'), { recursive: true });
    await cp(TINY, path.join(b, 'elsewhere', 'tiny'), { recursive: true });
    // Different mtimes on the second copy: npm must pin them.
    await utimes(path.join(b, 'elsewhere', 'tiny', 'tiny.md'), new Date('2001-02-03'), new Date('2001-02-03'));
    const first = await pack(path.join(a, 'tiny', 'tiny.md'), { outDir: path.join(a, 'out') });
    const second = await pack(path.join(b, 'elsewhere', 'tiny', 'tiny.md'), { outDir: path.join(b, 'out') });
    expect(path.basename(first.file)).toBe('tiny-1.0.0.tgz');
    const [x, y] = await Promise.all([readFile(first.file), readFile(second.file)]);
    expect(x.equals(y)).toBe(true);
    expect(first.sha256).toBe(second.sha256);
    expect(first.integrity).toBe(second.integrity);
    expect(first.integrity).toMatch(/^sha512-/);

    expect(first.manifest).toMatchObject({
      manifestVersion: 1,
      name: 'tiny',
      package: 'tiny',
      version: '1.0.0',
      format: 1,
      spec: 'tiny.md',
    });
    expect(Object.keys(first.manifest.files)).toEqual(['cases/hidden.yaml', 'tiny.md']);

    // The tarball holds exactly the spec, its case file, package.json and the manifest.
    const { list } = await import('tar');
    const names: string[] = [];
    await list({ file: first.file, onReadEntry: (e) => void names.push(e.path) });
    expect(names.sort()).toEqual([
      'package/cases/hidden.yaml',
      'package/ghost-manifest.json',
      'package/package.json',
      'package/tiny.md',
    ]);
  });

  it('scopes the package name and refuses a spec without a version', { timeout: 60_000 }, async () => {
    const d = await temp();
    const scoped = await pack(path.join(TINY, 'tiny.md'), { outDir: d, scope: '@acme' });
    expect(scoped.packageName).toBe('@acme/tiny');
    expect(path.basename(scoped.file)).toBe('acme-tiny-1.0.0.tgz');

    const text = (await readFile(path.join(TINY, 'tiny.md'), 'utf8'))
      .replace(/^version: .*\n/m, '')
      .replace(/^tests: .*\n/m, '');
    await writeFile(path.join(d, 'nover.md'), text);
    await expect(pack(path.join(d, 'nover.md'), { outDir: d })).rejects.toThrow(/needs a version/);
  });
});
