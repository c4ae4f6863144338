// ghost build --vendor: an unchanged spec with an intact vendor makes zero model calls; a
// changed spec reruns only the tasks whose hash changed, starting from the vendored code.
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild } from '../../../src/build/build.js';
import { main } from '../../../src/cli/index.js';
import { add, buildVendored, diffSpecs, planRebuild, readLock, verify } from '../../../src/registry/index.js';
import { loadSpec } from '../../../src/spec/index.js';
import { buildOptions, scripted, SESSION_10, SESSION_11, TINY, TINY_11, tempProject } from '../../registry/helpers.js';

let project: string;
let lockFile: string;
const specPath = () => path.join(project, 'specs/tiny/tiny.md');
const outDir = () => path.join(project, '.ghost/builds/tiny-python');

beforeAll(async () => {
  project = await tempProject();
  lockFile = path.join(project, 'ghost.lock');
  await add(TINY, { lockFile });
  const first = await buildVendored(await buildOptions(specPath(), outDir(), scripted(SESSION_10)), {
    lockFile,
    runBuild,
  });
  if (first.status !== 'built' || !first.vendored) throw new Error('the first build was not vendored');
}, 60_000);

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

describe('incremental rebuilds', () => {
  it('makes zero model calls for an unchanged spec and an intact vendored tree', async () => {
    const provider = scripted(); // no sessions at all: any call would fail the build
    const r = await buildVendored(await buildOptions(specPath(), outDir(), provider), { lockFile, runBuild });
    expect(r.status).toBe('up-to-date');
    expect(provider.calls).toEqual([]);
  });

  it('rebuilds from scratch (no skipping) when the vendored tree was edited', async () => {
    const impl = path.join(project, 'vendor/tiny/tiny.py');
    const original = await readFile(impl, 'utf8');
    await writeFile(impl, `${original}# edited\n`);
    const o = await buildOptions(specPath(), outDir(), scripted());
    const p = await planRebuild(o, { lockFile });
    expect(p.mode).toBe('full');
    expect(p.note).toMatch(/differs from the lock/);
    await writeFile(impl, original);
    expect((await planRebuild(o, { lockFile })).mode).toBe('up-to-date');
  });

  it('after an upgrade, runs only the changed tasks, seeded with the vendored code, then the full gate', {
    timeout: 60_000,
  }, async () => {
    const upgraded = await add(TINY_11, { lockFile, force: true });
    expect(upgraded.status).toBe('replaced');
    // The old build record survives the upgrade, so verify reports it stale until rebuilt.
    const stale = await verify({ lockFile });
    expect(stale.ok).toBe(false);
    expect(stale.libraries[0]!.reason).toMatch(/stale/);

    const [{ spec: oldSpec }, { spec: newSpec }] = await Promise.all([
      loadSpec(path.join(TINY, 'tiny.md')),
      loadSpec(specPath()),
    ]);
    const d = diffSpecs(oldSpec, newSpec, { language: 'python' });
    expect(d.tasks).toEqual({ added: [], removed: [], changed: ['fn-shout', 'integration'] });

    const provider = scripted(SESSION_11);
    const r = await buildVendored(await buildOptions(specPath(), outDir(), provider), { lockFile, runBuild });
    expect(r.status).toBe('built');
    if (r.status !== 'built') return;
    expect(r.mode).toBe('incremental');
    expect(r.skipped).toEqual(['01-scaffold', '03-fn-count_vowels']);
    // Exactly the changed tasks' sessions, then the review: nothing for unchanged tasks.
    expect(provider.calls).toEqual(['implementer:02-fn-shout', 'implementer:04-integration', 'reviewer:review-1']);
    expect(r.report.status).toBe('accepted');
    expect(r.report.rounds.at(-1)?.conformance).toMatchObject({ total: 6, passed: 6, hiddenTotal: 2, hiddenFailed: 0 });

    const lock = await readLock(lockFile);
    expect(lock.libraries.tiny!.version).toBe('1.1.0');
    expect(lock.libraries.tiny!.build!.taskHashes['02-fn-shout']).toBe(
      r.report.tasks.find((t) => t.id === '02-fn-shout')?.hash,
    );
    expect((await verify({ lockFile })).ok).toBe(true);
    // count_vowels came from the vendored 1.0.0 code, untouched by any session.
    expect(await readFile(path.join(project, 'vendor/tiny/tiny.py'), 'utf8')).toContain('def count_vowels');

    const again = scripted();
    expect((await buildVendored(await buildOptions(specPath(), outDir(), again), { lockFile, runBuild })).status).toBe(
      'up-to-date',
    );
    expect(again.calls).toEqual([]);
  });

  it('ghost build --vendor prints "up to date" and builds nothing when the lock matches', async () => {
    const empty = path.join(project, 'empty.jsonl');
    await writeFile(empty, '');
    let out = '';
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((s: string | Uint8Array) => ((out += String(s)), true)) as typeof process.stdout.write;
    try {
      const argv = [
        'build',
        specPath(),
        '--lang',
        'python',
        '--provider',
        'scripted',
        '--session',
        empty,
        '--out',
        outDir(),
        '--vendor',
        '--lock',
        lockFile,
      ];
      expect(await main(argv)).toBe(0);
    } finally {
      process.stdout.write = write;
    }
    expect(out).toMatch(/^tiny: up to date \(.*vendor\/tiny\); nothing to build\n$/);
  });
});
