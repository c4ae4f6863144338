// A real published ghost library (whenwords: no front matter, signature headings, tests.yaml
// beside the spec) loads unchanged: one function per heading, every case counted.
import { Ajv } from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSpec, summarize, type CallCase } from '../../src/spec/index.js';

describe('fixtures/third-party/whenwords', async () => {
  const { spec, diagnostics } = await loadSpec('fixtures/third-party/whenwords/SPEC.md');

  it('has no errors, and warns that the name came from the H1', () => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(diagnostics[0]?.rule).toBe('no-front-matter');
    expect(spec.meta).toMatchObject({ name: 'whenwords', version: '0.1.0', frontMatter: false, tests: ['tests.yaml'] });
  });

  it('declares one function per signature heading (none from the code-fenced template)', () => {
    expect(spec.functions.map((f) => [f.name, f.params.map((p) => `${p.name}${p.optional ? '?' : ''}`)])).toEqual([
      ['timeago', ['timestamp', 'reference?']],
      ['duration', ['seconds', 'options?']],
      ['parse_duration', ['string']],
      ['human_date', ['timestamp', 'reference?']],
      ['date_range', ['start', 'end']],
    ]);
  });

  it('imports every tests.yaml case with positional args', () => {
    const count = (fn: string) => spec.cases.filter((c) => c.kind === 'call' && c.fn === fn).length;
    expect([count('timeago'), count('duration'), count('parse_duration'), count('human_date'), count('date_range')]).toEqual([36, 26, 32, 20, 9]);
    expect(summarize(spec).cases).toMatchObject({ total: 123, visible: 123, hidden: 0 });
    const byId = new Map(spec.cases.map((c) => [c.id, c as CallCase]));
    expect(byId.get('timeago/2-minutes-ago-90-seconds')?.args).toEqual([1704067110, 1704067200]);
    expect(byId.get('duration/compact-max_units-1')?.args).toEqual([9000, { compact: true, max_units: 1 }]);
    expect(byId.get('parse_duration/error-empty-string')).toMatchObject({ args: [''], expect: { kind: 'error' } });
  });
});

describe('spec.schema.json', () => {
  const ajv = new Ajv({ strict: false });
  const validate = ajv.compile(JSON.parse(readFileSync('schemas/spec.schema.json', 'utf8')) as object);
  const files = [
    'fixtures/third-party/whenwords/SPEC.md',
    ...readdirSync('fixtures/broken').filter((f) => f.endsWith('.md')).map((f) => `fixtures/broken/${f}`),
  ];
  it.each(files)('describes the model parsed from %s', async (file) => {
    const { spec } = await loadSpec(file);
    validate(JSON.parse(JSON.stringify(spec)));
    expect(validate.errors ?? []).toEqual([]);
  });
});
