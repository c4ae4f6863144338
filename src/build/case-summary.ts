// Per-function pass counts over one gate run, for REPORT.md and the HTML report alike.
import type { CaseOutcome } from './gate.js';

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
