import { describe, expect, it } from 'vitest';
import { renderSection, stripCaseBlocks, topLevel } from '../../src/plan/sections.js';
import { buildSpec, sections } from './builder.js';

describe('stripCaseBlocks', () => {
  it('drops conformance and example blocks, keeps other code', () => {
    const text = [
      'Intro.',
      '',
      '```yaml conformance hidden',
      '- id: secret',
      '```',
      '',
      '````example id=x',
      '$ wc',
      '```',
      '````',
      '',
      '```yaml interface',
      'functions: {}',
      '```',
      '~~~yml conformance',
      '- id: v',
      '~~~',
      'Outro.',
    ].join('\n');
    const out = stripCaseBlocks(text);
    expect(out).not.toContain('secret');
    expect(out).not.toContain('$ wc');
    expect(out).not.toContain('id: v');
    expect(out).toContain('```yaml interface\nfunctions: {}\n```');
    expect(out).toContain('Outro.');
  });
});

describe('renderSection', () => {
  it('nests headings below the task text and keeps the number', () => {
    const [root] = sections([{ depth: 1, title: 'x' }, { depth: 2, title: 'Storage', text: 'Body.' }]);
    const s = { ...root!.children[0]!, number: '4' };
    expect(renderSection(s)).toBe('#### 4 Storage\n\nBody.');
  });
});

describe('topLevel', () => {
  it('uses the children of a single H1, else the roots', () => {
    const one = buildSpec({ outline: [{ depth: 1, title: 'a' }, { depth: 2, title: 'b' }, { depth: 2, title: 'c' }] });
    expect(topLevel(one).units.map((s) => s.slug)).toEqual(['b', 'c']);
    expect(topLevel(one).preamble.map((s) => s.slug)).toEqual(['a']);
    const many = buildSpec({ outline: [{ depth: 2, title: 'b' }, { depth: 2, title: 'c' }] });
    expect(topLevel(many).units.map((s) => s.slug)).toEqual(['b', 'c']);
  });
});
