import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reporters, runConformance } from '../../src/conformance/index.js';
import type { CaseResult } from '../../src/conformance/types.js';
import { FAKE_DRIVER, MISBEHAVING, call, spec } from './helpers.js';

const JS = `${MISBEHAVING}/javascript`;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ghost-pool-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const summary = (rs: CaseResult[]) => rs.map((r) => [r.id, r.status, r.message ?? '']);

describe('pool', () => {
  it('reports results in spec order whatever order they finish in', async () => {
    // early cases are slow, late ones fast: completion order is roughly reversed
    const cases = Array.from({ length: 12 }, (_, i) => call(`c${i}`, 'delay', [(12 - i) * 8, i], { value: i }));
    const finished: string[] = [];
    const report = await runConformance(spec(cases), { implDir: JS, jobs: 3, onResult: (r) => finished.push(r.id) });
    expect(report.results.map((r) => r.id)).toEqual(cases.map((c) => c.id));
    expect(report.passed).toBe(12);
    expect(finished).not.toEqual(cases.map((c) => c.id));
    expect(finished.sort()).toEqual(cases.map((c) => c.id).sort());
  });

  it('gives the same results with --isolate (one driver per case)', async () => {
    const cases = [
      call('echo', 'echo', [{ a: [1, 2] }], { value: { a: [1, 2] } }),
      call('wrong', 'add', [2, 2], { value: 5 }),
      call('kind', 'fail', ['InvalidThingError'], { error: 'InvalidThing' }),
      call('wrong-kind', 'fail', ['WrongThing'], { error: 'InvalidThing' }),
      call('missing', 'nothere', [], { value: 1 }),
      call('noisy', 'noisy', [2], { value: 2 }),
    ];
    const a = await runConformance(spec(cases), { implDir: JS, jobs: 2 });
    const b = await runConformance(spec(cases), { implDir: JS, jobs: 2, isolate: true });
    expect(summary(b.results)).toEqual(summary(a.results));
    expect(a.results.map((r) => r.status)).toEqual(['passed', 'failed', 'passed', 'failed', 'errored', 'passed']);
    expect(a.results[4]!.message).toBe('function not found in implementation: nothere');
    expect(a.results[1]).toMatchObject({ expected: 5, actual: 4, message: 'expected 5, got 4' });
    expect(a.results[3]).toMatchObject({
      expected: { error: 'InvalidThing' },
      actual: { error: { kind: 'WrongThing' } },
    });
    expect(a.results[5]!.output).toContain('line 1');
  });

  it('--bail stops at the first failure and skips the rest', async () => {
    const cases = [
      call('ok', 'add', [1, 1], { value: 2 }),
      call('bad', 'add', [1, 1], { value: 3 }),
      call('later', 'add', [1, 2], { value: 3 }),
    ];
    const report = await runConformance(spec(cases), { implDir: JS, jobs: 1, bail: true });
    expect(report.results.map((r) => r.status)).toEqual(['passed', 'failed', 'skipped']);
    expect(report).toMatchObject({ total: 3, passed: 1, failed: 1, errored: 0, skipped: 1 });
  });

  it('applies the filter', async () => {
    const cases = [
      call('a1', 'add', [1, 1], { value: 2 }),
      call('e1', 'echo', [1], { value: 1 }),
      call('h1', 'add', [0, 0], { value: 0 }, { hidden: true }),
    ];
    const report = await runConformance(spec(cases), {
      implDir: JS,
      filter: { functions: ['add'], hidden: 'exclude' },
    });
    expect(report.results.map((r) => r.id)).toEqual(['a1']);
  });

  it('errors every case when the implementation fails to load, without respawning per case', async () => {
    const dir = path.join(tmp, 'broken');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'index.mjs'), 'throw new Error("cannot load me");\n');
    const cases = Array.from({ length: 5 }, (_, i) => call(`c${i}`, 'add', [i, 0], { value: i }));
    const report = await runConformance(spec(cases), { implDir: dir, jobs: 2, driverCommand: FAKE_DRIVER });
    expect(report.errored).toBe(5);
    expect(report.results[0]!.message).toMatch(/implementation failed to load: Error: cannot load me/);
    expect(report.loadError?.message).toBe(report.results[0]!.message);
  });

  it('a load failure is reported once, with file:line, by every reporter', async () => {
    const dir = path.join(tmp, 'broken-once');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'index.mjs'), 'export function add(a, b) {\n  return a +;\n}\n');
    const cases = Array.from({ length: 4 }, (_, i) => call(`c${i}`, 'add', [i, 0], { value: i }));
    const report = await runConformance(spec(cases), { implDir: dir, jobs: 2 });
    expect(report.errored).toBe(4);
    expect(report.loadError?.message).toMatch(/SyntaxError: .*\(index\.mjs:2\)$/);
    for (const name of ['pretty', 'tap', 'junit', 'json'] as const) {
      const text = reporters[name].render(report, { color: false });
      expect(text.split('(index.mjs:2)').length - 1, name).toBe(1);
    }
    expect(reporters.pretty.render(report, { color: false })).toContain(
      'ERROR the implementation failed to load (4 cases not run)',
    );
  });

  it('reports the spec and implementation', async () => {
    const report = await runConformance(spec([call('a', 'add', [1, 1], { value: 2 })], 'named'), { implDir: JS });
    expect(report).toMatchObject({
      reportVersion: 1,
      spec: { name: 'named', version: '0.0.0' },
      implementation: { dir: JS, language: 'javascript' },
      total: 1,
      passed: 1,
    });
    expect(typeof report.results[0]!.durationMs).toBe('number');
  });

  it('pipelined cases queued behind a crash are rerun on a fresh driver, not failed', async () => {
    const cases = [
      ...Array.from({ length: 40 }, (_, i) => call(`a${i}`, 'add', [i, 1], { value: i + 1 })),
      call('crash', 'crash', [], { value: 1 }),
      ...Array.from({ length: 40 }, (_, i) => call(`b${i}`, 'echo', [i], { value: i })),
    ];
    const piped = await runConformance(spec(cases), { implDir: JS, jobs: 1, pipeline: 16 });
    const serial = await runConformance(spec(cases), { implDir: JS, jobs: 1, pipeline: 1 });
    for (const report of [piped, serial]) {
      expect(report.failed).toBe(1);
      expect(report.passed).toBe(80);
      expect(report.results[40]).toMatchObject({ id: 'crash', status: 'failed' });
    }
  });

  it('an abort stops the run: drivers are killed, unfinished cases are skipped', async () => {
    const controller = new AbortController();
    // the slow case would outlive the test timeout: finishing at all means the abort worked
    const cases = [call('slow', 'delay', [60_000, 1], { value: 1 }), call('later', 'add', [1, 1], { value: 2 })];
    setTimeout(() => controller.abort(), 300);
    const report = await runConformance(spec(cases), {
      implDir: JS,
      jobs: 1,
      timeoutMs: 120_000,
      signal: controller.signal,
    });
    expect(report.results.map((r) => [r.status, r.message])).toEqual([
      ['skipped', 'run aborted'],
      ['skipped', 'run aborted'],
    ]);
  });

  it('cases queued behind repeated crashes are never given up on', async () => {
    const cases = Array.from({ length: 30 }, (_, i) =>
      i % 3 === 2 ? call(`crash${i}`, 'crash', [], { value: 1 }) : call(`ok${i}`, 'add', [i, 0], { value: i }),
    );
    const report = await runConformance(spec(cases), { implDir: JS, jobs: 1, pipeline: 32 });
    expect(report.results.map((r) => r.status)).toEqual(
      cases.map((c) => (c.id.startsWith('crash') ? 'failed' : 'passed')),
    );
  });
});
