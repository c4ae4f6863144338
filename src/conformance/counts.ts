// The totals every ConformanceReport carries, for the runner and for merged shard reports.
import type { CaseResult, ConformanceReport } from './types.js';

/** The report's totals: every result counted by status. */
export function statusCounts(
  results: readonly CaseResult[],
): Pick<ConformanceReport, 'total' | 'passed' | 'failed' | 'errored' | 'skipped'> {
  const count = (s: CaseResult['status']) => results.filter((r) => r.status === s).length;
  return {
    total: results.length,
    passed: count('passed'),
    failed: count('failed'),
    errored: count('errored'),
    skipped: count('skipped'),
  };
}
