import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../src/spec/index.js';
import { sentences } from '../../src/spec/requirements.js';

const split = (text: string) => sentences(text).map(([a, b]) => text.slice(a, b));

describe('sentence splitting', () => {
  it('keeps abbreviations, decimals and versions inside sentences', () => {
    expect(split('Use e.g. 1.5 or i.e. v2.0.1 here. Then stop! Really? Yes.')).toEqual([
      'Use e.g. 1.5 or i.e. v2.0.1 here.',
      'Then stop!',
      'Really?',
      'Yes.',
    ]);
  });

  it('attaches a trailing tag to the sentence before it', () => {
    expect(split('It MUST trim. [R-trim-1] Next one.')).toEqual(['It MUST trim. [R-trim-1]', 'Next one.']);
  });
});

describe('requirements', () => {
  const md = [
    '# lib',
    '',
    '## Trim',
    '',
    'It MUST trim, e.g. tabs. It SHOULD NOT allocate; it MAY reuse the buffer. It must be nice.',
    '',
    '- Items MUST NOT be empty [R-items].',
    '',
    '| a | b |',
    '|---|---|',
    '| x | OPTIONAL |',
    '',
    '```text',
    'Code MUST be ignored.',
    '```',
    '',
    'Inline `MUST` code is ignored too.',
    '',
    'THE SOFTWARE IS PROVIDED AS IS AND YOU MAY NOT HOLD US LIABLE FOR ANYTHING.',
    '',
  ].join('\n');
  const { spec } = parseSpec(md, 'lib.md');

  it('finds capitalised keywords, strongest level wins, ids derived or explicit', () => {
    expect(spec.requirements.map((r) => [r.id, r.level])).toEqual([
      ['R-trim-1', 'MUST'],
      ['R-trim-2', 'SHOULD NOT'],
      ['R-items', 'MUST NOT'],
      ['R-trim-4', 'OPTIONAL'],
    ]);
  });

  it('records text and position of the sentence', () => {
    const r = spec.requirements[1];
    expect(r?.text).toBe('It SHOULD NOT allocate; it MAY reuse the buffer.');
    expect(r?.location.start).toEqual({ line: 5, column: 26 });
    expect(spec.requirements[2]?.text).toBe('Items MUST NOT be empty.');
    expect(spec.requirements[2]?.section).toBe('trim');
  });
});
