// What any reporter may show of a result. A hidden case is reported by id and status only
// (plus its function and requirement ids, which the plan already names): never its arguments,
// expected or actual values, message or output, which would give the case away.
import type { CaseResult, ConformanceReport } from '../types.js';

export function shown(r: CaseResult): CaseResult {
  if (!r.hidden) return r;
  const { id, kind, fn, hidden, status, durationMs, requirements } = r;
  return { id, kind, ...(fn !== undefined ? { fn } : {}), hidden, status, durationMs, requirements };
}

export const NOT_LOADED = 'not run: the implementation failed to load';

/** Results as reporters show them: hidden ones reduced, load-error repeats reduced to a pointer. */
export function shownResults(report: ConformanceReport): CaseResult[] {
  const load = report.loadError?.message;
  return report.results.map((r) => {
    const s = shown(r);
    if (load === undefined || r.message !== load) return s;
    const { output: _o, ...rest } = s;
    return { ...rest, message: NOT_LOADED };
  });
}
