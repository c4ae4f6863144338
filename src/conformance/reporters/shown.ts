// What any reporter may show of a result. A hidden case is reported by id and status only
// (plus its function and requirement ids, which the plan already names): never its arguments,
// expected or actual values, message or output, which would give the case away.
import type { CaseResult } from '../types.js';

export function shown(r: CaseResult): CaseResult {
  if (!r.hidden) return r;
  const { id, kind, fn, hidden, status, durationMs, requirements } = r;
  return { id, kind, ...(fn !== undefined ? { fn } : {}), hidden, status, durationMs, requirements };
}
