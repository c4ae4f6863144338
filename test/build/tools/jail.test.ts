import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JailError, resolveInJail } from '../../../src/build/tools/jail.js';
import { cleanup, tempDir, tempRepo } from '../agents/helpers.js';

afterEach(cleanup);

describe('resolveInJail', () => {
  it('resolves relative paths inside the root, including ones that do not exist yet', () => {
    const root = tempRepo();
    expect(resolveInJail(root, 'src/a/b.ts', { write: true }).rel).toBe('src/a/b.ts');
    expect(resolveInJail(root, './x/../y.txt').rel).toBe('y.txt');
    expect(resolveInJail(root, '.').rel).toBe('.');
  });

  it.each(['../outside.txt', 'a/../../outside.txt', '/etc/passwd', '~/x', ''])('refuses %j', (p) => {
    const root = tempRepo();
    expect(() => resolveInJail(root, p, { write: true })).toThrow(JailError);
  });

  it('refuses non-string paths', () => {
    expect(() => resolveInJail(tempRepo(), 42)).toThrow(/non-empty string/);
  });

  it('refuses symlinks that lead outside (directory and file links, existing or new targets)', () => {
    const root = tempRepo();
    const outside = tempDir();
    writeFileSync(path.join(outside, 'secret.txt'), 'x');
    symlinkSync(outside, path.join(root, 'out'));
    symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'secret-link'));
    expect(() => resolveInJail(root, 'out/secret.txt')).toThrow(/symlink/);
    expect(() => resolveInJail(root, 'out/new/file.txt', { write: true })).toThrow(/symlink/);
    expect(() => resolveInJail(root, 'secret-link')).toThrow(/symlink/);
  });

  it('refuses dangling symlinks (a write would create the target outside)', () => {
    const root = tempRepo();
    const outside = tempDir();
    symlinkSync(path.join(outside, 'not-yet.txt'), path.join(root, 'dangling'));
    expect(() => resolveInJail(root, 'dangling', { write: true })).toThrow(/symlink/);
  });

  it('refuses writes under read-only directories (case-insensitive, also via symlinks)', () => {
    const root = tempRepo();
    mkdirSync(path.join(root, '.ghost'));
    symlinkSync(path.join(root, '.ghost'), path.join(root, 'meta'));
    const ro = { write: true, readOnly: ['.ghost'] };
    expect(() => resolveInJail(root, '.ghost/state.json', ro)).toThrow(/read-only/);
    expect(() => resolveInJail(root, '.Ghost/x', ro)).toThrow(/read-only/);
    expect(() => resolveInJail(root, 'meta/x', ro)).toThrow(/read-only/);
    expect(resolveInJail(root, '.ghostly/x', ro).rel).toBe('.ghostly/x');
    expect(resolveInJail(root, '.ghost/state.json').rel).toBe('.ghost/state.json');
  });

  it('allows symlinks that stay inside', () => {
    const root = tempRepo();
    mkdirSync(path.join(root, 'real'));
    symlinkSync(path.join(root, 'real'), path.join(root, 'alias'));
    expect(resolveInJail(root, 'alias/x.txt', { write: true }).rel).toBe('alias/x.txt');
  });

  it('keeps .git off-limits for writes but readable', () => {
    const root = tempRepo();
    expect(() => resolveInJail(root, '.git/config', { write: true })).toThrow(/\.git/);
    expect(() => resolveInJail(root, '.GIT/hooks/pre-commit', { write: true })).toThrow(/\.git/);
    symlinkSync(path.join(root, '.git'), path.join(root, 'g'));
    expect(() => resolveInJail(root, 'g/hooks/x', { write: true })).toThrow(/\.git/);
    expect(resolveInJail(root, '.git/HEAD').rel).toBe('.git/HEAD');
  });
});
