import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../src/spec/index.js';
import { redactCaseYaml, redactSpecMarkdown } from '../../src/build/visible-spec.js';

const SPEC = [
  '# tiny',
  '',
  '### double(n: integer) -> integer',
  '',
  '```yaml conformance',
  '- id: two',
  '  fn: double',
  '  args: [1]',
  '  expect: 2',
  '- id: secret-mixed',
  '  fn: double',
  '  args: [21]',
  '  expect: 42',
  '  hidden: true',
  '```',
  '',
  '```yaml conformance hidden',
  '- id: secret-block',
  '  fn: double',
  '  args: [50]',
  '  expect: 100',
  '```',
  '',
  'Trailing prose.',
  '',
].join('\n');

describe('redactSpecMarkdown', () => {
  it('drops hidden blocks and hidden items, keeps everything else', () => {
    const out = redactSpecMarkdown(SPEC);
    expect(out).not.toContain('secret');
    expect(out).toContain('id: two');
    expect(out).toContain('Trailing prose.');
    const { spec, diagnostics } = parseSpec(out, 'tiny.md');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(spec.cases.map((c) => c.id)).toEqual(['two']);
  });

  it('leaves a spec without hidden cases byte-identical', () => {
    const plain = SPEC.split('```yaml conformance hidden')[0]!.replace(/- id: secret-mixed[\s\S]*?hidden: true\n/, '');
    expect(redactSpecMarkdown(plain)).toBe(plain);
  });
});

describe('redactCaseYaml', () => {
  it('filters tests.yaml-style mappings and drops wholly hidden files', () => {
    const text = 'double:\n  - name: a\n    input: 1\n    output: 2\n  - name: b\n    input: 3\n    output: 6\n    hidden: true\n';
    expect(redactCaseYaml(text)).not.toContain('name: b');
    expect(redactCaseYaml('hidden: true\ncases: []\n')).toBeUndefined();
  });
});
