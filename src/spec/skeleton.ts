// A line pre-pass that makes Markdown parsing cheap and linear without changing its result.
// micromark is slow per line (≈ several µs for each line, even blank ones, cold) and its
// subtokenizer splices the whole document's event list per paragraph, so a multi-megabyte
// spec parses in quadratic time. Two facts let us hand it less, and in pieces:
//  - A fence opened at column 0 (outside front matter and other fences) is always a
//    top-level fenced code block: no container can hold an unindented fence line, and a fence
//    interrupts paragraphs. Its content is opaque, so we drop the content lines and put the
//    original text back into the `code` node afterwards.
//  - An ATX heading at column 0 in the same "plain" state closes every open block, so the text
//    before it parses the same alone. Link/footnote definitions are document-wide: one-line
//    definitions that start a block are copied to the end of every piece (their nodes are
//    dropped there); any other `]:` in the text means the document is parsed whole.
// Anything the scanner cannot classify with certainty (an HTML block start, a fence indented
// 1–3 spaces, a BOM, odd front matter) ends the fast path at that line: the rest is handed to
// micromark verbatim and parsed exactly as before.

export interface Segment {
  /** Offset in the skeleton text where this slice of the original starts. */
  skel: number;
  /** Offset of the same character in the original. */
  orig: number;
  /** Original line minus skeleton line for points inside this slice. */
  lineShift: number;
}

export interface DroppedFence {
  /** Original offsets of the fence's content (line ending before the closer excluded). */
  valueStart: number;
  valueEnd: number;
}

export interface Skeleton {
  text: string;
  /** Ascending by `skel`; the first starts at 0. */
  segments: Segment[];
  /** Keyed by the skeleton offset of the fence's opening line. */
  fences: Map<number, DroppedFence>;
  /** Skeleton offsets where an independent parse may start (always includes 0). */
  cuts: number[];
  /**
   * Link/footnote definitions (one line each, unindented), appended after a blank line to every
   * piece so references resolve as in the whole document; the nodes they make are dropped.
   */
  definitions: string;
}

const FENCE = /^(`{3,}|~{3,})(.*)$/;
const INDENTED_FENCE = /^ {1,3}(?:`{3}|~{3})/;
const HTML_START = /^ {0,3}</;
const ONE_LINE_COMMENT = /^ {0,3}<!--(?:(?!-->).)*?-->(?:(?!<!--).)*$/;
const ATX = /^#{1,6}(?:[ \t]|$)/;
const DEFINITION = /^ {0,3}\[(?:[^\]\\]|\\.)+\]:/;

/**
 * `chunkBytes`: the smallest piece. Small pieces win: on a 2 MB table-heavy spec, 2 KB pieces
 * parse in ~0.6x the CPU of 32 KB ones (micromark's per-document event splicing and GC grow
 * faster than the text), while the per-call overhead stays small.
 */
export function skeletonOf(source: string, chunkBytes = 2048): Skeleton {
  const lines = splitLines(source);
  const parts: string[] = [];
  const segments: Segment[] = [{ skel: 0, orig: 0, lineShift: 0 }];
  const fences = new Map<number, DroppedFence>();
  const headingCuts: number[] = [];
  const definitions: string[] = [];
  let previousBlank = true;
  let skelLength = 0;
  let dropped = 0;
  let i = 0;
  let fast = !source.startsWith('\ufeff');
  const keep = (k: number): void => {
    const line = lines[k];
    if (!line) return;
    parts.push(source.slice(line.start, line.next));
    skelLength += line.next - line.start;
  };

  // Front matter is opaque to the scanner; only a clean `---` … `---` is trusted.
  if (fast && /^(?:---|\+\+\+)/.test(source)) {
    const open = lines[0];
    const close = open?.text === '---' ? lines.findIndex((l, k) => k > 0 && /^---[ \t]*$/.test(l.text)) : -1;
    if (close === -1 || lines[close]?.text !== '---') fast = false;
    else for (; i <= close; i++) keep(i);
  }

  for (; fast && i < lines.length; i++) {
    const line = lines[i]!;
    const text = line.text;
    const fence = FENCE.exec(text);
    if (fence && !(fence[1]![0] === '`' && fence[2]!.includes('`'))) {
      const close = closerOf(lines, i + 1, fence[1]!);
      if (close === -1) {
        fast = false; // an unclosed fence runs to the end: leave it to micromark
        break;
      }
      keep(i);
      const skelOpen = skelLength - (line.next - line.start);
      const first = lines[i + 1]!;
      const closer = lines[close]!;
      if (close > i + 1) {
        fences.set(skelOpen, { valueStart: first.start, valueEnd: lines[close - 1]!.end });
        dropped += close - i - 1;
        segments.push({ skel: skelLength, orig: closer.start, lineShift: dropped });
      }
      keep(close);
      i = close;
      previousBlank = false;
      continue;
    }
    if (INDENTED_FENCE.test(text) || (HTML_START.test(text) && !ONE_LINE_COMMENT.test(text))) {
      fast = false;
      break;
    }
    if (ATX.test(text)) headingCuts.push(skelLength);
    // Only a definition-looking line that starts a block (after a blank line or another
    // definition) is taken; one continuing a paragraph is text and must not be copied.
    const definition: boolean = previousBlank && DEFINITION.test(text);
    if (definition) definitions.push(text.trimStart());
    previousBlank = definition || text.trim() === '' || ATX.test(text);
    keep(i);
  }
  // The rest (after a bail-out) is passed through unchanged.
  const last = lines[i];
  if (last) {
    parts.push(source.slice(last.start));
    skelLength += source.length - last.start;
  }
  const text = parts.join('');
  const cuts = [0];
  // Pieces are safe when every `]:` in the text is inside a definition we copy to each piece.
  // After a bail-out the last piece may end inside an open construct (an unclosed fence) that
  // would swallow copied definitions, so then only definition-free text is cut.
  const copies = definitions.reduce((n, d) => n + count(d, ']:'), 0);
  if (count(text, ']:') === copies && (fast || copies === 0)) {
    for (const cut of headingCuts) if (cut - (cuts[cuts.length - 1] ?? 0) >= chunkBytes) cuts.push(cut);
  }
  return {
    text,
    segments,
    fences,
    cuts,
    definitions: definitions.length > 0 && cuts.length > 1 ? `\n\n${definitions.join('\n\n')}\n` : '',
  };
}

function count(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

interface Line {
  start: number;
  /** End of the content (before the line ending). */
  end: number;
  /** Start of the next line. */
  next: number;
  text: string;
}

/** CommonMark lines: `\n`, `\r\n` and a lone `\r` all end one. */
function splitLines(source: string): Line[] {
  const out: Line[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    out.push({ start, end: m.index, next: m.index + m[0].length, text: source.slice(start, m.index) });
    start = m.index + m[0].length;
  }
  if (start < source.length) out.push({ start, end: source.length, next: source.length, text: source.slice(start) });
  return out;
}

/** Index of the line closing a fence opened with `marker`, or -1 (closers may be indented 0–3). */
function closerOf(lines: Line[], from: number, marker: string): number {
  const ch = marker[0]!;
  for (let k = from; k < lines.length; k++) {
    const t = lines[k]!.text;
    let p = 0;
    while (p < 3 && t[p] === ' ') p++;
    let n = 0;
    while (t[p + n] === ch) n++;
    if (n >= marker.length && /^[ \t]*$/.test(t.slice(p + n))) return k;
  }
  return -1;
}
