import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { reporters, runConformance } from '../../src/conformance/index.js';
import type { CaseResult, ConformanceReport } from '../../src/conformance/types.js';
import { MISBEHAVING, ROOT, call, spec } from './helpers.js';

const r = (id: string, status: CaseResult['status'], extra: Partial<CaseResult> = {}): CaseResult => ({
  id,
  kind: 'call',
  fn: 'slugify',
  hidden: false,
  status,
  durationMs: 1.5,
  requirements: [],
  ...extra,
});

const report: ConformanceReport = {
  reportVersion: 1,
  spec: { name: 'slugify', version: '1.0.0', hash: 'ab'.repeat(32) },
  implementation: { dir: '/tmp/impl', language: 'python' },
  isolation: 'none',
  startedAt: '2026-11-25T18:00:00.000Z',
  durationMs: 1234,
  total: 5,
  passed: 1,
  failed: 2,
  errored: 1,
  skipped: 1,
  results: [
    r('basic', 'passed', { durationMs: 0.2 }),
    r('obj<&>"quote\'', 'failed', {
      message: 'expected {"a":[1,2,3]}, got {"a":[1,2,4]}',
      expected: { a: [1, 2, 3], b: 'same' },
      actual: { b: 'same', a: [1, 2, 4] },
      output: 'printed <stuff> & \u0001control',
      durationMs: 40,
    }),
    r('nan', 'failed', { message: 'expected NaN', expected: Number.NaN, actual: 1 }),
    r('timeout # hash', 'errored', { message: 'driver sent garbage instead of a response: "x"' }),
    r('later', 'skipped', { message: 'not run (--bail)', durationMs: 0 }),
  ],
};

describe('pretty', () => {
  const text = reporters.pretty.render(report, { color: false });
  const lines = text.trimEnd().split('\n');

  it('ends with exactly `N passed, N failed`, errored/skipped on the line before', () => {
    expect(lines.at(-1)).toBe('1 passed, 2 failed');
    expect(lines.at(-2)).toBe('1 errored, 1 skipped');
  });

  it('shows failures with a compact diff, a per-function summary and the slowest cases', () => {
    expect(text).toContain('FAIL  obj<&>"quote\' (slugify)');
    expect(text).toContain('ERROR timeout # hash');
    expect(text).toMatch(/- expected \+ actual/);
    expect(text).toMatch(/^\s+- {5}3$/m);
    expect(text).toMatch(/^\s+\+ {5}4$/m);
    expect(text).toContain('slugify  1/5 passed');
    expect(text).toMatch(/Slowest:\n\s+40 ms {2}obj/);
    expect(text).not.toMatch(/\x1b\[/);
  });

  it('colours only when asked', () => {
    expect(reporters.pretty.render(report, { color: true })).toMatch(/\x1b\[/);
    // the closing line stays plain even in colour
    expect(reporters.pretty.render(report, { color: true }).trimEnd().split('\n').at(-1)).toBe('1 passed, 2 failed');
  });
});

describe('json', () => {
  const schema = JSON.parse(readFileSync(`${ROOT}schemas/report.schema.json`, 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, strict: true });
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
  const validate = ajv.compile(schema);

  it('is the report, valid against schemas/report.schema.json', () => {
    const parsed = JSON.parse(reporters.json.render(report)) as ConformanceReport;
    expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);
    expect(parsed.results[2]!.expected).toEqual({ $ghost: 'nan' });
    expect(parsed.total).toBe(5);
  });

  it('a real run is schema-valid too', async () => {
    const s = spec([
      call('a', 'add', [1, 2], { value: 3 }),
      call('b', 'add', [1, 2], { value: 4 }),
      call('m', 'missing', [], { value: 1 }),
    ]);
    const real = await runConformance(s, { implDir: `${MISBEHAVING}/javascript` });
    const parsed = JSON.parse(reporters.json.render(real)) as unknown;
    expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('junit', () => {
  const xml = reporters.junit.render(report);

  it('is well-formed XML with a suite per function and a testcase per case', () => {
    const summary = execFileSync(
      'python3',
      [
        '-c',
        `import sys, xml.etree.ElementTree as ET
root = ET.fromstring(sys.stdin.read())
n = lambda tag: len(list(root.iter(tag)))
print(root.tag, len(root.findall('testsuite')), n('testcase'), n('failure'), n('error'), n('skipped'))
print([tc.get('name') for tc in root.iter('testcase')][1])`,
      ],
      { input: xml, encoding: 'utf8' },
    );
    expect(summary.trim().split('\n')).toEqual(['testsuites 1 5 2 1 1', 'obj<&>"quote\'']);
  });

  it('carries counts and details', () => {
    expect(xml).toContain('<testsuites name="slugify" tests="5" failures="2" errors="1" skipped="1" time="1.234">');
    expect(xml).toContain('classname="slugify.slugify" name="obj&lt;&amp;&gt;&quot;quote&apos;"');
    expect(xml).toContain('\\u0001control');
  });
});

describe('tap', () => {
  const tap = reporters.tap.render(report);
  const lines = tap.split('\n');

  it('is TAP 13 with a plan and one point per case', () => {
    expect(lines[0]).toBe('TAP version 13');
    expect(lines[1]).toBe('1..5');
    expect(lines.filter((l) => /^(not )?ok \d+ - /.test(l))).toEqual([
      'ok 1 - basic',
      'not ok 2 - obj<&>"quote\'',
      'not ok 3 - nan',
      'not ok 4 - timeout \\# hash',
      'ok 5 - later # SKIP not run (--bail)',
    ]);
  });

  it('puts YAML diagnostics under failures', () => {
    const i = lines.indexOf('not ok 2 - obj<&>"quote\'');
    expect(lines[i + 1]).toBe('  ---');
    expect(lines[i + 2]).toBe('  message: "expected {\\"a\\":[1,2,3]}, got {\\"a\\":[1,2,4]}"');
    expect(lines.slice(i, i + 12)).toContain('  ...');
    expect(tap).toContain('# pass 1\n# fail 2\n');
  });
});

describe('plain-data keys', () => {
  it('keeps a __proto__ key in json output and diffs', () => {
    const expected = JSON.parse('{"__proto__":"x"}') as unknown;
    const rep: ConformanceReport = {
      ...report,
      results: [r('proto', 'failed', { message: 'm', expected, actual: {} })],
    };
    expect(reporters.json.render(rep)).toContain('"__proto__": "x"');
    expect(reporters.pretty.render(rep, { color: false })).toMatch(/^ +- +"__proto__": "x"$/m);
  });
});

describe('a failing case explains itself', () => {
  const visible = r('clamp-high', 'failed', {
    fn: 'clamp',
    args: [42, 0, 10],
    call: 'clamp(42, 0, 10)',
    source: 'specs/clamp.md:57',
    message: 'expected 10, got 42',
    expected: 10,
    actual: 42,
  });
  const secret = r('h-secret', 'failed', {
    fn: 'clamp',
    hidden: true,
    requirements: ['R-1'],
    message: 'expected 31337, got 7',
    expected: 31337,
    actual: 7,
    output: 'printed 31337',
  });
  const rep: ConformanceReport = {
    ...report,
    total: 2,
    passed: 0,
    failed: 2,
    errored: 0,
    skipped: 0,
    results: [visible, secret],
  };
  const texts = Object.fromEntries(
    Object.entries(reporters).map(([name, rep2]) => [name, rep2.render(rep, { color: false })]),
  );

  it('shows the call and the spec file:line in every reporter', () => {
    expect(texts.pretty).toMatch(/^ {6}clamp\(42, 0, 10\) {2}at specs\/clamp\.md:57$/m);
    expect(texts.tap).toContain('  call: "clamp(42, 0, 10)"\n  at: "specs/clamp.md:57"');
    expect(texts.junit).toContain('name="clamp-high" file="specs/clamp.md" line="57"');
    expect(texts.junit).toContain('call: clamp(42, 0, 10)');
    const json = JSON.parse(texts.json!) as ConformanceReport;
    expect(json.results[0]).toMatchObject({ args: [42, 0, 10], source: 'specs/clamp.md:57' });
  });

  it('shows a hidden case by id and status only, in every reporter', () => {
    for (const [name, text] of Object.entries(texts)) {
      expect(text, name).toContain('h-secret');
      expect(text, name).not.toContain('31337');
    }
    const json = JSON.parse(texts.json!) as ConformanceReport;
    expect(Object.keys(json.results[1]!).sort()).toEqual([
      'durationMs',
      'fn',
      'hidden',
      'id',
      'kind',
      'requirements',
      'status',
    ]);
  });

  it('a real run carries args and source for visible cases and neither for hidden ones', async () => {
    const cases = [call('a', 'add', [1, 2], { value: 4 }), call('h', 'add', [5, 6], { value: 12 }, { hidden: true })];
    const real = await runConformance(spec(cases), { implDir: `${MISBEHAVING}/javascript` });
    expect(real.results[0]).toMatchObject({ args: [1, 2], call: 'add(1, 2)' });
    expect(real.results[0]!.source).toMatch(/:\d+$/);
    expect(real.results[1]).not.toHaveProperty('args');
    expect(real.results[1]).not.toHaveProperty('source');
  });
});
