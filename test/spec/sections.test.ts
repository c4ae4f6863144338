import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../src/spec/index.js';

describe('sections', () => {
  const md =
    '---\nname: s\n---\n\n# Title\n\nIntro text.\n\n## 4.2 Rounding\n\nRound *half* up.\n\n### Details\n\nMore.\n\n## Rounding\n\n## Rounding\n';
  const { spec } = parseSpec(md, 's.md');
  const root = spec.sections[0];

  it('builds a tree with GitHub-style unique slugs', () => {
    expect(root?.slug).toBe('title');
    expect(root?.children.map((s) => s.slug)).toEqual(['42-rounding', 'rounding', 'rounding-1']);
    expect(root?.children[0]?.children.map((s) => s.slug)).toEqual(['details']);
  });

  it('keeps each section’s own Markdown, number, depth, hash and position', () => {
    const s = root?.children[0];
    expect(s?.title).toBe('Rounding');
    expect(s?.number).toBe('4.2');
    expect(s?.depth).toBe(2);
    expect(s?.text).toBe('Round *half* up.');
    expect(s?.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(s?.location.start).toEqual({ line: 9, column: 1 });
    expect(root?.text).toBe('Intro text.');
  });

  it('changes a section hash only when that section changes', () => {
    const edited = parseSpec(md.replace('More.', 'Less.'), 's.md').spec.sections[0];
    expect(edited?.children[0]?.hash).toBe(root?.children[0]?.hash);
    expect(edited?.children[0]?.children[0]?.hash).not.toBe(root?.children[0]?.children[0]?.hash);
  });
});
