// Markdown → mdast with unified + remark-parse (CommonMark + YAML front matter, and each GFM
// construct where the text can hold it, gfm.ts). The tree is the one remark-gfm builds for the
// whole source; see skeleton.ts for how we get it in linear time: top-level fenced code
// contents are not re-tokenized, big documents are parsed in heading-aligned pieces, and every
// position is mapped back to the original source here.
import type { Code, Nodes, Root, RootContent } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { GFM } from './gfm.js';
import { checkMarkdownLimits, LimitError, type InlineRun } from './limits.js';
import { LineIndex } from './lines.js';
import { skeletonOf, type Skeleton } from './skeleton.js';

type Processor = ReturnType<typeof commonmark>;

function commonmark() {
  return unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();
}

/** CommonMark plus the GFM constructs that can match in `text` (gfm.ts), one processor per set. */
const processors = new Map<string, Processor>();

function processorFor(text: string): Processor {
  const constructs = GFM.filter((c) => c.trigger.test(text));
  const key = constructs.map((c) => c.name).join(' ');
  let processor = processors.get(key);
  if (!processor) {
    processor = unified()
      .use(remarkParse)
      .use(remarkFrontmatter, ['yaml'])
      .use(function gfmConstructs() {
        const data = this.data();
        (data.micromarkExtensions ??= []).push(...constructs.map((c) => c.micromark));
        (data.fromMarkdownExtensions ??= []).push(...constructs.map((c) => c.mdast));
      })
      .freeze() as unknown as Processor;
    processors.set(key, processor);
  }
  return processor;
}

/** `chunkBytes`: smallest piece parsed on its own (tests make it tiny to exercise the cuts). */
export function parseMarkdown(source: string, chunkBytes?: number): Root {
  const skel = skeletonOf(source, chunkBytes);
  try {
    checkMarkdownLimits(skel.text, inlineRuns);
  } catch (e) {
    // Report where it is in the source, not in the skeleton.
    if (e instanceof LimitError) throw new LimitError(e.message, toOriginal(skel, e.offset));
    throw e;
  }
  const root: Root = { type: 'root', children: [] };
  const lines = skel.cuts.length > 1 ? new LineIndex(skel.text, { loneCR: true }) : undefined;
  skel.cuts.forEach((cut, k) => {
    const end = skel.cuts[k + 1] ?? skel.text.length;
    const text = skel.text.slice(cut, end);
    const part = processorFor(text + skel.definitions).parse(text + skel.definitions);
    const line = lines?.line(cut) ?? 1;
    for (const child of part.children) {
      if ((child.position?.start.offset ?? 0) >= text.length) break; // copied definitions
      relocate(child, cut, line - 1, skel, source);
      root.children.push(child as RootContent);
    }
  });
  // micromark leaves a byte-order mark out of offsets.
  const bom = source.startsWith('\ufeff') ? 1 : 0;
  root.position = {
    start: { line: 1, column: 1, offset: 0 },
    end: {
      line: skel.text.split(/\r\n|\r|\n/).length + (skel.segments[skel.segments.length - 1]?.lineShift ?? 0),
      column: source.length - Math.max(source.lastIndexOf('\n'), source.lastIndexOf('\r')),
      offset: source.length - bom,
    },
  };
  return root;
}

let blocksOnly: Processor | undefined;

/**
 * Paragraphs and headings of `text`, from a parse with emphasis and links turned off: the
 * block structure in linear time, for the delimiter budget (limits.ts) to count inside.
 */
function inlineRuns(text: string): InlineRun[] {
  blocksOnly ??= unified()
    .use(remarkParse)
    .data('micromarkExtensions', [
      { disable: { null: ['attention', 'labelStartLink', 'labelStartImage', 'labelEnd'] } },
    ])
    .freeze() as unknown as Processor;
  const runs: InlineRun[] = [];
  const stack: Nodes[] = [blocksOnly.parse(text)];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if ((node.type === 'paragraph' || node.type === 'heading') && node.position) {
      runs.push({ start: node.position.start.offset ?? 0, end: node.position.end.offset ?? 0 });
    } else if ('children' in node) for (const child of node.children) stack.push(child as Nodes);
  }
  return runs;
}

function toOriginal(skel: Skeleton, offset: number): number {
  const seg = segmentAt(skel, offset);
  return seg.orig + (offset - seg.skel);
}

/**
 * Maps a chunk-local tree onto the original source; dropped fences get their content back.
 * A loop, not recursion: inline nesting (emphasis in emphasis...) can be thousands deep.
 */
function relocate(top: Nodes, chunkOffset: number, chunkLines: number, skel: Skeleton, source: string): void {
  const stack: Nodes[] = [top];
  for (let node = stack.pop(); node; node = stack.pop()) {
    relocateOne(node, chunkOffset, chunkLines, skel, source);
    if ('children' in node) for (const child of node.children) stack.push(child as Nodes);
  }
}

function relocateOne(node: Nodes, chunkOffset: number, chunkLines: number, skel: Skeleton, source: string): void {
  const pos = node.position;
  if (pos) {
    const skelStart = (pos.start.offset ?? 0) + chunkOffset;
    if (node.type === 'code') {
      const fence = skel.fences.get(skelStart);
      if (fence) (node as Code).value = source.slice(fence.valueStart, fence.valueEnd);
    }
    for (const point of [pos.start, pos.end]) {
      const s = (point.offset ?? 0) + chunkOffset;
      const seg = segmentAt(skel, s);
      point.offset = seg.orig + (s - seg.skel);
      point.line += chunkLines + seg.lineShift;
    }
  }
}

function segmentAt(skel: Skeleton, offset: number): Skeleton['segments'][number] {
  const segs = skel.segments;
  let lo = 0;
  let hi = segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segs[mid]!.skel <= offset) lo = mid;
    else hi = mid - 1;
  }
  return segs[lo]!;
}
