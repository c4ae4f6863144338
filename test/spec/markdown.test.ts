// The fast Markdown path (skeleton.ts: dropped fence contents, heading-aligned pieces, GFM only
// where it can match) must build exactly the tree remark builds for the whole source.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/spec/markdown.js';

const reference = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => join(e.parentPath, e.name));
}

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
  'bom': `\ufeff# t\n\n${F}\nx\n${F}\n`,
  'crlf and cr': `# t\r\n\r\n${F}yaml\r\na: 1\r\n\r\nb: 2\r\n${F}\r\n\rpara MUST\r${F}\rq\r${F}\r`,
  'blank content and trailing blank': `${F}\n\n${F}\n${F}\na\n\n${F}\n`,
  'setext and tables': `Title\n=====\n\n| a | b |\n|---|---|\n| MUST x | ~~y~~ |\n\n${F}\n| not | table |\n${F}\n`,
  'definitions across headings': `# a\n\nsee [x][d] and [^1]\n\n# b\n\n[d]: /url\n[^1]: note MUST\n`,
  'definitions in pieces': `# a\n\nsee [x][d], [y] and [^1] and [^2]\n\n- item\n\n  [l]: /in-list\n\n# b\n\n[d]: /url\n[^1]: note MUST\n\n# c\n\n[Y]: /y 'title'\n\n[^2]: two\n    continued\n\n[l] here\n`,
  'definition-looking text in a paragraph': `# a\n\n[z] used\n\n# b\n\ntext\n[z]: /not-a-definition\n`,
  'definition after a heading and after a list': `# a\n[q]: /q\n\n- x\n[r]: /r\n\n# b\n\n[q] [r]\n`,
  'piece ends before definitions are appended': `# a\n\n- one\n- two\n# b\n\n> quote\n# c\n\n    code\n# d\n\n1. x\n\n   y\n# e\ntext [k]\n\n[k]: /k\n`,
  'closer with spaces': `${F}\nx\n   ${F}   \n# h\n`,
};

function same(source: string, chunkBytes?: number): void {
  expect(parseMarkdown(source, chunkBytes)).toEqual(reference.parse(source));
}

describe('parseMarkdown', () => {
  it.each(Object.entries(TRICKY))('matches remark: %s', (_name, source) => {
    same(source);
    same(source, 1);
  });

  it('matches remark on random mixes of block constructs', () => {
    const pieces = [
      '# h MUST\n', '## 1. Num\n', 'para MUST x.\n', 'lazy\n', '\n', '\n', '- item\n', '  - nested\n', '1. one\n', '   cont\n',
      '> quote\n', '```yaml conformance\n', '```\n', '~~~\n', '  ```\n', '    indented\n', '<div>\n', '<!-- c -->\n', '<!--\n', '-->\n',
      '[d]: /u\n', '[^f]: note\n', 'see [d] and [^f]\n', '| a | b |\n', '|---|---|\n', '- [ ] task\n', '---\n', 'Title\n', '===\n',
      '  [e]: /x\n', '> [q]: /q\n', '- [r]: /r\n', '[^g]: a\n    b\n', '<pre>\n', '</pre>\n', '~~~~\n', '   ```\n', '```\r\n', 'x\r\n',
      '[d]\n', 'a [e] [q] [r] [^g]\n', '#\n', '#no\n', '---\nk: v\n---\n',
      '- id: x\n', '  args: [1]\n', '\tcode\n', '* * *\n', '```js `x`\n', '````\n', 'www.x.com ~~s~~\n',
    ];
    let seed = 42;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let doc = 0; doc < 300; doc++) {
      let source = '';
      const n = 5 + rand(30);
      for (let k = 0; k < n; k++) source += pieces[rand(pieces.length)];
      same(source);
      same(source, 1);
    }
  });

  it('matches remark on every spec and fixture, whole and in small pieces', () => {
    // fixtures/limits/ are past the parser's limits on purpose (test/spec/limits.test.ts).
    for (const file of [...files('specs'), ...files('fixtures').filter((f) => !f.includes('limits')), 'docs/spec-format.md', 'README.md']) {
      const source = readFileSync(file, 'utf8');
      same(source);
      same(source, 64);
    }
  });
});
