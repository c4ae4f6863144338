// A hostile implementer against the build's own state: git hooks and config planted for
// ghost's next commit, a forged state committed before killing ghost, two builds racing on
// one --out, a corrupt state, and kill -9 at awkward moments. Sessions are scripted here.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuild } from '../../src/build/index.js';
import {
  ROMAN_PY,
  romanBuildOptions,
  romanTaskSessions,
  scripted,
  session,
  tmpDir,
  verdict,
} from '../build/support.js';
import {
  NO_LOGIC_PY,
  buildArgs,
  exited,
  ghostEnv,
  existsSync,
  ghost,
  ghostInBackground,
  git,
  noStackTrace,
  romanSessionFile,
  sh,
  until,
  write,
} from './agent-support.js';

// The jail alone stops the planting (.git and .ghost are read-only there, ghost's pid is out of
// reach), so these attacks run with the jail off (GHOST_NO_JAIL=1, --allow-unjailed): ghost's git
// and its state must hold on their own too.
const UNJAILED = ghostEnv({ GHOST_NO_JAIL: '1' });

describe('a hostile agent against git and the build state', () => {
  it('hooks, aliases, fsmonitor, hooksPath and filters planted in .git never run', () => {
    const dir = tmpDir('ghost-adv-');
    const marks = path.join(dir, 'marks');
    const plant = [
      `mkdir -p ${marks}`,
      // a hook where git looks by default, and one where a planted core.hooksPath points
      `printf '#!/bin/sh\\ntouch ${marks}/post-commit\\n' > .git/hooks/post-commit`,
      `printf '#!/bin/sh\\ntouch ${marks}/pre-commit\\n' > .git/hooks/pre-commit`,
      'chmod +x .git/hooks/post-commit .git/hooks/pre-commit',
      'mkdir -p hookz && cp .git/hooks/post-commit hookz/ && cp .git/hooks/pre-commit hookz/',
      `git config core.hooksPath "$PWD/hookz"`,
      `git config core.fsmonitor "touch ${marks}/fsmonitor; false"`,
      `git config alias.add '!touch ${marks}/alias'`,
      `git config filter.evil.clean 'touch ${marks}/filter; cat'`,
      `git config diff.external '${marks}/diff.sh'`,
      `printf '#!/bin/sh\\ntouch ${marks}/diff\\n' > ${marks}/diff.sh && chmod +x ${marks}/diff.sh`,
      `printf '* filter=evil\\n' > .gitattributes`,
      'echo planted',
    ].join(' && ');
    const file = romanSessionFile(path.join(dir, 's.jsonl'), {
      '01-scaffold': [sh(plant)],
      '02-fn-to_roman': [write('roman.py', ROMAN_PY)],
    });
    const out = path.join(dir, 'out');
    const r = ghost(buildArgs(file, out, '--allow-unjailed'), UNJAILED);
    expect(existsSync(path.join(marks, 'diff.sh')), r.stdout + r.stderr).toBe(true); // the planting ran
    expect(readdirSync(marks).filter((f) => f !== 'diff.sh')).toEqual([]);
    expect(r.stdout).toMatch(/^ACCEPTED/m);
  });

  it('a forged state and report committed before kill -9 are not believed by --resume', async () => {
    const dir = tmpDir('ghost-adv-');
    const once = path.join(dir, 'attacked');
    // Fake "accepted" from the agent's own bookkeeping, committed, then kill ghost itself.
    const forge = [
      `[ -e ${once} ] && exit 0`,
      `touch ${once}`,
      `sed -i 's/"status": "running"/"status": "accepted"/' .ghost/state.json`,
      'cp .ghost/state.json .ghost/report.json',
      'git add -A && git -c core.hooksPath=/dev/null commit -qm "ghost: accepted"',
      'kill -9 $PPID',
    ].join('; ');
    const file = romanSessionFile(path.join(dir, 's.jsonl'), {
      '02-fn-to_roman': [write('roman.py', NO_LOGIC_PY), sh(forge)],
    });
    const out = path.join(dir, 'out');
    const first = ghost(buildArgs(file, out, '--allow-unjailed'), UNJAILED);
    expect(existsSync(once)).toBe(true);
    expect(first.stdout).not.toMatch(/ACCEPTED/);

    const resumed = ghost([...buildArgs(file, out, '--allow-unjailed'), '--resume'], UNJAILED);
    expect(resumed.stdout).not.toMatch(/ACCEPTED/);
    expect(resumed.stdout).toMatch(/^REJECTED/m);
    expect(resumed.stdout).toMatch(/conformance: \d+\/68 cases pass/);
    expect(resumed.status).toBe(1);
  });

  it('two --resume on one --out: one runs, the other exits 2 naming its pid (after a kill -9 left a stale lock)', async () => {
    const dir = tmpDir('ghost-adv-');
    const file = romanSessionFile(path.join(dir, 's.jsonl'), {
      '01-scaffold': [sh('sleep 4')],
      '02-fn-to_roman': [write('roman.py', ROMAN_PY)],
    });
    const out = path.join(dir, 'out');
    const lockFile = path.join(dir, '.out.ghost-state', 'lock');
    const holder = () => {
      try {
        return (JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number }).pid;
      } catch {
        return undefined;
      }
    };
    const killed = ghostInBackground(buildArgs(file, out));
    await until(() => git(out, ['log', '--format=%s']).includes('scaffold'), 'the scaffold commit');
    process.kill(-killed.pid!, 'SIGKILL');
    await exited(killed);
    expect(holder()).toBe(killed.pid); // the stale lock of a dead build

    const first = ghostInBackground([...buildArgs(file, out), '--resume']);
    try {
      await until(() => holder() === first.pid, 'the first --resume to take the lock');
      const second = ghost([...buildArgs(file, out), '--resume']);
      expect(second.status).toBe(2);
      expect(second.stderr).toContain(`pid ${first.pid}`);
      expect(noStackTrace(second.stderr)).toBe(true);
      expect(ghost([...buildArgs(file, out), '--force']).status).toBe(2);
      expect(await exited(first)).toBe(0);
      expect(first.output()).toMatch(/ACCEPTED/);
      expect(holder()).toBeUndefined(); // released
    } finally {
      if (first.exitCode === null) process.kill(-first.pid!, 'SIGKILL');
    }
  });

  it('kill -9 during the first task (after the scaffold commit): --resume finishes the build', async () => {
    const dir = tmpDir('ghost-adv-');
    const file = romanSessionFile(path.join(dir, 's.jsonl'), {
      '01-scaffold': [sh('sleep 3')],
      '02-fn-to_roman': [write('roman.py', ROMAN_PY)],
    });
    const out = path.join(dir, 'out');
    const child = ghostInBackground(buildArgs(file, out));
    await until(() => git(out, ['log', '--format=%s']).includes('scaffold'), 'the scaffold commit');
    process.kill(-child.pid!, 'SIGKILL');
    await exited(child);
    const resumed = ghost([...buildArgs(file, out), '--resume']);
    expect(noStackTrace(resumed.stderr)).toBe(true);
    expect(resumed.stdout).toMatch(/^ACCEPTED/m);
    expect(resumed.status).toBe(0);
  });

  it('a corrupt committed state is ignored; a corrupt authoritative state is a clear error naming its file', () => {
    const dir = tmpDir('ghost-adv-');
    const file = romanSessionFile(path.join(dir, 's.jsonl'), { '02-fn-to_roman': [write('roman.py', ROMAN_PY)] });
    const out = path.join(dir, 'out');
    expect(ghost(buildArgs(file, out)).status).toBe(0);

    writeFileSync(path.join(out, '.ghost/state.json'), '{"stateVersion": 1}\n');
    git(out, ['commit', '-qam', 'corrupt']);
    const resumed = ghost([...buildArgs(file, out), '--resume']);
    expect(noStackTrace(resumed.stderr)).toBe(true);
    // Resuming a finished build judges it again: the gate runs on the tree as it stands.
    expect(resumed.stdout).toMatch(/conformance: 68\/68 cases pass/);

    const stateFile = path.join(dir, '.out.ghost-state', 'state.json');
    writeFileSync(stateFile, readFileSync(stateFile, 'utf8').slice(0, 50));
    const broken = ghost([...buildArgs(file, out), '--resume']);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain(stateFile);
    expect(noStackTrace(broken.stderr)).toBe(true);
  });

  it('killed before the first commit: --resume starts over, and so does --force', async () => {
    const dir = tmpDir('ghost-adv-');
    const out = path.join(dir, 'out');
    const sessions = () =>
      scripted([...romanTaskSessions(ROMAN_PY), session('reviewer', 'review-1'), verdict('approve')]);
    // Dies after `git init` and the scaffold files, before the scaffold commit.
    const dying = async () => {
      const o = await romanBuildOptions(out, sessions(), { force: true });
      await expect(runBuild({ ...o, seed: () => Promise.reject(new Error('killed')) })).rejects.toThrow('killed');
      // kill -9 leaves its lock behind, held by a pid that is gone.
      const gone = spawnSync('true').pid;
      writeFileSync(
        path.join(dir, '.out.ghost-state', 'lock'),
        JSON.stringify({ pid: gone, host: os.hostname(), since: 'then' }),
      );
    };
    await dying();
    expect((await runBuild(await romanBuildOptions(out, sessions(), { resume: true }))).status).toBe('accepted');
    await dying();
    expect((await runBuild(await romanBuildOptions(out, sessions(), { force: true }))).status).toBe('accepted');
  });
});
