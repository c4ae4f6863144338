// Offset → line/column conversion. Line starts are computed once per text, and each lookup
// is a binary search, so positioning thousands of findings in a 10 MB spec stays linear.
// The one place that does this: Markdown, YAML blocks and the spec text all use it.
import type { Point } from './types.js';

export class LineIndex {
  readonly starts: number[] = [0];

  /** `loneCR`: a bare `\r` also ends a line (micromark's rule; YAML and the spec text count `\n`). */
  constructor(text: string, options: { loneCR?: boolean } = {}) {
    if (options.loneCR) {
      const re = /\r\n|\r|\n/g;
      for (let m = re.exec(text); m; m = re.exec(text)) this.starts.push(m.index + m[0].length);
      return;
    }
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** 0-based index of the line holding a 0-based offset. */
  private index(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** 1-based line of a 0-based offset. */
  line(offset: number): number {
    return this.index(offset) + 1;
  }

  /** 1-based point for a 0-based offset. */
  point(offset: number): Point {
    const i = this.index(offset);
    return { line: i + 1, column: offset - (this.starts[i] ?? 0) + 1 };
  }
}
