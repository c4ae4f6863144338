// The same hostile implementation, written into a build repo by a scripted implementer and
// approved by a scripted reviewer: the build gate (default options) runs it in the jail, the
// hidden cases fail, and the build is not accepted. Without the jail, no build is accepted
// unless --allow-unjailed says so.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild } from '../../src/build/index.js';
import { buildOptionsFor } from '../support/build-options.js';
import {
  ROMAN_PY,
  ROMAN_SPEC,
  finish,
  romanTaskSessions,
  scripted,
  session,
  tmpDir,
  verdict,
  write,
} from '../build/support.js';
import {
  HOSTILE,
  MARKER,
  type Project,
  eventually,
  hostileProject,
  jailWorks,
  leaks,
  processesWith,
} from './support.js';

let project: Project;
beforeAll(async () => {
  project = await hostileProject();
});
afterAll(async () => project?.restore());

describe.runIf(jailWorks)('the build gate against a hostile implementation', () => {
  it('runs it jailed: hidden cases fail, the build is rejected, nothing leaks into the repo', async () => {
    const oracle = readFileSync(path.join(HOSTILE, 'python/oracle.py'), 'utf8');
    const provider = scripted([
      session('implementer', '01-scaffold'),
      write('oracle.py', oracle),
      write('ghost.json', '{"language":"python","entry":"oracle.py"}\n'),
      finish(),
      session('implementer', '02-fn-ping'),
      finish(),
      session('implementer', '03-integration'),
      finish(),
      session('reviewer', 'review-1'),
      verdict('approve'),
    ]);
    const out = tmpDir('ghost-adv-build-');
    const report = await runBuild(
      await buildOptionsFor(project.spec, out, provider, { maxRounds: 1, conformance: { jobs: 2, timeoutMs: 4000 } }),
    );
    expect(report.isolation).toBe('bubblewrap');
    expect(report.status).toBe('rejected');
    const last = report.rounds.at(-1)!.conformance!;
    expect(last.hiddenTotal).toBe(10);
    expect(last.hiddenFailed).toBe(10);
    const written = readFileSync(path.join(out, '.ghost/report.json'), 'utf8');
    expect(leaks(written)).toEqual([]);
    expect(await eventually(() => processesWith(MARKER).length === 0)).toBe(true);
  });
});

describe('a gate that ran unjailed', () => {
  const roman = () => scripted([...romanTaskSessions(ROMAN_PY), session('reviewer', 'review-1'), verdict('approve')]);
  const saved = { noJail: process.env.GHOST_NO_JAIL, allow: process.env.GHOST_ALLOW_UNJAILED };
  beforeAll(() => {
    process.env.GHOST_NO_JAIL = '1';
    delete process.env.GHOST_ALLOW_UNJAILED;
  });
  afterAll(() => {
    for (const [k, v] of [
      ['GHOST_NO_JAIL', saved.noJail],
      ['GHOST_ALLOW_UNJAILED', saved.allow],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('is not ACCEPTED, even when every case passes and the reviewer approves', async () => {
    const report = await runBuild(await buildOptionsFor(ROMAN_SPEC, tmpDir(), roman()));
    expect(report.isolation).toBe('none');
    expect(report.rounds.at(-1)!.conformance).toMatchObject({ hiddenFailed: 0 });
    expect(report.status).toBe('rejected');
    expect(report.reasons.join('\n')).toMatch(/ran unjailed .*--allow-unjailed/);
  });

  it('is ACCEPTED with --allow-unjailed', async () => {
    const report = await runBuild(await buildOptionsFor(ROMAN_SPEC, tmpDir(), roman(), { allowUnjailed: true }));
    expect(report.isolation).toBe('none');
    expect(report.status).toBe('accepted');
  });
});
