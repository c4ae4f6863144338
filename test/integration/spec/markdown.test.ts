// The fast Markdown path (skeleton.ts: dropped fence contents, heading-aligned pieces, GFM only
// where it can match) must build exactly the tree remark builds: random documents and every
// shipped Markdown file, whole and in small pieces (seconds; the tricky cases are unit tests).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../../src/spec/markdown.js';

const reference = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => join(e.parentPath, e.name));
}

function same(source: string, chunkBytes?: number): void {
  expect(parseMarkdown(source, chunkBytes)).toEqual(reference.parse(source));
}

describe('parseMarkdown against remark', () => {
  it('matches remark on random mixes of block constructs', () => {
    const pieces = [
      '# h MUST\n',
      '## 1. Num\n',
      'para MUST x.\n',
      'lazy\n',
      '\n',
      '\n',
      '- item\n',
      '  - nested\n',
      '1. one\n',
      '   cont\n',
      '> quote\n',
      '```yaml conformance\n',
      '```\n',
      '~~~\n',
      '  ```\n',
      '    indented\n',
      '<div>\n',
      '<!-- c -->\n',
      '<!--\n',
      '-->\n',
      '[d]: /u\n',
      '[^f]: note\n',
      'see [d] and [^f]\n',
      '| a | b |\n',
      '|---|---|\n',
      '- [ ] task\n',
      '---\n',
      'Title\n',
      '===\n',
      '  [e]: /x\n',
      '> [q]: /q\n',
      '- [r]: /r\n',
      '[^g]: a\n    b\n',
      '<pre>\n',
      '</pre>\n',
      '~~~~\n',
      '   ```\n',
      '```\r\n',
      'x\r\n',
      '[d]\n',
      'a [e] [q] [r] [^g]\n',
      '#\n',
      '#no\n',
      '---\nk: v\n---\n',
      '- id: x\n',
      '  args: [1]\n',
      '\tcode\n',
      '* * *\n',
      '```js `x`\n',
      '````\n',
      'www.x.com ~~s~~\n',
      // Each GFM construct is switched on per piece by its own trigger (src/spec/gfm.ts).
      'see https://x.io/_a_b_ and *y*\n',
      'mail a_b@c.io, HTTP://Q.IO/*z*\n',
      ':--\n',
      '--:|\n',
      '- [\r\n] box\n',
      '[x] ~one~ [^f]\n',
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
    for (const file of [
      ...files('specs'),
      ...files('fixtures').filter((f) => !f.includes('limits')),
      'docs/spec-format.md',
      'README.md',
    ]) {
      const source = readFileSync(file, 'utf8');
      same(source);
      same(source, 64);
    }
  });
});
