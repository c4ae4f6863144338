// End-to-end builds through runBuild with scripted sessions: real repo, real tools, real
// conformance (hidden cases included), real review gate. Only the model is scripted.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { simpleGit } from 'simple-git';
import { describe, expect, it } from 'vitest';
import { runBuild } from '../../../src/build/build.js';
import { validateBuildReport } from '../../../src/build/report-schema.js';
import {
  ROMAN_PY,
  call,
  finish,
  romanBuildOptions,
  romanTaskSessions,
  scripted,
  session,
  tmpDir,
  verdict,
  write,
} from '../../build/support.js';

// A first attempt that forgets the upper bound: only the hidden cases probe 3999 < n.
const ROMAN_NO_UPPER_BOUND = ROMAN_PY.replace('if n < 1 or n > 3999:', 'if n < 1:');

describe('ghost build (scripted sessions)', () => {
  it('accepts a correct implementation: a commit per task, trailers, a schema-valid report, no hidden case in the repo', async () => {
    const out = path.join(tmpDir(), 'repo');
    const provider = scripted([...romanTaskSessions(ROMAN_PY), session('reviewer', 'review-1'), verdict('approve')]);
    const report = await runBuild(await romanBuildOptions(out, provider));

    expect(report.status).toBe('accepted');
    expect(report.rounds).toHaveLength(1);
    expect(report.rounds[0]!.conformance).toMatchObject({ total: 68, passed: 68, hiddenTotal: 16, hiddenFailed: 0 });
    expect(() => validateBuildReport(report)).not.toThrow();
    const log = await simpleGit(out).log();
    const subjects = log.all.map((c) => c.message).reverse();
    expect(subjects.slice(0, 5)).toEqual([
      'ghost: scaffold roman for python',
      'task 01-scaffold: Scaffold the python project and conformance wiring',
      'task 02-fn-to_roman: Implement to_roman',
      'task 03-fn-from_roman: Implement from_roman',
      'task 04-integration: Integrate and finish roman',
    ]);
    const body = log.all.find((c) => c.message.startsWith('task 02'))!.body;
    expect(body).toMatch(/Ghost-Spec-Hash: [0-9a-f]{64}/);
    expect(body).toMatch(/Ghost-Task-Hash: [0-9a-f]{16}/);
    expect(body).toContain('Ghost-Model: scripted:test');
    expect(readFileSync(path.join(out, 'REPORT.md'), 'utf8')).toContain('**ACCEPTED**');
    expect(existsSync(path.join(out, '.ghost/report.json'))).toBe(true);

    // Hidden cases never enter the repo the agents work in: not the snapshot, not any commit.
    const snapshot = readFileSync(path.join(out, '.ghost/spec/roman.md'), 'utf8');
    const everything = await simpleGit(out).raw(['log', '-p', '--all']);
    const { spec } = await romanBuildOptions(out, provider);
    for (const c of spec.cases.filter((x) => x.hidden)) {
      expect(snapshot).not.toContain(`id: ${c.id}`);
      expect(everything).not.toContain(c.id);
    }
    for (const c of spec.cases.filter((x) => !x.hidden).slice(0, 5)) expect(snapshot).toContain(c.id);
  });

  it('repairs in a fix round: hidden failures and a blocking finding go back to the implementer', async () => {
    const out = path.join(tmpDir(), 'repo');
    const provider = scripted([
      ...romanTaskSessions(ROMAN_NO_UPPER_BOUND),
      session('reviewer', 'review-1'),
      verdict('request_changes', [
        { file: 'roman.py', severity: 'blocking', requirement: 'R-to-range', message: 'no upper bound check' },
      ]),
      session('implementer', 'fix-1'),
      write('roman.py', ROMAN_PY),
      finish('upper bound added'),
      session('reviewer', 'review-2'),
      verdict('approve'),
    ]);
    const seen: string[] = [];
    const wrapped = {
      name: provider.name,
      model: provider.model,
      runSession: (r: Parameters<typeof provider.runSession>[0]) => {
        seen.push(r.prompt);
        return provider.runSession(r);
      },
    };
    const report = await runBuild(await romanBuildOptions(out, wrapped));
    expect(report.status).toBe('accepted');
    expect(report.rounds.map((r) => r.conformance?.hiddenFailed)).toEqual([expect.any(Number), 0]);
    expect(report.rounds[0]!.conformance!.hiddenFailed).toBeGreaterThan(0);
    const fixPrompt = seen.find((p) => p.startsWith('# Fix round 1'))!;
    expect(fixPrompt).toMatch(/\d+ of 16 hidden cases fail/);
    expect(fixPrompt).toContain('no upper bound check');
    // Hidden failures are reported as counts and requirement ids only.
    const hiddenIds = (await romanBuildOptions(out, provider)).spec.cases.filter((c) => c.hidden).map((c) => c.id);
    for (const id of hiddenIds) expect(fixPrompt).not.toContain(id);
  });

  it('rejects when the rounds run out, with the reasons', async () => {
    const out = path.join(tmpDir(), 'repo');
    const provider = scripted([
      ...romanTaskSessions(ROMAN_NO_UPPER_BOUND),
      session('reviewer', 'review-1'),
      verdict('approve'),
    ]);
    const report = await runBuild(await romanBuildOptions(out, provider, { maxRounds: 1 }));
    expect(report.status).toBe('rejected');
    expect(report.reasons.join('\n')).toMatch(/of 68 cases fail \(\d+ hidden\)/);
    expect(report.reasons.join('\n')).toContain('max rounds (1) reached');
  });

  it('rejects when the token budget is exhausted, without running further sessions', async () => {
    const out = path.join(tmpDir(), 'repo');
    const provider = scripted([
      session('implementer', '01-scaffold'),
      write('roman.py', '"""roman"""\n', [900, 300]),
      finish(),
      session('implementer', '02-fn-to_roman'),
      write('roman.py', ROMAN_PY, [900, 300]),
      finish(),
    ]);
    const report = await runBuild(await romanBuildOptions(out, provider, { budgetTokens: 1000 }));
    expect(report.status).toBe('rejected');
    expect(report.reasons[0]).toMatch(/token budget exhausted before task 02-fn-to_roman/);
    expect(report.tasks.map((t) => t.id)).toEqual(['01-scaffold']);
  });

  it('flags an implementation that embeds the expected outputs, and tells the reviewer', async () => {
    const out = path.join(tmpDir(), 'repo');
    const opts0 = await romanBuildOptions(out, scripted([]));
    const table = Object.fromEntries(
      opts0.spec.cases
        .filter((c) => !c.hidden && c.kind === 'call' && c.fn === 'to_roman' && c.expect.kind === 'value')
        .map((c) => [
          JSON.stringify(c.kind === 'call' ? c.args[0] : null),
          c.kind === 'call' && c.expect.kind === 'value' ? c.expect.value : null,
        ]),
    );
    const lookup = `${ROMAN_PY}\n_ANSWERS = ${JSON.stringify(table)}\n`;
    const prompts: string[] = [];
    const provider = scripted([...romanTaskSessions(lookup), session('reviewer', 'review-1'), verdict('approve')]);
    const report = await runBuild({
      ...(await romanBuildOptions(out, provider)),
      reviewer: {
        name: 'scripted',
        model: 'scripted:test',
        runSession: (r) => (prompts.push(r.prompt), provider.runSession(r)),
      },
    });
    expect(report.rounds[0]!.hardcoding).toMatchObject({ suspicious: true });
    expect(prompts[0]).toContain('Suspicious implementation');
    expect(report.rounds[0]!.review!.verdict!.findings.some((f) => f.message.startsWith('ghost:'))).toBe(true);
  });

  it('refuses a non-empty output directory unless --resume or --force', async () => {
    const out = tmpDir();
    await import('node:fs/promises').then((fs) => fs.writeFile(path.join(out, 'keep.txt'), 'mine'));
    const opts = await romanBuildOptions(out, scripted([]));
    await expect(runBuild(opts)).rejects.toThrow(/is not empty; pass --resume/);
    await expect(runBuild({ ...opts, force: true })).rejects.toThrow(/not a ghost build repo/);
    expect(readFileSync(path.join(out, 'keep.txt'), 'utf8')).toBe('mine');
  });

  it('a session that fails to call tools still ends in a verdict (no crash)', async () => {
    const out = path.join(tmpDir(), 'repo');
    const provider = scripted([session('implementer', '01-scaffold'), call('no_such_tool', {}), finish()]);
    const report = await runBuild(await romanBuildOptions(out, provider, { maxRounds: 1 }));
    expect(report.status).toBe('rejected');
    expect(report.tasks[1]!.endReason).toBe('error');
  });
});

describe('ghost build of a spec without cases', () => {
  it('rests on the review alone, as the plan says (acceptance: review)', async () => {
    const dir = tmpDir();
    const specFile = path.join(dir, 'notes.md');
    writeFileSync(
      specFile,
      '---\nghost: 1\nname: notes\nversion: 1.0.0\n---\n# notes\n\n## 1. Storage\n\nThe service MUST keep notes in memory.\n',
    );
    const { buildOptionsFor } = await import('../../support/build-options.js');
    const { makePlan } = await import('../../../src/plan/index.js');
    const { loadSpec } = await import('../../../src/spec/index.js');
    const plan = makePlan((await loadSpec(specFile)).spec, { language: 'python' });
    expect(plan.acceptance).toBe('review');
    const lines = plan.tasks.flatMap((t) => [
      session('implementer', t.id),
      write('notes.py', 'NOTES = {}\n'),
      finish(),
    ]);
    const provider = scripted([...lines, session('reviewer', 'review-1'), verdict('approve')]);
    const report = await runBuild(await buildOptionsFor(specFile, path.join(dir, 'repo'), provider));
    expect(report.rounds[0]!.conformance!.total).toBe(0);
    expect(report.status).toBe('accepted');
  });
});
