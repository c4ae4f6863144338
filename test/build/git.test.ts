// ghost's git puts its own control files back before every command (no git needed to check).
import { mkdirSync, mkdtempSync, readFileSync, existsSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { busyGitRepos, GHOST_GIT_CONFIG, ghostGit, restoreGitControl } from '../../src/build/git.js';

const repo = () => mkdtempSync(path.join(os.tmpdir(), 'ghost-git-'));

describe('restoreGitControl', () => {
  it('drops a planted config, exclude list, attributes and alternates; a config symlink is replaced, not followed', async () => {
    const dir = repo();
    const git = path.join(dir, '.git');
    mkdirSync(path.join(git, 'info'), { recursive: true });
    mkdirSync(path.join(git, 'objects', 'info'), { recursive: true });
    const target = path.join(dir, 'elsewhere');
    writeFileSync(target, 'precious\n');
    symlinkSync(target, path.join(git, 'config'));
    writeFileSync(path.join(git, 'info', 'exclude'), 'evil.py\n');
    writeFileSync(path.join(git, 'info', 'attributes'), '* filter=evil\n');
    writeFileSync(path.join(git, 'objects', 'info', 'alternates'), '/tmp/other/objects\n');
    await restoreGitControl(dir);
    expect(readFileSync(path.join(git, 'config'), 'utf8')).toBe(GHOST_GIT_CONFIG);
    expect(readFileSync(target, 'utf8')).toBe('precious\n');
    expect(readFileSync(path.join(git, 'info', 'exclude'), 'utf8')).not.toContain('evil.py');
    expect(existsSync(path.join(git, 'info', 'attributes'))).toBe(false);
    expect(existsSync(path.join(git, 'objects', 'info', 'alternates'))).toBe(false);
  });

  it('refuses a .git that became a symlink or a gitfile', async () => {
    const dir = repo();
    symlinkSync(repo(), path.join(dir, '.git'));
    await expect(restoreGitControl(dir)).rejects.toThrow(/not ghost's git directory.*symlink/);
    const other = repo();
    writeFileSync(path.join(other, '.git'), 'gitdir: /tmp/x\n');
    await expect(restoreGitControl(other)).rejects.toThrow(/file/);
  });

  it("refuses a .git that is gone (git would otherwise find the user's repository around the build)", async () => {
    await expect(restoreGitControl(repo())).rejects.toThrow(/is gone; start over with --force/);
    await expect(restoreGitControl(repo(), true)).resolves.toBeUndefined();
  });
});

describe('ghostGit', () => {
  it("forgets a repo's queue once it drains (settled either way)", async () => {
    // No .git: each command fails in restoreGitControl, before git would run.
    const [a, b] = [ghostGit(repo()), ghostGit(repo())];
    const runs = [a(['status']), a(['log']), b(['status'])];
    expect(busyGitRepos()).toBe(2);
    for (const r of runs) await expect(r).rejects.toThrow(/is gone/);
    expect(busyGitRepos()).toBe(0);
  });
});
