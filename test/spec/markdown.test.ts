// The fast Markdown path (skeleton.ts: dropped fence contents, heading-aligned pieces, GFM only
// where it can match) must build exactly the tree remark builds for the whole source. The
// slow comparisons (random documents, every shipped file) are in test/integration/spec.
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/spec/markdown.js';

const reference = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();

const F = '```';
const TRICKY: Record<string, string> = {
  'fence in a list': `- item\n\n  ${F}yaml conformance\n  - id: a\n  ${F}\n\n${F}yaml conformance\n- id: b\n${F}\n`,
  'fence opened on a list line': `- ${F}yaml\n  a: 1\n${F}\nafter\n${F}\n`,
  'fence in a quote': `> ${F}\n> # not a heading\n${F}\n# in code\n${F}\n# heading\n`,
  'indented fence bails': `  ${F}\n${F}yaml conformance\n- id: x\n  ${F}\n# h\n`,
  'tilde and long fences': `~~~~ yaml interface\n~~~\n${F}\n~~~~\n\n${F}${F[0]} x\n${F}\n${F}${F[0]}\n`,
  'backtick info with backtick is not a fence': `${F}a\`b\ntext\n${F}\ncode\n${F}\n`,
  'unclosed fence': `# a\n\n${F}\n# b\ntext\n`,
  'html block': `<div>\n${F}\n# x\n</div>\n\n${F}\ny\n${F}\n`,
  'one-line comment': `<!-- note -->\n${F}\nz\n${F}\n# h MUST\n`,
  'comment block': `<!--\n${F}\n-->\n${F}\ncode\n${F}\n`,
  'front matter': `---\nname: x\n---\n\n# t\n\n${F}yaml conformance\n- id: a\n${F}\n`,
  'front matter with a fence inside': `---\na: |\n${F}\n---\n${F}\nc\n${F}\n`,
  bom: `\ufeff# t\n\n${F}\nx\n${F}\n`,
  'crlf and cr': `# t\r\n\r\n${F}yaml\r\na: 1\r\n\r\nb: 2\r\n${F}\r\n\rpara MUST\r${F}\rq\r${F}\r`,
  'blank content and trailing blank': `${F}\n\n${F}\n${F}\na\n\n${F}\n`,
  'setext and tables': `Title\n=====\n\n| a | b |\n|---|---|\n| MUST x | ~~y~~ |\n\n${F}\n| not | table |\n${F}\n`,
  'definitions across headings': `# a\n\nsee [x][d] and [^1]\n\n# b\n\n[d]: /url\n[^1]: note MUST\n`,
  'definitions in pieces': `# a\n\nsee [x][d], [y] and [^1] and [^2]\n\n- item\n\n  [l]: /in-list\n\n# b\n\n[d]: /url\n[^1]: note MUST\n\n# c\n\n[Y]: /y 'title'\n\n[^2]: two\n    continued\n\n[l] here\n`,
  'definition-looking text in a paragraph': `# a\n\n[z] used\n\n# b\n\ntext\n[z]: /not-a-definition\n`,
  'definition after a heading and after a list': `# a\n[q]: /q\n\n- x\n[r]: /r\n\n# b\n\n[q] [r]\n`,
  'piece ends before definitions are appended': `# a\n\n- one\n- two\n# b\n\n> quote\n# c\n\n    code\n# d\n\n1. x\n\n   y\n# e\ntext [k]\n\n[k]: /k\n`,
  'closer with spaces': `${F}\nx\n   ${F}   \n# h\n`,
  // GFM constructs are switched on per piece by their own triggers (gfm.ts).
  'table without a pipe': `# a\n\nLevel\n:--\nMUST x\n\n# b\n\ny\n-:\n`,
  'task box holding CRLF': `- [\r\n] x MUST\r\n`,
  'literal links only in some pieces': `# a\n\n| a | b |\n|---|---|\n| see https://x.io/_a_b_ | *www.y.io/p* |\n\n# b\n\nmail a_b@c.io or _x_@y.io ~~z~~\n\n# c\n\nhttps://q.io/*x* and *y*\n`,
  'literal links next to footnotes and tasks': `- [x] see www.a.io[^1]\n- [ ] ~x~ http://b.io~\n\n[^1]: WWW.C.IO/_d_\n`,
};

function same(source: string, chunkBytes?: number): void {
  expect(parseMarkdown(source, chunkBytes)).toEqual(reference.parse(source));
}

describe('parseMarkdown', () => {
  it.each(Object.entries(TRICKY))('matches remark: %s', (_name, source) => {
    same(source);
    same(source, 1);
  });
});
