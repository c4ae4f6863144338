// Example fences in the docs must not close early: a ``` block that shows a spec with its own
// ``` blocks inside ends at the first inner fence, and the rest of the page renders as code.
import { readdirSync, readFileSync } from 'node:fs';
import type { Code, Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';

const DOCS = [
  'README.md',
  ...readdirSync('docs')
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const parser = unified().use(remarkParse);

function codeBlocks(tree: Root): Code[] {
  const out: Code[] = [];
  const walk = (node: { type: string; children?: unknown[] }) => {
    if (node.type === 'code') out.push(node as Code);
    for (const child of node.children ?? []) walk(child as { type: string; children?: unknown[] });
  };
  walk(tree);
  return out;
}

/**
 * Places where a fenced block holds a line that opens a fence as long as its own (same
 * character, with an info string): the author meant to nest, so the inner closer ends the
 * outer block. Also an example of Markdown whose inner fences do not balance.
 */
function earlyClosingFences(source: string): string[] {
  const lines = source.split('\n');
  const found: string[] = [];
  for (const node of codeBlocks(parser.parse(source))) {
    const start = node.position?.start.line ?? 0;
    const outer = /^\s*(`{3,}|~{3,})/.exec(lines[start - 1] ?? '')?.[1];
    if (!outer) continue; // indented code
    node.value.split('\n').forEach((line, i) => {
      const m = /^\s{0,3}(`{3,}|~{3,})\s*(\S.*)?$/.exec(line);
      if (m?.[1] && m[2] && m[1][0] === outer[0] && m[1].length >= outer.length)
        found.push(`line ${start + 1 + i}: \`${line.trim()}\` opens a fence inside a ${outer} block`);
    });
    if (node.lang === 'markdown' || node.lang === 'md') {
      let open: string | undefined;
      for (const line of node.value.split('\n')) {
        const m = /^\s{0,3}(`{3,}|~{3,})(.*)$/.exec(line);
        if (!m?.[1]) continue;
        if (!open) open = m[1];
        else if (m[1][0] === open[0] && m[1].length >= open.length && !m[2]!.trim()) open = undefined;
      }
      if (open) found.push(`line ${start}: the ${node.lang} example ends inside one of its own fences`);
    }
  }
  return found;
}

describe('docs fences', () => {
  it.each(DOCS)('%s has no example fence that closes early', (file) => {
    expect(earlyClosingFences(readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('catches the mistake it is for', () => {
    const broken = '# x\n\n```markdown\n# spec\n\n```yaml conformance\n- id: a\n```\n```\n\n## after\n';
    expect(earlyClosingFences(broken)).toEqual([
      'line 6: ````yaml conformance` opens a fence inside a ``` block',
      'line 3: the markdown example ends inside one of its own fences',
    ]);
    expect(
      earlyClosingFences(broken.replace('```markdown', '````markdown').replace('```\n```\n', '```\n````\n')),
    ).toEqual([]);
  });
});
