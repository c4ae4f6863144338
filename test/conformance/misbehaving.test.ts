// The runner's defences against implementations (and drivers) that misbehave.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runConformance } from '../../src/conformance/index.js';
import { FAKE_DRIVER, MISBEHAVING, call, spec } from './helpers.js';

const JS = `${MISBEHAVING}/javascript`;
const PY = `${MISBEHAVING}/python`;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ghost-misbehave-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Alive = exists and is not a zombie (containers may have no reaper). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function eventually(check: () => boolean, ms = 2000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}

const langs = [
  { lang: 'javascript', dir: JS, sleeper: 'spawnSleeper' },
  { lang: 'python', dir: PY, sleeper: 'spawn_sleeper' },
];

describe.each(langs)('$lang implementation', ({ lang, dir, sleeper }) => {
  // Unjailed (the fallback without bubblewrap): the process group is what a timeout kills. The
  // jailed variant, setsid() escapes included, is in test/adversarial/.
  it('unjailed, a timeout kills the whole process group and a fresh driver serves the next case', async () => {
    const pidFile = path.join(tmp, `sleeper-${lang}.pid`);
    const cases = [
      call('hang', 'hang', [], { value: 1 }),
      call('sleeper', sleeper, [pidFile], { value: 1 }),
      call('after', 'add', [1, 2], { value: 3 }),
    ];
    // two drivers: both are killed, and whichever comes free first starts a fresh one for `after`
    const report = await runConformance(spec(cases), { implDir: dir, jobs: 2, timeoutMs: 500, isolation: 'none' });
    expect(report.results.map((r) => [r.status, r.message])).toEqual([
      ['failed', 'timed out after 500 ms'],
      ['failed', 'timed out after 500 ms'],
      ['passed', undefined],
    ]);
    expect(existsSync(pidFile)).toBe(true);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(await eventually(() => !alive(pid))).toBe(true);
  });

  it('a crash fails only the case in flight', async () => {
    const cases = [
      call('before', 'add', [1, 1], { value: 2 }),
      call('crash', 'crash', [], { value: 1 }),
      call('after', 'add', [2, 2], { value: 4 }),
      call('after2', 'echo', ['x'], { value: 'x' }),
    ];
    const report = await runConformance(spec(cases), { implDir: dir, jobs: 1 });
    expect(report.results.map((r) => r.status)).toEqual(['passed', 'failed', 'passed', 'passed']);
    expect(report.results[1]!.message).toMatch(
      lang === 'python'
        ? /^driver exited with code 3 while running this case/
        : /^driver (killed by SIGKILL|exited with code 137 \(128 \+ SIGKILL\)) while running this case/,
    );
  });

  it.each(['auto', 'none'] as const)(
    "gets an allow-listed environment, never ghost's own (isolation %s)",
    async (isolation) => {
      const saved = { ...process.env };
      Object.assign(process.env, {
        MY_SERVICE_API_KEY: 'k',
        GITHUB_TOKEN: 't',
        OPENAI_API_KEY: 'o',
        DB_PASSWORD: 'p',
        DATABASE_URL: 'postgres://secret@db/x',
        FOO_DSN: 'dsn',
        X_PEM: 'pem',
        WEBHOOK_URL: 'https://hooks.example/secret',
        GHOST_TEST_HARMLESS: 'h',
        GHOST_TEST_ALLOWED: 'a',
        LC_TIME: 'C',
      });
      try {
        const fn = lang === 'python' ? 'env_keys' : 'envKeys';
        const report = await runConformance(spec([call('env', fn, [], { value: [] })]), {
          implDir: dir,
          isolation,
          envAllow: ['GHOST_TEST_ALLOWED'],
        });
        const keys = report.results[0]!.actual as string[];
        expect(keys).toContain('GHOST_IMPL_DIR');
        expect(keys).toContain('GHOST_TEST_ALLOWED');
        expect(keys).toContain('LC_TIME');
        expect(keys).toContain('PATH');
        expect(keys).not.toContain('GHOST_TEST_HARMLESS');
        expect(keys.filter((k) => /_KEY$|TOKEN|PASSWORD|^OPENAI_|URL|DSN|PEM/.test(k))).toEqual([]);
      } finally {
        for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      }
    },
  );
});

describe('protocol violations', () => {
  it('quotes a garbage line and carries on with a fresh driver', async () => {
    const cases = [call('garbage', 'garbage', [], { value: 1 }), call('after', 'add', [1, 2], { value: 3 })];
    const report = await runConformance(spec(cases), { implDir: JS, jobs: 1 });
    expect(report.results[0]).toMatchObject({
      status: 'errored',
      message: 'driver sent garbage instead of a response: "this is not a protocol line"',
    });
    expect(report.results[1]!.status).toBe('passed');
  });

  it('bounds output without a newline, fails the case and kills the driver', async () => {
    const cases = [call('flood', 'flood', [], { value: 1 }), call('after', 'add', [1, 2], { value: 3 })];
    const report = await runConformance(spec(cases), {
      implDir: JS,
      jobs: 1,
      maxLineBytes: 1 << 20,
      timeoutMs: 10_000,
    });
    expect(report.results[0]!.status).toBe('failed');
    expect(report.results[0]!.message).toMatch(
      /^driver output exceeded 1048576 bytes without a newline \(starts "xxxx/,
    );
    expect(report.results[1]!.status).toBe('passed');
  });

  it('python output written straight to fd 1 is captured by the driver, not mistaken for the protocol', async () => {
    const report = await runConformance(spec([call('garbage', 'garbage', [], { value: 1 })]), { implDir: PY });
    expect(report.results[0]!.status).toBe('passed');
    expect(report.results[0]!.output).toContain('this is not a protocol line');
  });

  it('a driver that never says hello is reported, not waited on forever', async () => {
    const report = await runConformance(spec([call('a', 'add', [1, 1], { value: 2 })]), {
      implDir: JS,
      driverCommand: [process.execPath, '-e', 'setInterval(() => {}, 1000)'],
      handshakeTimeoutMs: 300,
    });
    expect(report.results[0]).toMatchObject({ status: 'errored', message: 'driver sent no handshake within 300 ms' });
  });

  it('a driver that answers with the wrong id or an invalid handshake is reported', async () => {
    const wrongId = `process.stdout.write(JSON.stringify({ghost:'driver',protocol:1,functions:{add:'add'}})+'\\n');
      process.stdin.on('data', () => process.stdout.write(JSON.stringify({id:99,ok:true,value:2})+'\\n'));`;
    const a = await runConformance(spec([call('a', 'add', [1, 1], { value: 2 })]), {
      implDir: JS,
      driverCommand: [process.execPath, '-e', wrongId],
    });
    expect(a.results[0]!.message).toBe(
      'driver answered id 99 instead of 1: "{\\"id\\":99,\\"ok\\":true,\\"value\\":2}"',
    );
    const b = await runConformance(spec([call('a', 'add', [1, 1], { value: 2 })]), {
      implDir: JS,
      driverCommand: [process.execPath, '-e', 'console.log("hello there")'],
    });
    expect(b.results[0]!.message).toBe('driver sent an invalid handshake: "hello there"');
  });

  it('the fake driver agrees with the real one (runner is driver-agnostic)', async () => {
    const cases = [call('a', 'add', [1, 1], { value: 2 }), call('b', 'fail', ['Nope'], { error: 'Nope' })];
    const report = await runConformance(spec(cases), { implDir: JS, driverCommand: FAKE_DRIVER });
    expect(report.passed).toBe(2);
  });
});
