// A ghost library in the published layout (fixtures/third-party/humanize, our own: no front
// matter, signature headings with →, tests.yaml and INSTALL.md beside the spec) loads
// unchanged: one function per heading, every case counted, named and bare inputs resolved.
import { Ajv } from 'ajv';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makePlan } from '../../src/plan/index.js';
import { loadSpec, summarize, type CallCase } from '../../src/spec/index.js';

const SPEC = 'fixtures/third-party/humanize/SPEC.md';

describe('fixtures/third-party/humanize', async () => {
  const { spec, diagnostics } = await loadSpec(SPEC);

  it('is in the published layout: no front matter, no ghost blocks', () => {
    const text = readFileSync(SPEC, 'utf8');
    expect(text.startsWith('# humanize Specification v0.2.0\n')).toBe(true);
    expect(text).not.toMatch(/```ya?ml (conformance|interface)/);
  });

  it('has no errors, and warns that the name came from the H1', () => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // tests.yaml cases name no requirements, so the MUST sentences are reported untested
    expect(diagnostics.map((d) => d.rule)).toEqual(['no-front-matter', 'untested-requirement', 'untested-requirement']);
    expect(spec.requirements.map((r) => [r.id, r.level])).toEqual([
      ['R-overview-1', 'MAY'],
      ['R-rounding-1', 'MUST NOT'],
      ['R-error-handling-1', 'MUST'],
      ['R-error-handling-2', 'SHOULD'],
    ]);
    expect(spec.meta).toMatchObject({ name: 'humanize', version: '0.2.0', frontMatter: false, tests: ['tests.yaml'] });
  });

  it('declares one function per signature heading', () => {
    expect(
      spec.functions.map((f) => [f.name, f.params.map((p) => `${p.name}${p.optional ? '?' : ''}`), f.origin]),
    ).toEqual([
      ['file_size', ['bytes', 'options?'], 'heading'],
      ['ordinal', ['n'], 'heading'],
      ['compact_number', ['n', 'options?'], 'heading'],
      ['pluralize', ['word', 'count', 'plural?'], 'heading'],
      ['duration_words', ['seconds'], 'heading'],
    ]);
  });

  it('imports every tests.yaml case, all visible', () => {
    const count = (fn: string) => spec.cases.filter((c) => c.kind === 'call' && c.fn === fn).length;
    expect(spec.functions.map((f) => count(f.name))).toEqual([28, 18, 26, 19, 17]);
    expect(summarize(spec).cases).toMatchObject({ total: 108, visible: 108, hidden: 0 });
    expect(spec.cases.filter((c) => c.kind === 'call' && c.expect.kind === 'error')).toHaveLength(18);
  });

  it('resolves named inputs (nested options, null, skipped optionals) and bare inputs to positional args', () => {
    const byId = new Map(spec.cases.map((c) => [c.id, c as CallCase]));
    const args = (id: string) => byId.get(id)?.args;
    // named, trailing optional omitted
    expect(args('file_size/exact-half-rounds-up-1150-is-1.2-not-1.1')).toEqual([1150]);
    // named with a nested options object
    expect(args('file_size/precision-3-with-binary')).toEqual([1536000, { binary: true, precision: 3 }]);
    expect(args('file_size/empty-options-are-the-defaults')).toEqual([2500, {}]);
    expect(args('compact_number/long-style-billions-with-precision')).toEqual([
      -2345678901,
      { style: 'long', precision: 2 },
    ]);
    // three named parameters, and an explicit null for the optional one
    expect(args('pluralize/explicit-plural')).toEqual(['mouse', 2, 'mice']);
    expect(args('pluralize/null-plural-derives-the-plural')).toEqual(['wish', 2, null]);
    // bare values for one-argument functions, including a string and a negative number
    expect(args('ordinal/first')).toEqual([1]);
    expect(args('ordinal/numeric-string')).toEqual(['3']);
    expect(args('duration_words/negative')).toEqual([-5]);
    // the same one-argument functions with named inputs
    expect(args('ordinal/twenty-second-named-input')).toEqual([22]);
    expect(args('duration_words/day-and-hour')).toEqual([90061]);
    // the largest safe integer survives YAML → JSON unchanged
    expect(args('file_size/largest-integer-in-petabytes')).toEqual([9007199254740991]);
    expect(byId.get('file_size/one-and-a-half-kilobytes')?.expect).toEqual({ kind: 'value', value: '1.5 kB' });
    expect(byId.get('pluralize/empty-word')).toMatchObject({ args: ['', 2], expect: { kind: 'error' } });
  });

  it('plans one task per function, plus scaffold and integration', () => {
    const plan = makePlan(spec);
    expect(plan.acceptance).toBe('cases');
    expect(
      plan.tasks.map((t) => [t.kind, t.functions.length === 1 ? t.functions[0] : t.functions.length, t.cases.length]),
    ).toEqual([
      ['scaffold', 5, 0],
      ['function', 'file_size', 28],
      ['function', 'ordinal', 18],
      ['function', 'compact_number', 26],
      ['function', 'pluralize', 19],
      ['function', 'duration_words', 17],
      ['integration', 5, 108],
    ]);
  });
});

// Regressions: published tests.yaml files that ghost used to reject or misread.
describe('tests.yaml quirks of published libraries', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ghost-third-party-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const load = async (tests: string) => {
    writeFileSync(
      path.join(dir, 'SPEC.md'),
      '# tiny Specification v1.0.0\n\n### ago(seconds, options?) → string\n\n### id(x) → any\n',
    );
    writeFileSync(path.join(dir, 'tests.yaml'), tests);
    return loadSpec(path.join(dir, 'SPEC.md'));
  };

  it('names are descriptions: ones that slug alike, to nothing, or repeat still give unique ids', async () => {
    const { spec, diagnostics } = await load(
      [
        'ago:',
        "  - { name: '+5 minutes', input: { seconds: 300 }, output: in 5 minutes }",
        "  - { name: '-5 minutes', input: { seconds: -300 }, output: 5 minutes ago }",
        "  - { name: '五分', input: { seconds: 300 }, output: in 5 minutes }",
        "  - { name: '-5 minutes', input: { seconds: -300 }, output: 5 minutes ago }",
        'id:',
        "  - { name: '+5 minutes', input: 1, output: 1 }",
        '',
      ].join('\n'),
    );
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(spec.cases.map((c) => c.id)).toEqual([
      'ago/5-minutes',
      'ago/5-minutes-2',
      'ago/3',
      'ago/5-minutes-3',
      'id/5-minutes',
    ]);
  });

  it('integers beyond 2^53 - 1 keep every digit (the bigint tag), safe ones stay numbers', async () => {
    const { spec, diagnostics } = await load(
      [
        'id:',
        '  - { name: big, input: 9007199254740993, output: -12345678901234567890 }',
        '  - { name: safe, input: 9007199254740991, output: 1 }',
        'ago:',
        '  - { name: nested, input: { seconds: 1, options: { max: 18446744073709551615 } }, output: x }',
        '',
      ].join('\n'),
    );
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const [big, safe, nested] = spec.cases as CallCase[];
    expect(big).toMatchObject({
      args: [{ $ghost: 'bigint', value: '9007199254740993' }],
      expect: { kind: 'value', value: { $ghost: 'bigint', value: '-12345678901234567890' } },
    });
    expect(safe).toMatchObject({ args: [9007199254740991], expect: { kind: 'value', value: 1 } });
    expect(nested?.args).toEqual([1, { max: { $ghost: 'bigint', value: '18446744073709551615' } }]);
  });
});

describe('spec.schema.json', () => {
  const ajv = new Ajv({ strict: false });
  const validate = ajv.compile(JSON.parse(readFileSync('schemas/spec.schema.json', 'utf8')) as object);
  const files = [
    SPEC,
    ...readdirSync('fixtures/broken')
      .filter((f) => f.endsWith('.md'))
      .map((f) => `fixtures/broken/${f}`),
  ];
  it.each(files)('describes the model parsed from %s', async (file) => {
    const { spec } = await loadSpec(file);
    validate(JSON.parse(JSON.stringify(spec)));
    expect(validate.errors ?? []).toEqual([]);
  });
});
