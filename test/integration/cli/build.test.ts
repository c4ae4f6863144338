// `ghost build` as users run it: the real binary for the demo and for kill -9 + --resume,
// in-process main() for the OpenAI provider against the fake model server (real HTTP, real SDK).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { startFakeModelServer, type FakeModelServer } from '../../support/fake-model/index.js';
import {
  ROMAN_PY,
  ROOT,
  call,
  finish,
  romanTaskSessions,
  session,
  tmpDir,
  verdict,
  write,
} from '../../build/support.js';

const GHOST = path.join(ROOT, 'bin/ghost.js');

function ghost(args: string[], cwd = ROOT) {
  const { FORCE_COLOR: _f, ...env } = process.env;
  return spawnSync(process.execPath, [GHOST, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...env, CI: '1', NO_COLOR: '1' },
  });
}

function git(dir: string, args: string[]): string {
  return spawnSync('git', args, { cwd: dir, encoding: 'utf8' }).stdout ?? '';
}

/** The build's result without its bookkeeping (which records times): subjects and code tree. */
function outcome(dir: string) {
  const tree = git(dir, ['ls-tree', '-r', 'HEAD'])
    .split('\n')
    .filter((l) => l && !/\t(\.ghost\/(state|report)\.json|REPORT\.md)$/.test(l));
  return { subjects: git(dir, ['log', '--format=%s']).trim().split('\n').reverse(), tree };
}

describe('ghost build (CLI)', () => {
  it('refuses a non-empty --out with exit 2 and no stack trace', () => {
    const out = tmpDir();
    writeFileSync(path.join(out, 'mine.txt'), 'x');
    const r = ghost([
      'build',
      'specs/roman.md',
      '--lang',
      'python',
      '--provider',
      'scripted',
      '--session',
      'fixtures/sessions/slugify-python.jsonl',
      '--out',
      out,
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is not empty; pass --resume/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('resumes after kill -9 and ends with the same repo as an uninterrupted build', async () => {
    const dir = tmpDir();
    const sessionFile = path.join(dir, 'slow.jsonl');
    const lines = romanTaskSessions(ROMAN_PY);
    // Task 03 takes a while, so the kill lands in the middle of it.
    const at = lines.indexOf(session('implementer', '03-fn-from_roman')) + 1;
    lines.splice(at, 0, call('run_command', { argv: ['sleep', '1'] }));
    writeFileSync(sessionFile, [...lines, session('reviewer', 'review-1'), verdict('approve')].join('\n'));
    const args = (out: string) => [
      'build',
      'specs/roman.md',
      '--lang',
      'python',
      '--provider',
      'scripted',
      '--session',
      sessionFile,
      '--out',
      out,
    ];

    const reference = path.join(dir, 'reference');
    expect(ghost(args(reference)).status).toBe(0);

    const killed = path.join(dir, 'killed');
    const child = spawn(process.execPath, [GHOST, ...args(killed)], { cwd: ROOT, detached: true, stdio: 'ignore' });
    const deadline = Date.now() + 30_000;
    // Task 02 is done once ghost's own checkpoint (outside the repo) names its commit.
    const checkpointed = () => {
      try {
        const head = (
          JSON.parse(readFileSync(path.join(dir, '.killed.ghost-state/state.json'), 'utf8')) as { head: string }
        ).head;
        return git(killed, ['log', '-1', '--format=%s', head]).startsWith('task 02');
      } catch {
        return false;
      }
    };
    while (!checkpointed() && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    process.kill(-child.pid!, 'SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(git(killed, ['log', '--format=%s'])).not.toContain('task 03');

    const resumed = ghost([...args(killed), '--resume']);
    expect(resumed.stdout).toMatch(/^ACCEPTED/m);
    expect(resumed.stderr).toContain('resuming: 2/4 tasks');
    expect(outcome(killed)).toEqual(outcome(reference));
  });
});

describe('ghost build --provider openai (fake model server)', () => {
  let server: FakeModelServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('builds end to end through the real openai SDK over HTTP', async () => {
    const script = [
      session('implementer', '01-scaffold'),
      write('roman.py', '"""roman"""\n'),
      finish('scaffolded'),
      session('implementer', '02-fn-to_roman'),
      write('roman.py', ROMAN_PY),
      call('run_conformance', { pattern: 'to-' }),
      finish('to_roman done'),
      session('implementer', '03-fn-from_roman'),
      finish('from_roman done'),
      session('implementer', '04-integration'),
      finish('integrated'),
      JSON.stringify({ type: 'session', role: 'reviewer' }),
      verdict('approve'),
    ];
    const fake = await startFakeModelServer({ script: script.join('\n') });
    server = fake;
    const out = path.join(tmpDir(), 'repo');
    const saved = { key: process.env.OPENAI_API_KEY, base: process.env.OPENAI_BASE_URL };
    process.env.OPENAI_API_KEY = 'sk-test-not-a-real-key';
    delete process.env.OPENAI_BASE_URL;
    let code: number;
    try {
      // runCli captures the --json report, so a passing run prints nothing.
      ({ code } = await runCli([
        'build',
        'specs/roman.md',
        '--lang',
        'python',
        '--provider',
        'openai',
        '--base-url',
        `${fake.url}/v1`,
        '--model',
        'fake-model',
        '--out',
        out,
        '--json',
      ]));
    } finally {
      if (saved.key === undefined) delete process.env.OPENAI_API_KEY;
      else process.env.OPENAI_API_KEY = saved.key;
      if (saved.base !== undefined) process.env.OPENAI_BASE_URL = saved.base;
    }
    expect(code).toBe(0);
    // every scripted turn answered one request, and nothing more was asked
    expect(fake.unusedSessions()).toBe(0);
    expect(fake.requests).toHaveLength(8);
    const bodies = fake.requests.map((r) => r.body);
    expect(bodies.every((b) => b.model === 'fake-model')).toBe(true);
    expect(bodies.at(-1)).toHaveProperty('response_format');
    const report = JSON.parse(git(out, ['show', 'HEAD:.ghost/report.json'])) as {
      status: string;
      usageTotal: { inputTokens: number };
    };
    expect(report.status).toBe('accepted');
    expect(report.usageTotal.inputTokens).toBeGreaterThan(0);
  });
});
