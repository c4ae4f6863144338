// Input limits. Hostile or broken specs must end in bounded time with a clear message, never
// a stack overflow or minutes of CPU: micromark is quadratic in container nesting and in
// emphasis/link delimiters within one run of text, and recursive code (ours and the YAML
// library's) overflows the stack on deep nesting. The limits sit far above any real spec.

/** Deepest YAML value (lists and mappings) a case, interface or front matter may hold. */
export const MAX_YAML_DEPTH = 100;
/** Widest line indentation (columns, tabs as 4) in Markdown outside top-level fences: ~100 nested lists. */
export const MAX_INDENT = 400;
/** Most blockquote markers (`>`) at the start of a line. */
export const MAX_QUOTE_DEPTH = 100;
/**
 * Most emphasis/link delimiters (`*`, `_`, `[`, `]`) in one run of non-blank lines: resolving
 * nested emphasis is quadratic (4,000 nested `*` take seconds), while a long paragraph or
 * table of real prose holds a few hundred.
 */
export const MAX_DELIMITERS = 4000;

/** An input past a limit; `offset` is where (in the text that was checked). */
export class LimitError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const DELIMITER = /[*_[\]]/g;

/** Largest text the delimiter budget is confirmed on with a block-level parse (seconds per MB). */
const MAX_CONFIRM_BYTES = 2 * 1024 * 1024;

function tooLarge(offset: number): LimitError {
  return new LimitError(
    `too large: more than ${MAX_DELIMITERS} emphasis or link characters (*, _, [, ]) in one paragraph; split it with blank lines`,
    offset,
  );
}

/** [start, end) of a run of inline text (a paragraph or heading), as the parser found it. */
export interface InlineRun {
  start: number;
  end: number;
}

/**
 * Throws LimitError at the first line past a Markdown limit. Linear in the text, with one
 * exception: when a run of non-blank lines holds more delimiters than the budget, that may
 * be code (a long sample after the point where the skeleton hands micromark the raw text),
 * which costs nothing to parse. `inlineRuns` (a block-level parse, inline constructs off)
 * then says where the paragraphs really are, and only they are held to the budget.
 */
export function checkMarkdownLimits(text: string, inlineRuns: (text: string) => InlineRun[]): void {
  let delimiters = 0;
  let suspect: number | undefined;
  let runStart = 0;
  let at = 0;
  while (at <= text.length) {
    let end = text.indexOf('\n', at);
    if (end === -1) end = text.length;
    const line = text.slice(at, end);
    if (line.trim() === '') {
      delimiters = 0;
      runStart = end + 1;
    } else {
      let indent = 0;
      let quotes = 0;
      for (const ch of line) {
        if (ch === ' ') indent++;
        else if (ch === '\t') indent += 4;
        else if (ch === '>') quotes++;
        else break;
      }
      if (indent > MAX_INDENT)
        throw new LimitError(
          `too deeply nested: a line indented ${indent} columns (the limit is ${MAX_INDENT}, about 100 nested lists)`,
          at,
        );
      if (quotes > MAX_QUOTE_DEPTH)
        throw new LimitError(`too deeply nested: ${quotes} blockquote markers (the limit is ${MAX_QUOTE_DEPTH})`, at);
      delimiters += line.match(DELIMITER)?.length ?? 0;
      if (delimiters > MAX_DELIMITERS) {
        // Past the size where even the block-level parse takes long, there is no second look.
        if (end - runStart > MAX_CONFIRM_BYTES / 8 || text.length > MAX_CONFIRM_BYTES) throw tooLarge(runStart);
        suspect ??= runStart;
      }
    }
    at = end + 1;
  }
  if (suspect === undefined) return;
  for (const run of inlineRuns(text)) {
    let count = 0;
    DELIMITER.lastIndex = 0;
    const inside = text.slice(run.start, run.end);
    for (let m = DELIMITER.exec(inside); m; m = DELIMITER.exec(inside)) {
      if (++count > MAX_DELIMITERS) throw tooLarge(run.start);
    }
  }
}

/** Depth of a plain JS value (0 for a scalar), without recursion; stops counting past `limit`. */
export function valueDepth(value: unknown, limit = MAX_YAML_DEPTH): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    deepest = Math.max(deepest, depth + 1);
    if (deepest > limit) return deepest;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** A stack overflow, as V8 reports it. */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}
