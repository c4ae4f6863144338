// runProcess reports every way a child can fail as a typed failure, unjailed (fast); the
// jailed paths are exercised by test/adversarial/.
import { describe, expect, it } from 'vitest';
import { describeFailure, runProcess } from '../../src/process/index.js';

// sh, not node: these run in the default tier and must start fast
const sh = (code: string) => ['/bin/sh', '-c', code];
const base = { cwd: process.cwd(), timeoutMs: 5000 };

describe('runProcess', () => {
  it('succeeds without a failure, capturing stdout, stderr and stdin', async () => {
    const r = await runProcess({ ...base, argv: sh('cat; echo e >&2'), input: 'hi' });
    expect(r).toMatchObject({ exitCode: 0, stdout: 'hi', stderr: 'e\n', isolation: 'none' });
    expect(r.failure).toBeUndefined();
  });

  it('types an exit, a spawn failure, a timeout and an overflow', async () => {
    const exit = await runProcess({ ...base, argv: sh('exit 3') });
    expect(exit.failure).toEqual({ kind: 'exit', code: 3, signal: null });
    const spawn = await runProcess({ ...base, argv: ['/nonexistent/program'] });
    expect(spawn.failure?.kind).toBe('spawn');
    const timeout = await runProcess({ ...base, argv: sh('sleep 10'), timeoutMs: 100 });
    expect(timeout.failure).toEqual({ kind: 'timeout', timeoutMs: 100 });
    expect(describeFailure(timeout.failure!)).toBe('timed out after 100 ms');
    const flood = await runProcess({ ...base, argv: sh('yes'), maxStdoutBytes: 1000, killOnStdoutOverflow: true });
    expect(flood.failure).toEqual({ kind: 'overflow', limitBytes: 1000 });
  });

  it('kills a silent process as stalled; each output chunk restarts the idle clock', async () => {
    // prints for ~350 ms (longer than the idle limit), then goes quiet
    const ticks = 'i=0; while [ $i -lt 7 ]; do echo tick $i; i=$((i+1)); sleep 0.05; done; sleep 10';
    const r = await runProcess({ ...base, argv: sh(ticks), idleTimeoutMs: 250 });
    expect(r).toMatchObject({ stalled: true, timedOut: false });
    expect(r.failure).toEqual({ kind: 'stalled', idleMs: 250 });
    expect(r.stdout).toContain('tick 6');
    expect(describeFailure(r.failure!)).toBe('no output for 250 ms; killed as stalled');
    const quick = await runProcess({ ...base, argv: sh('echo once'), idleTimeoutMs: 250 });
    expect(quick).toMatchObject({ stalled: false, exitCode: 0 });
    expect(quick.failure).toBeUndefined();
  });

  it("passes an allow-listed environment, not ghost's own", async () => {
    process.env.GHOST_RUN_TEST_SECRET_URL = 'postgres://secret';
    try {
      const r = await runProcess({ ...base, argv: sh('env | cut -d= -f1 | tr "\\n" ,'), env: { GHOST_X: '1' } });
      const keys = r.stdout.split(',');
      expect(keys).toContain('GHOST_X');
      expect(keys).not.toContain('GHOST_RUN_TEST_SECRET_URL');
    } finally {
      delete process.env.GHOST_RUN_TEST_SECRET_URL;
    }
  });
});
