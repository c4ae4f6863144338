// ghost verify and ghost add against real tampering: a forged unchecked-hash .pyc beside an
// honest vendored source, and a small tarball that expands to 1.5 GB (generated here, not
// committed). Slow: real Python conformance runs and a 1.5 GB gzip stream.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConformance } from '../../src/conformance/index.js';
import { probeJail } from '../../src/process/index.js';
import { add, verify } from '../../src/registry/index.js';
import { loadSpec } from '../../src/spec/index.js';
import { tempProject } from '../registry/helpers.js';
import { craftTarball, vendoredProject } from '../registry/integrity-helpers.js';

const FORGED = 'def shout(text):\n    return "forged"\n\n\ndef count_vowels(text):\n    return -1\n';

describe('a forged unchecked-hash .pyc in a vendored tree', () => {
  it('would run in place of the source, and ghost verify refuses the tree and never runs it', async () => {
    const { dir, lockFile, vendor } = await vendoredProject();
    const forged = path.join(dir, 'forged.py');
    await writeFile(forged, FORGED);
    const tag = execFileSync('python3', ['-c', 'import sys; print(sys.implementation.cache_tag)']).toString().trim();
    await mkdir(path.join(vendor, '__pycache__'));
    const pyc = path.join(vendor, '__pycache__', `tiny.${tag}.pyc`);
    execFileSync('python3', [
      '-c',
      `import py_compile as p; p.compile(${JSON.stringify(forged)}, cfile=${JSON.stringify(pyc)}, invalidation_mode=p.PycInvalidationMode.UNCHECKED_HASH)`,
    ]);

    // The attack is real: run in place unjailed, Python takes the forged byte code over tiny.py.
    const { spec } = await loadSpec(path.join(dir, 'specs/tiny/tiny.md'));
    const unjailed = await runConformance(spec, {
      implDir: vendor,
      language: 'python',
      filter: { hidden: 'include' },
      isolation: 'none',
    });
    expect(unjailed.passed).toBe(0);
    // In the jail the implementation's __pycache__ is masked: the honest source runs.
    if (probeJail().ok) {
      const jailed = await runConformance(spec, { implDir: vendor, language: 'python', filter: { hidden: 'include' } });
      expect(jailed.passed).toBe(jailed.total);
    }

    const result = await verify({ lockFile });
    const lib = result.libraries[0]!;
    expect(result.ok).toBe(false);
    expect(lib.checks.find((c) => c.name === 'vendored-tree')?.detail).toMatch(
      new RegExp(`added: __pycache__/tiny\\.${tag}\\.pyc`),
    );
    // The conformance run used a copy without byte code: the honest source passed.
    expect(lib.checks.find((c) => c.name === 'conformance')).toMatchObject({ ok: true });
  });
});

describe('ghost add of a tarball bomb', () => {
  it('refuses a few-MB tarball that expands to 1.5 GB, early and clearly', async () => {
    const dir = await tempProject();
    const tgz = path.join(dir, 'bomb.tgz');
    await craftTarball(tgz, 1, 1536 * 1024 * 1024, true);
    expect(statSync(tgz).size).toBeLessThan(16 * 1024 * 1024);
    await expect(add(tgz, { lockFile: path.join(dir, 'ghost.lock') })).rejects.toThrow(
      /bomb\.tgz: refusing to extract: it expands to more than 64 MB/,
    );
  });

  it('refuses one with more than 10,000 entries', async () => {
    const dir = await tempProject();
    const tgz = path.join(dir, 'many.tgz');
    await craftTarball(tgz, 10_001, 0, false);
    await expect(add(tgz, { lockFile: path.join(dir, 'ghost.lock') })).rejects.toThrow(/more than 10000 entries/);
  });
});
