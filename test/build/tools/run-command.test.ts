import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCommandTool } from '../../../src/build/tools/run-command.js';
import { probeJail } from '../../../src/process/index.js';
import { cleanup, request, tempRepo } from '../agents/helpers.js';
import { parseSessionFile, ScriptedProvider } from '../../../src/build/agents/index.js';
import { implementerTools } from '../../../src/build/tools/index.js';

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

  it("passes an allow-listed environment: nothing of ghost's but the locale, PATH and names allowed", async () => {
    const root = tempRepo();
    process.env.OPENAI_API_KEY = 'sk-test-should-not-leak';
    process.env.DATABASE_URL = 'postgres://secret';
    process.env.GHOST_TEST_PLAIN = 'visible';
    try {
      const r = await runCommandTool({ root, envAllow: ['GHOST_TEST_PLAIN'] }).run({
        argv: [
          'node',
          '-e',
          'console.log(String(process.env.OPENAI_API_KEY), String(process.env.DATABASE_URL), process.env.GHOST_TEST_PLAIN)',
        ],
      });
      expect(r.content).toContain('undefined undefined visible');
    } finally {
      delete process.env.OPENAI_API_KEY;
      delete process.env.DATABASE_URL;
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

  it('kills the whole process tree on timeout', async () => {
    const root = tempRepo();
    const tag = `${30 + Math.random()}`.slice(0, 8);
    const started = Date.now();
    const r = await runCommandTool({ root }).run({
      argv: ['sh', '-c', `sleep ${tag} & sleep ${tag}`],
      timeout_ms: 300,
    });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.isError).toBe(true);
    expect(r.content).toMatch(/timed out after 300 ms/);
    expect(await gone(tag)).toBe(true);
  });

  // Before: at its timeout run_command waited for the setsid child to close stdout, i.e. as
  // long as that child chose to live.
  it('returns at its timeout even if a setsid() child holds stdout; jailed, that child dies too', async () => {
    const root = tempRepo();
    const tag = `${40 + Math.random()}`.slice(0, 8);
    const started = Date.now();
    const r = await runCommandTool({ root }).run({
      argv: ['sh', '-c', `setsid sleep ${tag} & echo started; sleep 60`],
      timeout_ms: 300,
    });
    expect(Date.now() - started).toBeLessThan(8000);
    expect(r.content).toMatch(/timed out after 300 ms/);
    if (probeJail().ok) expect(await gone(tag)).toBe(true);
  });
});

describe('tool calls and the session wall clock', () => {
  // Before: run_command took its own timeout (default 120 s) whatever the session had left.
  it('a command asked to run for minutes is stopped when the session runs out of time', async () => {
    const root = tempRepo();
    const lines = [
      JSON.stringify({
        type: 'tool_calls',
        calls: [{ name: 'run_command', arguments: { argv: ['sleep', '30'], timeout_ms: 600000 } }],
      }),
      JSON.stringify({ type: 'tool_calls', calls: [{ name: 'finish', arguments: { summary: 'x' } }] }),
    ];
    const provider = new ScriptedProvider({ sessions: parseSessionFile(lines.join('\n'), 't') });
    const started = Date.now();
    const r = await provider.runSession(
      request(root, implementerTools({ root }), { budget: { maxTurns: 5, maxTokens: 1e6, maxWallMs: 300 } }),
    );
    expect(Date.now() - started).toBeLessThan(6000);
    expect(r.endReason).toBe('max-wall');
  });
});

/** No live process has `sleep <tag>` as its command line (waits a little for the kernel). */
async function gone(tag: string): Promise<boolean> {
  for (let i = 0; i < 40; i++) {
    const live = readdirSync('/proc').filter((p) => {
      if (!/^\d+$/.test(p)) return false;
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'utf8') === `sleep\0${tag}\0` && alive(Number(p));
      } catch {
        return false;
      }
    });
    if (live.length === 0) return true;
    await new Promise((res) => setTimeout(res, 50));
  }
  return false;
}
