// The section tree. Top-level headings split the document; each section owns the Markdown
// source between its heading and the next heading of any depth (its children are excluded
// because they start with a heading). Lookups by offset are binary searches.
import { createHash } from 'node:crypto';
import type { Heading, Root } from 'mdast';
import { toString as plainText } from 'mdast-util-to-string';
import type { LineIndex } from './lines.js';
import { Slugger } from './slug.js';
import { cutSpans } from './spans.js';
import type { Section, Span } from './types.js';

export interface HeadingEntry {
  node: Heading;
  section: Section;
  /** Heading text as plain text (inline code unwrapped). */
  text: string;
  start: number;
}

export interface SectionIndex {
  tree: Section[];
  headings: HeadingEntry[];
  /** The innermost section whose range holds the offset (undefined before the first heading). */
  at(offset: number): Section | undefined;
}

const NUMBERED = /^(\d+(?:\.\d+)*)\.?\s+(\S.*)$/;

/** `caseBlocks`: spans of the case blocks, in order, left out of each section's `text`. */
export function buildSections(
  root: Root,
  source: string,
  file: string,
  lines: LineIndex,
  caseBlocks: readonly Span[] = [],
): SectionIndex {
  const slugger = new Slugger();
  const headings: HeadingEntry[] = [];
  const nodes = root.children.filter((n): n is Heading => n.type === 'heading');
  let firstBlock = 0; // sections and blocks both come in document order
  nodes.forEach((node, i) => {
    const start = node.position?.start.offset ?? 0;
    const ownStart = node.position?.end.offset ?? start;
    const next = nodes[i + 1];
    const ownEnd = next?.position?.start.offset ?? source.length;
    const text = plainText(node).trim();
    const numbered = NUMBERED.exec(text);
    const own = source.slice(ownStart, ownEnd).trim();
    while (firstBlock < caseBlocks.length && caseBlocks[firstBlock]!.end <= ownStart) firstBlock++;
    let lastBlock = firstBlock;
    while (lastBlock < caseBlocks.length && caseBlocks[lastBlock]!.start < ownEnd) lastBlock++;
    const prose =
      lastBlock > firstBlock ? cutSpans(source, ownStart, ownEnd, caseBlocks.slice(firstBlock, lastBlock)).trim() : own;
    const title = numbered?.[2] ?? text;
    const section: Section = {
      slug: slugger.slug(text),
      title,
      depth: node.depth,
      text: prose,
      hash: createHash('sha256').update(`${title}\n${own}`).digest('hex').slice(0, 16),
      ...(numbered?.[1] ? { number: numbered[1] } : {}),
      location: { file, start: lines.point(start), end: lines.point(ownEnd) },
      children: [],
    };
    headings.push({ node, section, text, start });
  });

  const tree: Section[] = [];
  const stack: Section[] = [];
  for (const { section } of headings) {
    while (stack.length > 0 && (stack[stack.length - 1]?.depth ?? 0) >= section.depth) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(section);
    else tree.push(section);
    stack.push(section);
  }

  const at = (offset: number): Section | undefined => {
    let lo = 0;
    let hi = headings.length - 1;
    let found: HeadingEntry | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const entry = headings[mid];
      if (entry && entry.start <= offset) {
        found = entry;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found?.section;
  };
  return { tree, headings, at };
}
