// Where the cases sit in the sources, recorded while parsing so that one function
// (visible.ts) can cut the hidden ones out without ever re-reading Markdown: a block's span
// comes from the parser's own positions (blockquotes, list items, tildes, CRLF and HTML
// comments are whatever the parser says they are), and an item's span from its YAML node.
import type { FencedBlock } from './blocks.js';
import { LineIndex } from './lines.js';
import type { CaseBlockSpan, Span } from './types.js';
import type { ParsedYaml } from './yaml-source.js';

/**
 * Whether a raw case is hidden: its own `hidden:` flag, else its block's or file's. Anything
 * but an explicit `false` hides, so a malformed flag errs on the side of not showing.
 */
export function rawHidden(raw: unknown, inherited: boolean): boolean {
  const flag =
    raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as { hidden?: unknown }).hidden : undefined;
  return flag === undefined ? inherited : flag !== false;
}

/** Line starts of the spec source, counted as micromark counts them (a lone CR ends a line). */
export class SourceLines {
  private readonly index: LineIndex;
  constructor(private readonly source: string) {
    this.index = new LineIndex(source, { loneCR: true });
  }
  /** Offset where 1-based `line` starts (the source's end past the last line). */
  lineStart(line: number): number {
    return this.index.starts[line - 1] ?? this.source.length;
  }
  line(offset: number): number {
    return this.index.line(offset);
  }
}

/** The whole lines of a fenced block, from the code node's own positions. */
export function blockSpan(block: FencedBlock, lines: SourceLines): Span & { first: number; last: number } {
  const pos = block.node.position;
  const start = pos?.start.offset ?? block.offset;
  const end = Math.max(start, (pos?.end.offset ?? start) - 1);
  const first = lines.line(start);
  const last = lines.line(end);
  return { start: lines.lineStart(first), end: lines.lineStart(last + 1), first, last };
}

export function exampleSpan(block: FencedBlock, lines: SourceLines): CaseBlockSpan {
  const { start, end } = blockSpan(block, lines);
  return { kind: 'example', start, end, hidden: block.meta.has('hidden'), items: [] };
}

/**
 * A conformance block's span. `list` is its parsed YAML list (undefined when it did not
 * parse as one). Items get spans only when each starts its own line as `- `; otherwise a
 * block with any hidden case is cut whole, never guessed at.
 */
export function conformanceSpan(
  block: FencedBlock,
  lines: SourceLines,
  parsed: ParsedYaml | undefined,
  list: unknown[] | undefined,
): CaseBlockSpan {
  const whole = blockSpan(block, lines);
  const blockHidden = block.meta.has('hidden');
  const flags = (list ?? []).map((raw) => rawHidden(raw, blockHidden));
  const base = { kind: 'conformance' as const, start: whole.start, end: whole.end };
  if (!parsed || !list) return { ...base, hidden: true, items: [] };
  const allHidden = flags.length > 0 && flags.every(Boolean);
  if (!flags.some(Boolean)) return { ...base, hidden: false, items: [] };
  if (allHidden) return { ...base, hidden: true, items: [] };
  const starts = itemLines(block, parsed, list.length, whole.first);
  if (!starts) return { ...base, hidden: true, items: [] };
  // The line after the block's last content line: the closing fence, or the container's end.
  const contentEnd = whole.first + 1 + block.node.value.split('\n').length;
  const items = starts.map((line, i) => ({
    start: lines.lineStart(line),
    end: lines.lineStart(starts[i + 1] ?? contentEnd),
    hidden: flags[i]!,
  }));
  return { ...base, hidden: false, items };
}

/** 1-based file lines where each item begins (comments just before it included), or undefined. */
function itemLines(block: FencedBlock, parsed: ParsedYaml, count: number, fenceLine: number): number[] | undefined {
  const text = block.node.value;
  // YAML counts lines by LF, micromark by CR too: with a lone CR the two disagree.
  if (/\r(?!\n)/.test(text)) return undefined;
  const rows = text.split('\n');
  const starts: number[] = [];
  for (let i = 0; i < count; i++) {
    const at = parsed.locate([i]).start;
    let k = at.line - block.source.line; // 0-based row of the block's text
    const row = rows[k];
    // The item must open its own row with `- ` (a flow list shares rows between items).
    if (row === undefined || row.slice(0, at.column - 1 - block.source.indent).trim() !== '-') return undefined;
    while (k > 0 && /^\s*(#.*)?$/.test(rows[k - 1] ?? 'x')) k--;
    const line = fenceLine + 1 + k;
    if (line <= (starts[starts.length - 1] ?? fenceLine)) return undefined;
    starts.push(line);
  }
  return starts;
}

/** `text` of [from, to) of `source` with every span inside it removed. */
export function cutSpans(source: string, from: number, to: number, spans: readonly Span[]): string {
  let out = '';
  let at = from;
  for (const s of spans) {
    if (s.end <= from || s.start >= to) continue;
    out += source.slice(at, Math.max(at, s.start));
    at = Math.max(at, s.end);
  }
  return out + source.slice(Math.min(at, to), to);
}
