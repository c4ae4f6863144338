// `ghost build` through the real Codex CLI and the real Claude Code, offline: both talk to the
// fake model server on 127.0.0.1, which answers from the scripted session file the demo uses
// (translated into each CLI's own tools). The verdict comes from ghost's gate, as always.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeModelServer, type FakeModelServer } from '../support/fake-model/index.js';
import { cacheRoot, cliBin } from './clis.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const GHOST = path.join(ROOT, 'bin/ghost.js');
const SESSION = path.join(ROOT, 'fixtures/sessions/slugify-python.jsonl');
const FIX_ROUND = path.join(ROOT, 'fixtures/sessions/slugify-python-fix-round.jsonl');
const REVIEWER_WRITES = path.join(ROOT, 'fixtures/sessions/slugify-python-reviewer-writes.jsonl');

interface Report {
  status: string;
  reasons: string[];
  rounds: Array<{ review?: { verdict?: { decision: string }; discardedEdits?: string[] } }>;
  usage: { implementer: { inputTokens: number; outputTokens: number } };
}

type Cli = 'codex' | 'claude';

/** What a user exports: the server's base URL, the CLI's config dir, and the key (allowed by flag). */
function userEnv(cli: Cli, url: string, home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${cliBin()}:${process.env.PATH ?? ''}` };
  for (const k of Object.keys(env)) if (/^(OPENAI|ANTHROPIC|CLAUDE|CODEX)_/.test(k)) delete env[k];
  if (cli === 'codex')
    return {
      ...env,
      OPENAI_BASE_URL: `${url}/v1`,
      OPENAI_API_KEY: 'sk-fake-local',
      CODEX_HOME: path.join(home, 'codex'),
    };
  return {
    ...env,
    ANTHROPIC_BASE_URL: url,
    ANTHROPIC_API_KEY: 'sk-ant-fake-local',
    CLAUDE_CONFIG_DIR: path.join(home, 'claude'),
  };
}

async function ghostBuild(cli: Cli, env: NodeJS.ProcessEnv, out: string, extra: string[] = []) {
  const key = cli === 'codex' ? 'OPENAI_API_KEY' : 'ANTHROPIC_API_KEY';
  const args = [
    GHOST,
    'build',
    'specs/slugify.md',
    '--lang',
    'python',
    '--provider',
    cli,
    '--allow-env',
    key,
    '--out',
    out,
    '--json',
    ...extra,
  ];
  try {
    const r = await run(process.execPath, args, { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

let server: FakeModelServer | undefined;
let work: string | undefined;
afterEach(async () => {
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
  server = undefined;
  work = undefined;
});

function workDir(): string {
  mkdirSync(cacheRoot(), { recursive: true });
  work = mkdtempSync(path.join(cacheRoot(), 'run-'));
  for (const d of ['codex', 'claude']) mkdirSync(path.join(work, d), { recursive: true });
  return work;
}

describe.each<Cli>(['codex', 'claude'])('ghost build through the real %s CLI', (cli) => {
  it('is ACCEPTED on slugify in Python, with the CLI’s own token usage counted', async () => {
    server = await startFakeModelServer({
      script: readFileSync(SESSION, 'utf8'),
      scriptName: 'slugify-python.jsonl',
      anthropicCache: { cacheRead: 30 },
    });
    const home = workDir();
    const r = await ghostBuild(cli, userEnv(cli, server.url, home), path.join(home, 'out'));
    expect(r.stderr).not.toMatch(/internal error/);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.status, r.stderr.slice(-2000)).toBe('accepted');
    expect(r.code).toBe(0);
    // every scripted session was taken by a CLI conversation, and its usage was counted
    expect(server.unusedSessions()).toBe(0);
    expect(report.usage.implementer.inputTokens).toBeGreaterThan(0);
    expect(report.usage.implementer.outputTokens).toBeGreaterThan(0);
    expect(server.requests.some((q) => q.dialect === (cli === 'codex' ? 'codex' : 'claude'))).toBe(true);
  });
});

describe.each<Cli>(['codex', 'claude'])('a %s build against a server that refuses the key', (cli) => {
  it('stops at the first session with exit 2, naming provider, server and the server’s words', async () => {
    server = await startFakeModelServer({
      script: readFileSync(SESSION, 'utf8'),
      fault: { kind: 'status', status: 401 },
    });
    const home = workDir();
    const r = await ghostBuild(cli, userEnv(cli, server.url, home), path.join(home, 'out'));
    expect(r.code, r.stderr.slice(-2000)).toBe(2);
    expect(r.stderr).toContain(`provider ${cli}`);
    expect(r.stderr).toContain(server.url);
    expect(r.stderr).toMatch(/key was refused/);
    expect(r.stderr).not.toMatch(/internal error|REJECTED/);
    // one session tried (with the CLI's few retries), not six tasks and three rounds
    expect(server.requests.filter((q) => q.dialect !== 'other').length).toBeLessThan(10);
  });
});

describe.each<Cli>(['codex', 'claude'])('review rounds through the real %s CLI', (cli) => {
  it('repairs a blocking finding in a fix round and is ACCEPTED in round 2', async () => {
    server = await startFakeModelServer({ script: readFileSync(FIX_ROUND, 'utf8') });
    const home = workDir();
    const r = await ghostBuild(cli, userEnv(cli, server.url, home), path.join(home, 'out'));
    const report = JSON.parse(r.stdout) as Report;
    expect(report.status, r.stderr.slice(-2000)).toBe('accepted');
    expect(report.rounds.map((x) => x.review?.verdict?.decision)).toEqual(['request_changes', 'approve']);
  });

  it('is REJECTED (exit 1) when the reviewer’s blocking finding stands and no round is left', async () => {
    server = await startFakeModelServer({ script: readFileSync(FIX_ROUND, 'utf8') });
    const home = workDir();
    const r = await ghostBuild(cli, userEnv(cli, server.url, home), path.join(home, 'out'), ['--max-rounds', '1']);
    const report = JSON.parse(r.stdout) as Report;
    expect(r.code).toBe(1);
    expect(report.status).toBe('rejected');
    expect(report.reasons.join('\n')).toMatch(/blocking review finding: slugify.py/);
  });

  it('keeps the reviewer read-only: its write is refused, nothing to discard', async () => {
    server = await startFakeModelServer({ script: readFileSync(REVIEWER_WRITES, 'utf8') });
    const home = workDir();
    const r = await ghostBuild(cli, userEnv(cli, server.url, home), path.join(home, 'out'));
    const report = JSON.parse(r.stdout) as Report;
    expect(report.status, r.stderr.slice(-2000)).toBe('accepted');
    expect(report.rounds[0]?.review?.discardedEdits).toBeUndefined();
  });
});

describe.each<Cli>(['codex', 'claude'])('--record through the real %s CLI', (cli) => {
  it('writes a session file that the scripted provider replays to the same verdict', async () => {
    server = await startFakeModelServer({ script: readFileSync(SESSION, 'utf8') });
    const home = workDir();
    const recorded = path.join(home, `${cli}.jsonl`);
    const live = await ghostBuild(cli, userEnv(cli, server.url, home), path.join(home, 'out'), ['--record', recorded]);
    expect((JSON.parse(live.stdout) as Report).status, live.stderr.slice(-2000)).toBe('accepted');
    const text = readFileSync(recorded, 'utf8');
    expect(text).toContain(`"recordedFrom":"exec:${cli}`);
    // the replay runs the recorded commands through ghost's own tools: no CLI, no server
    const args = [
      GHOST,
      'build',
      'specs/slugify.md',
      '--lang',
      'python',
      '--provider',
      'scripted',
      '--session',
      recorded,
      '--out',
      path.join(home, 'replay'),
      '--json',
    ];
    const replay = await run(process.execPath, args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    expect((JSON.parse(replay.stdout) as Report).status).toBe('accepted');
  });
});
