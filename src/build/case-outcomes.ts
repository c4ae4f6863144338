// One gate run case by case, as the build keeps it for people (REPORT.md, the HTML report):
// hidden cases reduced to id, function, requirements and status, then counted per function.
import type { ConformanceReport } from '../conformance/types.js';

/**
 * One case of one gate run as the build keeps it for people (.ghost/gate/round-N.json, never
 * committed, written after the last agent session). A hidden case keeps its id, function,
 * requirements and status only: never its arguments, expectation, output or message.
 */
export interface CaseOutcome {
  id: string;
  fn?: string;
  requirements: string[];
  hidden: boolean;
  status: 'passed' | 'failed' | 'errored' | 'skipped';
  /** Visible cases only: why it failed (the diff headline). */
  message?: string;
}

/** Per-case outcomes for the build report: hidden cases reduced to id, function, requirements, status. */
export function caseOutcomes(report: ConformanceReport): CaseOutcome[] {
  return report.results.map((r) => ({
    id: r.id,
    ...(r.fn ? { fn: r.fn } : {}),
    requirements: [...r.requirements],
    hidden: r.hidden,
    status: r.status,
    ...(!r.hidden && r.message ? { message: r.message.slice(0, 2000) } : {}),
  }));
}

export interface FunctionRow {
  /** The function, or `(command)` for CLI-shaped cases without one. */
  fn: string;
  visible: { passed: number; total: number };
  hidden: { passed: number; total: number };
}

export function byFunction(cases: readonly CaseOutcome[]): FunctionRow[] {
  const rows = new Map<string, FunctionRow>();
  for (const c of cases) {
    const fn = c.fn ?? '(command)';
    const row = rows.get(fn) ?? { fn, visible: { passed: 0, total: 0 }, hidden: { passed: 0, total: 0 } };
    rows.set(fn, row);
    const side = c.hidden ? row.hidden : row.visible;
    side.total += 1;
    if (c.status === 'passed') side.passed += 1;
  }
  return [...rows.values()];
}

/** `a, b, c and 57 more`: long id lists stay readable. */
export function capList(items: readonly string[], max = 10): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
