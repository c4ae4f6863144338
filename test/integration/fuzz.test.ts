// `ghost fuzz` end to end with real drivers: two copies agree, a reference and its buggy
// variant do not, two independent implementations of a third-party spec (JavaScript and
// Python) disagree where the spec leaves a gap, and one implementation alone is self-checked.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/spec/index.js';
import type { FuzzReport } from '../../src/fuzz/index.js';
import { runCli } from '../support/cli.js';

const validate = new Ajv({ strict: false }).compile(
  JSON.parse(readFileSync('schemas/fuzz-report.schema.json', 'utf8')) as object,
);

async function fuzz(argv: string[]): Promise<{ code: number; report: FuzzReport; stderr: string }> {
  const r = await runCli(['fuzz', ...argv, '--format', 'json']);
  const report = JSON.parse(r.stdout) as FuzzReport;
  expect(validate(report), JSON.stringify(validate.errors)).toBe(true); // the contract: schemas/fuzz-report.schema.json
  return { code: r.code, report, stderr: r.stderr };
}

describe('ghost fuzz (real drivers)', () => {
  it('two copies of one implementation: 0 disagreements, exit 0', async () => {
    const impl = 'fixtures/impls/duration/python';
    const { code, report } = await fuzz([
      'specs/duration.md',
      '--impl',
      impl,
      '--impl',
      impl,
      '--runs',
      '300',
      '--seed',
      '11',
    ]);
    expect(report.groups).toEqual([]);
    expect(report.inputs).toBe(1200);
    expect(code).toBe(0);
  }, 60_000);

  it('reference vs buggy variant, cases hidden: finds the planted bugs, shrunk, exit 1', async () => {
    const { code, report } = await fuzz([
      'specs/duration.md',
      '--impl',
      'fixtures/impls/duration/javascript',
      '--impl',
      'fixtures/impls/duration/buggy-javascript',
      '--runs',
      '2000',
      '--seed',
      '1',
      '--no-cases',
    ]);
    expect(code).toBe(1);
    const byFn = new Map(report.groups.map((g) => [g.fn, g]));
    // bug 1: `d <= 45` instead of `d < 45` — the shrunk input sits on the boundary
    const ago = byFn.get('time_ago')!;
    expect(ago.pattern).toBe('value-vs-value');
    const [ts, ref] = ago.examples[0]!.args as [number, number];
    expect(Math.abs(ref - ts)).toBe(45);
    expect(ago.requirements).toContain('R-thresholds');
    // bug 2: long style joins the last part with " and "
    const fmt = byFn.get('format_duration')!;
    expect(fmt.examples.some((x) => JSON.stringify(x.answers).includes(' and '))).toBe(true);
    expect(fmt.examples[0]!.caseYaml).toMatch(/^- id: fuzz-format_duration-\d+\n {2}fn: format_duration\n {2}args: /);
  }, 120_000);

  it("the sweep finds slugify's apostrophe bug at every seed, and shrinks it", async () => {
    for (const seed of ['1', '2', '3']) {
      const { code, report } = await fuzz(
        [
          'specs/slugify.md',
          '--impl',
          'fixtures/impls/slugify/python',
          '--impl',
          'fixtures/impls/slugify/buggy-python',
        ].concat(['--fn', 'slugify', '--runs', '400', '--seed', seed, '--no-cases']),
      );
      expect(code).toBe(1);
      const swept = report.groups.flatMap((g) => g.examples).filter((x) => x.swept);
      // B1: an apostrophe between two letters or digits is dropped by the reference, a boundary in the variant
      expect(swept.some((x) => /^[\p{L}\p{N}]+['’＇][\p{L}\p{N}]+$/u.test(String(x.args[0])))).toBe(true);
    }
  }, 120_000);

  it('humanize in JavaScript and in Python: a genuine gap, minimal input, exit 1', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ghost-fuzz-')), 'cases.yaml');
    const { code, report } = await fuzz([
      'fixtures/third-party/humanize/SPEC.md',
      '--impl',
      'fixtures/third-party/humanize-impls/js',
      '--impl',
      'fixtures/third-party/humanize-impls/python',
      '--fn',
      'compact_number',
      '--runs',
      '2000',
      '--seed',
      '1',
      '--emit-cases',
      out,
    ]);
    expect(code).toBe(1);
    // JS rejects a threshold past 2^53 - 1 (outside the spec's `integer`), Python accepts it
    const g = report.groups.find((x) => x.fn === 'compact_number' && x.pattern === 'value-vs-error')!;
    expect(g).toBeDefined();
    expect(g.examples[0]!.args).toEqual([0, { threshold: 2 ** 53 }]);
    expect(g.examples[0]!.answers).toEqual([
      { error: { kind: 'RangeError', message: expect.any(String) } },
      { value: '0' },
    ]);
    // the emitted file is a case file ghost reads back
    const { spec, diagnostics } = await loadSpec('fixtures/third-party/humanize/SPEC.md', { tests: [out] });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(spec.cases.some((c) => c.id.startsWith('fuzz-compact_number-'))).toBe(true);
    expect(readFileSync(out, 'utf8')).toContain('FIXME');
  }, 120_000);

  it('an unknown --fn is a usage error (exit 2)', async () => {
    const r = await runCli([
      'fuzz',
      'fixtures/impls/mini/mini.md',
      '--impl',
      'fixtures/impls/mini/javascript-esm',
      '--fn',
      'nope',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--fn nope: the spec declares no such function');
  });

  it('one implementation: errors of undeclared kinds and unexported functions are reported', async () => {
    const { code, report } = await fuzz([
      'fixtures/impls/misbehaving/misbehaving.md',
      '--impl',
      'fixtures/impls/misbehaving/javascript',
      '--runs',
      '30',
      '--seed',
      '1',
      '--timeout',
      '500',
    ]);
    expect(code).toBe(1);
    expect(report.mode).toBe('single');
    expect(report.groups.map((g) => `${g.fn} ${g.pattern}`)).toContain('fail undeclared-error');
    expect(report.functions.find((f) => f.name === 'missing')?.skipped).toMatch(/not exported/);
  }, 60_000);
});
