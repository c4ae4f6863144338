import type { CaseResult, ConformanceReport } from '../types.js';

export interface RenderOptions {
  /** Colour output (pretty only). Default: a terminal on stdout, or FORCE_COLOR (src/util/color.ts). */
  color?: boolean;
}

/** A reporter turns a finished report into text; `onResult` may stream a line per case. */
export interface Reporter {
  name: string;
  render(report: ConformanceReport, options?: RenderOptions): string;
  onResult?(result: CaseResult): string | undefined;
}
