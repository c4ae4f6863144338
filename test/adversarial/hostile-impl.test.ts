// A hostile implementation with no logic tries every way we know to learn the hidden cases'
// answers or a secret (fixtures/hostile/): /proc of its parents, the filesystem, its argv, the
// user's HOME, the environment, the network, a note left in its own directory, a setsid()
// child that outlives its timeout. Under `ghost test` with default options each must fail.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConformanceReport } from '../../src/conformance/types.js';
import { runConformance } from '../../src/conformance/index.js';
import { loadSpec } from '../../src/spec/index.js';
import { ghostTestReport } from '../support/cli.js';
import {
  GHOST_BIN,
  HIDDEN_ARG,
  MARKER,
  type Project,
  eventually,
  filesContaining,
  hostileProject,
  implementationOutput,
  jailWorks,
  leaks,
  processesWith,
} from './support.js';

let project: Project;
beforeAll(async () => {
  project = await hostileProject();
});
afterAll(async () => project?.restore());

const variants = [
  { lang: 'python', flags: [] as string[], name: 'default options' },
  { lang: 'javascript', flags: [] as string[], name: 'default options' },
  { lang: 'python', flags: ['--sandbox'], name: '--sandbox' },
] as const;

describe.runIf(jailWorks).each(variants)(
  '$lang: a hostile implementation under ghost test ($name)',
  ({ lang, flags }) => {
    let report: ConformanceReport;
    beforeAll(async () => {
      const r = await ghostTestReport(project.spec, project.impl(lang), ['--timeout', '6000', ...flags]);
      expect(r.code).toBe(1);
      report = r.report;
    });

    it('ran in the jail, and the implementation itself works', () => {
      expect(report.isolation).toBe('bubblewrap');
      expect(report.results.find((r) => r.id === 'ping')?.status).toBe('passed');
    });

    it('fails every hidden case: no attack finds an answer', () => {
      const hidden = report.results.filter((r) => r.hidden);
      expect(hidden).toHaveLength(10);
      expect(hidden.filter((r) => r.status === 'passed').map((r) => r.id)).toEqual([]);
    });

    it('sees no secret: not the environment, not the user HOME, not the spec', () => {
      expect(leaks(implementationOutput(report))).toEqual([]);
    });

    it('cannot leave a note for later: its directory, /tmp and HOME stay clean', () => {
      expect(filesContaining(project.impl(lang), HIDDEN_ARG)).toEqual([]);
      expect(existsSync('/tmp/oracle-loot')).toBe(false);
      expect(existsSync(path.join(project.home, '.oracle-loot'))).toBe(false);
    });

    it('its setsid() child does not outlive the case timeout', async () => {
      expect(await eventually(() => processesWith(MARKER).length === 0)).toBe(true);
    });
  },
);

describe.runIf(jailWorks)('the attacks are real', () => {
  it("unjailed, `ghost test spec.md` run from the project: the parent's argv and cwd give the answers away", () => {
    const out = path.join(project.dir, 'report-unjailed.json');
    const r = spawnSync(
      process.execPath,
      [GHOST_BIN, 'test', 'spec.md', '--impl', 'impl-python', '--grep', '/argv|cwd/', '--reporter', 'json', '-o', out],
      {
        cwd: project.dir,
        env: { ...process.env, GHOST_NO_JAIL: '1' },
        encoding: 'utf8',
      },
    );
    expect(r.stderr).toMatch(/warning: running unjailed: GHOST_NO_JAIL=1/);
    const report = JSON.parse(readFileSync(out, 'utf8')) as ConformanceReport;
    expect(report.isolation).toBe('none');
    expect(report.results.map((x) => [x.id, x.status])).toEqual([
      ['hidden-proc-cwd', 'passed'],
      ['hidden-argv', 'passed'],
    ]);
  });
});

describe('unjailed (no bubblewrap), best effort', () => {
  it.each(['python', 'javascript'] as const)(
    'a %s setsid() child still dies at the deadline (found by its environment tag)',
    async (lang) => {
      const { spec } = await loadSpec(project.spec);
      const report = await runConformance(spec, {
        implDir: project.impl(lang),
        isolation: 'none',
        filter: { ids: ['hidden-setsid'] },
        timeoutMs: 1500,
      });
      expect(report.results[0]!.message).toBe('timed out after 1500 ms');
      expect(await eventually(() => processesWith(MARKER).length === 0)).toBe(true);
    },
  );
});

describe.runIf(jailWorks)('kill -9 of ghost test', () => {
  it.each(['python', 'javascript'] as const)(
    'leaves nothing of a %s implementation running (setsid child included)',
    async (lang) => {
      const child = spawn(
        process.execPath,
        [GHOST_BIN, 'test', project.spec, '--impl', project.impl(lang), '--grep', 'setsid', '--timeout', '60000'],
        {
          stdio: 'ignore',
        },
      );
      try {
        expect(await eventually(() => processesWith(MARKER).length > 0, 20_000)).toBe(true);
        child.kill('SIGKILL');
        expect(await eventually(() => processesWith(MARKER).length === 0)).toBe(true);
      } finally {
        child.kill('SIGKILL');
      }
    },
  );
});
