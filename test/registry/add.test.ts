// ghost add from local paths, packed tarballs and git repositories; refusing to clobber.
import { execFileSync } from 'node:child_process';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { add, classifySource, pack, readLock, verify } from '../../src/registry/index.js';
import { TINY, TINY_11, tempProject } from './helpers.js';

let work: string;
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    stdio: 'pipe',
  })
    .toString()
    .trim();

beforeAll(async () => {
  work = await tempProject();
});
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('ghost add', () => {
  it('classifies sources', () => {
    expect(classifySource(TINY)).toBe('path');
    expect(classifySource('git+https://example.com/x.git#v1')).toBe('git');
    expect(classifySource('file:///srv/specs.git')).toBe('git');
    expect(classifySource('git@example.com:a/b.git')).toBe('git');
    expect(classifySource('tiny@^1.0.0')).toBe('npm');
    expect(classifySource('@acme/tiny')).toBe('npm');
  });

  it('adds a local folder, is a no-op the second time, and refuses a different spec of the same name without --force', async () => {
    const project = path.join(work, 'p1');
    const lockFile = path.join(project, 'ghost.lock');
    expect((await add(TINY, { lockFile })).status).toBe('added');
    expect((await add(path.join(TINY, 'tiny.md'), { lockFile })).status).toBe('unchanged');
    const lock = await readLock(lockFile);
    expect(lock.libraries.tiny!.integrity).toMatch(/^sha256-[0-9a-f]{64}$/);
    expect(await readFile(path.join(project, 'specs/tiny/cases/hidden.yaml'), 'utf8')).toBe(
      await readFile(path.join(TINY, 'cases/hidden.yaml'), 'utf8'),
    );
    await expect(add(TINY_11, { lockFile })).rejects.toThrow(/specs\/tiny already holds tiny 1\.0\.0 .*pass --force/);
    const forced = await add(TINY_11, { lockFile, force: true });
    expect(forced).toMatchObject({ status: 'replaced', version: '1.1.0' });
    expect(await readFile(path.join(project, 'specs/tiny/tiny.md'), 'utf8')).toContain('version: 1.1.0');
  });

  it('adds a spec already in specs/<name>/ in place, and verify names a spec file edited afterwards', async () => {
    const project = path.join(work, 'p5');
    await cp(TINY, path.join(project, 'specs', 'tiny'), { recursive: true });
    const lockFile = path.join(project, 'ghost.lock');
    const r = await add(path.join(project, 'specs', 'tiny'), { lockFile });
    expect(r).toMatchObject({ status: 'added', entry: { source: 'path:specs/tiny', spec: 'specs/tiny/tiny.md' } });
    expect(await readFile(path.join(project, 'specs/tiny/tiny.md'), 'utf8')).toBe(
      await readFile(path.join(TINY, 'tiny.md'), 'utf8'),
    );
    expect((await verify({ lockFile })).ok).toBe(true);
    await writeFile(path.join(project, 'specs/tiny/cases/hidden.yaml'), 'cases: []\n');
    const v = await verify({ lockFile });
    expect(v.ok).toBe(false);
    expect(v.libraries[0]!.reason).toBe('spec files differ from the lock (changed: specs/tiny/cases/hidden.yaml)');
  });

  it('adds a packed .tgz with its sha512 integrity, and rejects one whose files do not match its manifest', {
    timeout: 30_000,
  }, async () => {
    const packed = await pack(path.join(TINY, 'tiny.md'), { outDir: path.join(work, 'packs') });
    const lockFile = path.join(work, 'p2', 'ghost.lock');
    const r = await add(packed.file, { lockFile });
    expect(r.entry.integrity).toBe(packed.integrity);
    expect(r.entry.source).toBe('file:../packs/tiny-1.0.0.tgz');

    // A package whose spec was edited after its manifest was written.
    const stage = path.join(work, 'tampered');
    const { x } = await import('tar');
    await mkdir(stage, { recursive: true });
    await x({ file: packed.file, cwd: stage, strip: 1 });
    await writeFile(
      path.join(stage, 'tiny.md'),
      `${await readFile(path.join(stage, 'tiny.md'), 'utf8')}\nExtra prose.\n`,
    );
    await expect(add(stage, { lockFile: path.join(work, 'p3', 'ghost.lock') })).rejects.toThrow(
      /do not match its ghost-manifest\.json \(changed: tiny\.md\)/,
    );
  });

  it('adds from a git repository at a tag (file:// bare repo), recording the commit', { timeout: 30_000 }, async () => {
    const src = path.join(work, 'src-repo');
    await cp(TINY, src, { recursive: true });
    git(src, 'init', '-q', '-b', 'main');
    git(src, 'add', '-A');
    git(src, 'commit', '-q', '-m', 'tiny 1.0.0');
    git(src, 'tag', 'v1.0.0');
    const head = git(src, 'rev-parse', 'HEAD');
    await writeFile(
      path.join(src, 'tiny.md'),
      (await readFile(path.join(src, 'tiny.md'), 'utf8')).replace('version: 1.0.0', 'version: 1.0.1'),
    );
    git(src, 'commit', '-q', '-am', 'tiny 1.0.1');
    const bare = path.join(work, 'tiny.git');
    git(work, 'clone', '-q', '--bare', src, bare);

    const url = `${pathToFileURL(bare).href}#v1.0.0`;
    const lockFile = path.join(work, 'p4', 'ghost.lock');
    const r = await add(url, { lockFile });
    expect(r.entry).toMatchObject({
      source: `git+${url}`,
      version: '1.0.0',
      resolved: head,
      spec: 'specs/tiny/tiny.md',
    });
    await expect(add(`${pathToFileURL(bare).href}#no-such-tag`, { lockFile })).rejects.toThrow(/git clone .* failed/);
  });
});
