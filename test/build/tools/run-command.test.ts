import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCommandTool } from '../../../src/build/tools/run-command.js';
import { isCredentialVar, scrubbedEnv } from '../../../src/util/env.js';
import { cleanup, tempRepo } from '../agents/helpers.js';

afterEach(cleanup);

/** Running (zombies awaiting their reaper count as dead). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('scrubbedEnv', () => {
  it('drops credentials and keeps the rest (and the allow-list)', () => {
    const env = scrubbedEnv({
      PATH: '/bin', HOME: '/h', LANG: 'C',
      OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'u', ANTHROPIC_API_KEY: 'k', AWS_REGION: 'r', GH_TOKEN: 't',
      GITHUB_ACTIONS: 'true', NPM_TOKEN: 't', DB_PASSWORD: 'p', MY_SECRET_THING: 's', STRIPE_KEY: 'k',
    }, ['ANTHROPIC_API_KEY']);
    expect(env).toEqual({ PATH: '/bin', HOME: '/h', LANG: 'C', OPENAI_BASE_URL: 'u', ANTHROPIC_API_KEY: 'k' });
    expect(isCredentialVar('KEYBOARD')).toBe(false);
  });
});

describe('run_command', () => {
  it('runs argv in the repo and reports exit codes', async () => {
    const root = tempRepo();
    const t = runCommandTool({ root });
    const r = await t.run({ argv: ['node', '-e', 'console.log(process.cwd())'] });
    expect(r.isError).toBeUndefined();
    expect(r.content).toContain('[exit code 0');
    expect(r.content).toContain(path.basename(root));
    const bad = await t.run({ argv: ['node', '-e', 'process.exit(3)'] });
    expect(bad.isError).toBe(true);
    expect(bad.content).toContain('exit code 3');
    expect((await t.run({ argv: ['no-such-program-xyz'] })).content).toMatch(/could not start/);
  });

  it('scrubs credentials from the environment', async () => {
    const root = tempRepo();
    process.env.OPENAI_API_KEY = 'sk-test-should-not-leak';
    process.env.GHOST_TEST_PLAIN = 'visible';
    try {
      const r = await runCommandTool({ root }).run({
        argv: ['node', '-e', 'console.log(String(process.env.OPENAI_API_KEY), process.env.GHOST_TEST_PLAIN)'],
      });
      expect(r.content).toContain('undefined visible');
    } finally {
      delete process.env.OPENAI_API_KEY;
      delete process.env.GHOST_TEST_PLAIN;
    }
  });

  it('refuses a cwd outside the repo', async () => {
    const r = await runCommandTool({ root: tempRepo() }).run({ argv: ['ls'], cwd: '..' });
    expect(r.isError).toBe(true);
    expect(r.content).toMatch(/escapes/);
  });

  it('truncates long output with a note', async () => {
    const r = await runCommandTool({ root: tempRepo(), maxOutputBytes: 2048 }).run({
      argv: ['node', '-e', 'process.stdout.write("a".repeat(50000) + "THE-END")'],
    });
    expect(r.content).toMatch(/bytes truncated/);
    expect(r.content).toContain('THE-END');
    expect(r.content.length).toBeLessThan(3000);
  });

  it('kills the whole process group on timeout', async () => {
    const root = tempRepo();
    const script = 'sleep 30 & echo $! > bg.pid; sleep 30';
    const started = Date.now();
    const r = await runCommandTool({ root }).run({ argv: ['sh', '-c', script], timeout_ms: 300 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.isError).toBe(true);
    expect(r.content).toMatch(/timed out after 300 ms/);
    const pidFile = path.join(root, 'bg.pid');
    expect(existsSync(pidFile)).toBe(true);
    const bg = Number(readFileSync(pidFile, 'utf8').trim());
    await new Promise((res) => setTimeout(res, 100));
    expect(alive(bg)).toBe(false);
  });
});
