// The shipped demo sessions, replayed through the real `ghost` binary exactly as the README
// tells a newcomer to: the accepted build and the fix-round build.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

function build(session: string) {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'ghost-demo-')), 'repo');
  const { FORCE_COLOR: _f, ...env } = process.env;
  const r = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'bin/ghost.js'),
      'build',
      'specs/slugify.md',
      '--lang',
      'python',
      '--provider',
      'scripted',
      '--session',
      session,
      '--out',
      out,
    ],
    { cwd: ROOT, encoding: 'utf8', env: { ...env, CI: '1', NO_COLOR: '1' } },
  );
  const subjects = spawnSync('git', ['log', '--format=%s'], { cwd: out, encoding: 'utf8' })
    .stdout.trim()
    .split('\n')
    .reverse();
  return { ...r, subjects };
}

describe('demo sessions', () => {
  it('slugify-python.jsonl: ACCEPTED in round 1, hidden cases included', () => {
    const r = build('fixtures/sessions/slugify-python.jsonl');
    expect(r.stdout).toMatch(/^ACCEPTED\nconformance: 88\/88 cases pass \(hidden 19\/19\)/m);
    expect(r.status).toBe(0);
    expect(r.subjects.filter((s) => s.startsWith('round'))).toEqual([
      'round 1: conformance 88/88',
      'round 1: review approve',
    ]);
  });

  it('slugify-python-fix-round.jsonl: hidden failures and a blocking finding, repaired in round 2', () => {
    const r = build('fixtures/sessions/slugify-python-fix-round.jsonl');
    expect(r.stderr).toContain('round 1: conformance — 86/88 cases pass');
    expect(r.stderr).toContain('round 2: conformance — 88/88 cases pass');
    expect(r.stdout).toMatch(/^ACCEPTED/m);
    expect(r.status).toBe(0);
    expect(r.subjects).toContain('round 1: review request_changes');
    expect(r.subjects).toContain('round 1: fix');
  });
});
