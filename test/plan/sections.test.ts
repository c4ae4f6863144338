import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../src/spec/index.js';
import { renderSections, sectionProse, sectionTitle, topLevel } from '../../src/plan/sections.js';
import { buildSpec, sections } from './builder.js';

/** A section's prose as the plan gets it: parsed by the spec stage, case blocks left out there. */
function stripCaseBlocks(text: string): string {
  const { spec } = parseSpec(`# t\n\n## S\n\n${text}\n`, 'spec.md');
  return sectionProse(spec.sections[0]!.children[0]!);
}

describe('section prose (case blocks cut by the spec stage)', () => {
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

describe('section prose, nested blocks', () => {
  it('drops case blocks inside list items and blockquotes', () => {
    const text = [
      '- An item:',
      '',
      '    ```yaml conformance hidden',
      '    - id: listed-secret',
      '    ```',
      '- ```yml conformance',
      '  - id: bullet-secret',
      '  ```',
      '> ```example id=quoted-secret hidden',
      '> $ wc',
      '> ```',
      'Kept ``` `inline` ``` text.',
      '````markdown',
      '```yaml conformance',
      '- id: shown-as-a-sample',
      '```',
      '````',
    ].join('\n');
    const out = stripCaseBlocks(text);
    for (const secret of ['listed-secret', 'bullet-secret', 'quoted-secret']) expect(out).not.toContain(secret);
    expect(out).toContain('Kept ``` `inline` ``` text.');
    // a fence inside a longer fence is content, not a case block
    expect(out).toContain('shown-as-a-sample');
  });

  it('drops an unterminated case block to the end', () => {
    expect(stripCaseBlocks('a\n```yaml conformance\n- id: x')).toBe('a');
  });
});

describe('renderSections', () => {
  it('nests headings below the task text by relative depth and keeps the number', () => {
    const [root] = sections([
      { depth: 1, title: 'x' },
      { depth: 2, title: 'Storage', text: 'Body.' },
      { depth: 3, title: 'Keys', text: 'Keys.' },
      { depth: 2, title: 'Empty' },
    ]);
    const [storage, empty] = root!.children;
    const keys = { ...storage!.children[0]!, number: '4.1' };
    expect(renderSections([{ ...storage!, number: '4' }, keys, empty!])).toBe(
      '### 4. Storage\n\nBody.\n\n#### 4.1 Keys\n\nKeys.\n\n### Empty',
    );
    // a list that starts deep still starts at ###
    expect(renderSections([keys])).toBe('### 4.1 Keys\n\nKeys.');
  });

  it('gives "## 1. Introduction" its dot back, and leaves a title that kept its number alone', () => {
    const [root] = sections([
      { depth: 1, title: 'x' },
      { depth: 2, title: 'Introduction' },
      { depth: 2, title: '2. Usage' },
    ]);
    const [intro, usage] = root!.children;
    expect(sectionTitle({ ...intro!, number: '1' })).toBe('1. Introduction');
    expect(sectionTitle(usage!)).toBe('2. Usage');
  });
});

describe('topLevel', () => {
  it('uses the children of a single H1, else the roots', () => {
    const one = buildSpec({
      outline: [
        { depth: 1, title: 'a' },
        { depth: 2, title: 'b' },
        { depth: 2, title: 'c' },
      ],
    });
    expect(topLevel(one).units.map((s) => s.slug)).toEqual(['b', 'c']);
    expect(topLevel(one).preamble.map((s) => s.slug)).toEqual(['a']);
    const many = buildSpec({
      outline: [
        { depth: 2, title: 'b' },
        { depth: 2, title: 'c' },
      ],
    });
    expect(topLevel(many).units.map((s) => s.slug)).toEqual(['b', 'c']);
  });
});
