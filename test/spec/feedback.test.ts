// Spec authors' feedback: readable derived ids under signature headings, clean tagged texts,
// block + case requirement refs merged, numbered section titles.
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../src/spec/index.js';

const F = '```';

describe('derived requirement ids under signature headings', () => {
  const md = [
    '# lib',
    '',
    '## truncate(text: string, length: integer, options?: object) -> string',
    '',
    'It MUST NOT exceed `length`. It SHOULD keep words [R-words]. It MUST add an ellipsis.',
    '',
    '## truncate',
    '',
    'The section MUST exist.',
    '',
    '### `parse(text)` -> object',
    '',
    'It MUST parse.',
    '',
    '## Parse',
    '',
    'Prose MUST stay.',
    '',
  ].join('\n');
  const { spec } = parseSpec(md, 'lib.md');
  const ids = spec.requirements.map((r) => r.id);

  it('use the function name', () => {
    const plain = parseSpec(
      '# l\n\n## truncate(text: string, length: integer) -> string\n\nIt MUST cut. It MUST NOT grow.\n',
      'l.md',
    );
    expect(plain.spec.requirements.map((r) => r.id)).toEqual(['R-truncate-1', 'R-truncate-2']);
  });

  it('stay unique against other sections’ slugs', () => {
    expect(ids).toEqual(['R-truncate-1-1', 'R-words', 'R-truncate-1-3', 'R-truncate-1', 'R-parse-1-1', 'R-parse-1']);
  });

  it('keep GitHub section slugs (links) and record them as the section', () => {
    expect(spec.requirements[0]?.section).toBe('truncatetext-string-length-integer-options-object---string');
  });
});

describe('tagged requirement text', () => {
  it('drops the tag and the space before it', () => {
    const md = '# t\n\n## A\n\nThis is ignored [R-a]. Middle [R-c] MUST go too.\n\n[R-b] Leading tags MUST go.\n';
    expect(parseSpec(md, 't.md').spec.requirements.map((r) => [r.id, r.level, r.text])).toEqual([
      ['R-a', 'MUST', 'This is ignored.'],
      ['R-c', 'MUST', 'Middle MUST go too.'],
      ['R-b', 'MUST', 'Leading tags MUST go.'],
    ]);
  });
});

describe('case requirement refs', () => {
  const md = [
    '# t',
    '',
    '### neg(x: number) -> number',
    '',
    'It MUST negate [R-neg]. It MUST keep zero [R-zero].',
    '',
    `${F}yaml conformance fn=neg requirements=R-neg`,
    '- { id: a, args: [1], expect: -1 }',
    '- { id: b, args: [0], expect: 0, requirements: [R-zero, R-neg] }',
    '- { id: c, args: [2], expect: -2, requirements: [R-nope] }',
    F,
    '',
  ].join('\n');
  const { spec, diagnostics } = parseSpec(md, 't.md');

  it('merge the block default with the case’s own', () => {
    expect(spec.cases.map((c) => [c.id, c.requirements])).toEqual([
      ['a', ['R-neg']],
      ['b', ['R-neg', 'R-zero']],
      ['c', ['R-neg', 'R-nope']],
    ]);
    expect(diagnostics.filter((d) => d.rule === 'unknown-requirement').map((d) => [d.line, d.message])).toEqual([
      [10, 'case `c` references requirement `R-nope`, which the spec does not define'],
    ]);
  });
});

describe('numbered headings', () => {
  it('split the number from the title', () => {
    const md = '# t\n\n## 1. Introduction\n\n## 2.3. Deep dive\n\n## 4 Plain\n\n## 2024 was a year\n';
    const sections = parseSpec(md, 't.md').spec.sections[0]?.children ?? [];
    expect(sections.map((s) => [s.number, s.title, s.slug])).toEqual([
      ['1', 'Introduction', '1-introduction'],
      ['2.3', 'Deep dive', '23-deep-dive'],
      ['4', 'Plain', '4-plain'],
      ['2024', 'was a year', '2024-was-a-year'],
    ]);
  });
});
