import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../src/spec/index.js';
import { caseYaml } from '../../src/fuzz/case-yaml.js';

const SPEC = ['# t', '', '### f(a: number, o?: object) -> string', '', 'Does f.', ''].join('\n');

function parseCase(yaml: string) {
  const { spec, diagnostics } = parseSpec(`${SPEC}\n\`\`\`yaml conformance\n${yaml}\`\`\`\n`, 't.md');
  return { c: spec.cases[0], errors: diagnostics.filter((d) => d.severity === 'error') };
}

describe('disagreements as ready-to-paste cases', () => {
  it('leaves the expected answer to the author, with every answer as a comment', () => {
    const yaml = caseYaml({
      id: 'fuzz-f-1',
      fn: 'f',
      args: [Number.NaN, { k: 'a "quoted"\nline' }],
      answers: [
        { label: 'A (impl-a)', answer: { value: 'x' } },
        { label: 'B (impl-b)', answer: { error: { kind: 'Boom', message: 'two\nlines' } } },
      ],
      requirements: [],
    });
    expect(yaml).toContain('# A (impl-a): "x"');
    expect(yaml).toContain('# B (impl-b): error Boom: two');
    expect(yaml).toContain('FIXME');
    const { c, errors } = parseCase(yaml);
    expect(errors).toEqual([]);
    expect(c).toMatchObject({ id: 'fuzz-f-1', fn: 'f', args: [{ $ghost: 'nan' }, { k: 'a "quoted"\nline' }] });
  });

  it('fills in a majority answer, marked as such', () => {
    const yaml = caseYaml({
      id: 'fuzz-f-2',
      fn: 'f',
      args: [1],
      answers: [
        { label: 'A (a)', answer: { error: { kind: 'Bad', message: '' } } },
        { label: 'B (b)', answer: { value: 1 } },
        { label: 'C (c)', answer: { error: { kind: 'Bad', message: '' } } },
      ],
      majority: { answer: { error: { kind: 'Bad', message: '' } }, labels: ['A', 'C'] },
      requirements: [],
    });
    expect(yaml).toContain('# majority answer (A, C), not a decision');
    const { c, errors } = parseCase(yaml);
    expect(errors).toEqual([]);
    expect(c).toMatchObject({ expect: { kind: 'error', errorKind: 'Bad' } });
  });
});
