// Markdown → mdast. One frozen processor per process: CommonMark + GFM + YAML front matter.
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

let processor: ReturnType<typeof createProcessor> | undefined;

function createProcessor() {
  return unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();
}

export function parseMarkdown(source: string): Root {
  processor ??= createProcessor();
  return processor.parse(source);
}
