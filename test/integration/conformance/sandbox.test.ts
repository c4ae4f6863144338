import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConformance } from '../../../src/conformance/index.js';
import { probeJail } from '../../../src/process/index.js';
import { UserError } from '../../../src/util/errors.js';
import { MISBEHAVING, call, spec } from '../../conformance/helpers.js';

const PY = `${MISBEHAVING}/python`;
const bwrapWorks = probeJail().ok;

/** Runs `fn` as if bubblewrap were not installed. */
async function withoutBwrap(fn: () => Promise<void>): Promise<void> {
  const saved = { bwrap: process.env.GHOST_BWRAP, noJail: process.env.GHOST_NO_JAIL };
  process.env.GHOST_BWRAP = '/nonexistent/bwrap';
  delete process.env.GHOST_NO_JAIL;
  try {
    await fn();
  } finally {
    for (const [k, v] of [
      ['GHOST_BWRAP', saved.bwrap],
      ['GHOST_NO_JAIL', saved.noJail],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('the jail (default) and --sandbox', () => {
  it('says clearly when bubblewrap is missing', async () => {
    await withoutBwrap(async () => {
      const run = runConformance(spec([call('a', 'add', [1, 1], { value: 2 })]), { implDir: PY, sandbox: true });
      await expect(run).rejects.toThrow(UserError);
      await expect(runConformance(spec([]), { implDir: PY, sandbox: true })).rejects.toThrow(
        /^--sandbox needs bubblewrap: apt-get install bubblewrap \(\/nonexistent\/bwrap not found\)$/,
      );
    });
  });

  it('by default runs unjailed without bubblewrap, says so once, and records it', async () => {
    const warnings: string[] = [];
    await withoutBwrap(async () => {
      const report = await runConformance(spec([call('a', 'add', [1, 1], { value: 2 })]), {
        implDir: PY,
        onWarning: (m) => warnings.push(m),
      });
      expect(report).toMatchObject({ isolation: 'none', passed: 1 });
      expect(warnings).toEqual([
        expect.stringMatching(/^running unjailed: \/nonexistent\/bwrap not found \(install bubblewrap/),
      ]);
    });
  });

  it.runIf(bwrapWorks)('jails by default when bubblewrap works, and records it', async () => {
    const report = await runConformance(spec([call('a', 'add', [1, 1], { value: 2 })]), { implDir: PY });
    expect(report).toMatchObject({ isolation: 'bubblewrap', passed: 1 });
  });

  it.runIf(bwrapWorks)(
    'runs drivers without network and with a read-only filesystem, the implementation included',
    async () => {
      // not under /tmp: the jail's /tmp is a private tmpfs where any write succeeds and vanishes
      // (a checkout under /tmp would put this probe there)
      const outside = path.join(os.homedir(), '.ghost-sandbox-probe');
      const inside = path.join(PY, '.ghost-sandbox-probe');
      const cases = [
        call('works', 'add', [1, 2], { value: 3 }),
        call('network', 'try_network', [], { value: 'blocked: OSError' }),
        call('write-outside', 'write_file', [outside], { error: 'OSError' }),
        call('write-inside', 'write_file', [inside], { error: 'OSError' }),
      ];
      const report = await runConformance(spec(cases), { implDir: PY, sandbox: true, jobs: 1 });
      expect(report.results.map((r) => [r.id, r.status, r.message])).toEqual(
        cases.map((c) => [c.id, 'passed', undefined]),
      );
    },
  );

  it.runIf(bwrapWorks)('a timeout still kills the sandboxed tree', async () => {
    const cases = [call('hang', 'hang', [], { value: 1 }), call('after', 'add', [1, 2], { value: 3 })];
    const report = await runConformance(spec(cases), { implDir: PY, sandbox: true, jobs: 1, timeoutMs: 500 });
    expect(report.results.map((r) => r.status)).toEqual(['failed', 'passed']);
  });
});
