// The round trip against a real npm registry (verdaccio on 127.0.0.1, no uplinks):
// publish → add name@range → build (scripted sessions) → vendor → verify → tamper → verify fails.
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild } from '../../../src/build/build.js';
import { runCli } from '../../support/cli.js';
import { buildVendored, publish, readLock } from '../../../src/registry/index.js';
import { buildOptions, scripted, SESSION_10, TINY, TINY_11, tempProject } from '../../registry/helpers.js';
import { startRegistry, type LocalRegistry } from './verdaccio.js';

let registry: LocalRegistry;
let project: string;
const saved: Record<string, string | undefined> = {};

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await runCli(argv);
  return { code: r.code, out: r.stdout, err: r.stderr };
}

beforeAll(async () => {
  registry = await startRegistry();
  project = await tempProject();
  // The CLI's npm runs inherit the environment: point them at the test registry's npmrc.
  for (const k of ['NPM_CONFIG_USERCONFIG', 'NPM_CONFIG_CACHE', 'NPM_CONFIG_REGISTRY', 'NPM_CONFIG_UPDATE_NOTIFIER']) {
    saved[k] = process.env[k];
    process.env[k] = registry.env[k];
  }
});

afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await registry?.stop();
  if (project) await rm(project, { recursive: true, force: true });
});

describe('ghost publish / add / build --vendor / verify against a local registry', () => {
  it('round-trips a spec through the registry into verified vendored code, and catches tampering', {
    timeout: 60_000,
  }, async () => {
    const lockFile = path.join(project, 'ghost.lock');
    const specPath = path.join(TINY, 'tiny.md');

    const pub = await cli(['publish', specPath, '--registry', registry.url]);
    expect(pub.err).toBe('');
    expect(pub.code).toBe(0);
    expect(pub.out).toContain('published tiny@1.0.0');

    // npm's own refusal (the version exists) comes back as a clear error, not a stack. The dry
    // run of 1.1.0 goes through the API alongside (the CLI helper captures stdout globally).
    const [again, dry] = await Promise.all([
      cli(['publish', specPath, '--registry', registry.url]),
      publish(path.join(TINY_11, 'tiny.md'), { dryRun: true, npm: { registry: registry.url, env: registry.env } }),
    ]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/ghost: npm publish failed \(exit \d+\):/);
    expect(again.err).toMatch(/cannot publish over|previously published|EPUBLISHCONFLICT|403|409/i);
    expect(again.err).not.toContain('internal error');

    expect(dry).toMatchObject({ packageName: 'tiny', version: '1.1.0', dryRun: true });

    // ^1.0.0 resolves to 1.0.0: the dry run above must not have uploaded 1.1.0.
    const added = await cli(['add', 'tiny@^1.0.0', '--registry', registry.url, '--lock', lockFile]);
    expect(added.err).toBe('');
    expect(added.out).toBe('added tiny 1.0.0 → specs/tiny/tiny.md (npm:tiny@^1.0.0)\n');
    const entry = (await readLock(lockFile)).libraries.tiny!;
    expect(entry).toMatchObject({
      source: 'npm:tiny@^1.0.0',
      version: '1.0.0',
      spec: 'specs/tiny/tiny.md',
      resolved: 'tiny-1.0.0.tgz',
    });
    expect(entry.integrity).toMatch(/^sha512-/);
    expect(Object.keys(entry.files)).toEqual(['specs/tiny/cases/hidden.yaml', 'specs/tiny/tiny.md']);
    expect(await readFile(path.join(project, 'specs/tiny/tiny.md'), 'utf8')).toBe(await readFile(specPath, 'utf8'));

    const provider = scripted(SESSION_10);
    const o = await buildOptions(
      path.join(project, 'specs/tiny/tiny.md'),
      path.join(project, '.ghost/builds/tiny'),
      provider,
    );
    const built = await buildVendored(o, { lockFile, runBuild });
    expect(built.status).toBe('built');
    if (built.status !== 'built') return;
    expect(built.report.status).toBe('accepted');
    expect(built.vendored).toBe(true);
    const lock = await readLock(lockFile);
    expect(lock.libraries.tiny!.source).toBe('npm:tiny@^1.0.0');
    expect(lock.libraries.tiny!.build).toMatchObject({
      language: 'python',
      vendorDir: 'vendor/tiny',
      conformance: { total: 6, passed: 6, hidden: 2 },
    });
    expect(Object.keys(lock.libraries.tiny!.build!.tree)).toEqual(['.gitignore', 'ghost.json', 'tiny.py']);

    const junit = await cli(['verify', '--lock', lockFile, '--reporter', 'junit']);
    expect(junit.code).toBe(0);
    expect(junit.out).toContain('<testsuite name="ghost verify: tiny 1.0.0"');
    expect(junit.out).toContain('name="hidden-shout"');
    expect(junit.out).toMatch(/<testsuites name="ghost verify" tests="9" failures="0">/);

    const impl = path.join(project, 'vendor/tiny/tiny.py');
    await writeFile(impl, `${await readFile(impl, 'utf8')}\n# a local patch nobody reviewed\n`);
    const bad = await cli(['verify', '--lock', lockFile]);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(
      /✗ tiny 1\.0\.0: vendor\/tiny was edited since the build \(changed: tiny\.py: content changed\)/,
    );
  });
});
