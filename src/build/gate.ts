// The acceptance gate: full conformance (hidden cases included), summarised so that what
// flows back to agents never carries a hidden case's id, input or expected value.
import type { Spec } from '../spec/types.js';
import type { CaseFilter, CaseResult, ConformanceReport, RunOptions } from '../conformance/types.js';

export interface GateSummary {
  total: number;
  passed: number;
  visibleFailures: Array<{ id: string; status: string; message?: string }>;
  hidden: { total: number; failed: number; requirements: string[] };
}

export type RunConformance = (spec: Spec, options: RunOptions) => Promise<ConformanceReport>;

export function summarizeGate(report: ConformanceReport): GateSummary {
  const bad = (r: CaseResult) => r.status === 'failed' || r.status === 'errored';
  const hiddenResults = report.results.filter((r) => r.hidden);
  const hiddenFailed = hiddenResults.filter(bad);
  return {
    total: report.total,
    passed: report.passed,
    visibleFailures: report.results
      .filter((r) => !r.hidden && bad(r))
      .map((r) => ({ id: r.id, status: r.status, ...(r.message ? { message: r.message } : {}) })),
    hidden: {
      total: hiddenResults.length,
      failed: hiddenFailed.length,
      requirements: [...new Set(hiddenFailed.flatMap((r) => r.requirements))].sort(),
    },
  };
}

/**
 * Every case passed. A spec with cases where none ran fails; a spec that has no cases at all
 * (plan acceptance `review`) passes the gate and rests on the reviewer's verdict.
 */
export function gatePassed(summary: GateSummary, acceptance: 'cases' | 'review' = 'cases'): boolean {
  if (summary.total === 0) return acceptance === 'review';
  return summary.passed === summary.total;
}

/** A report safe to keep in the build repo: hidden results lose their values and ids. */
export function redactReport(report: ConformanceReport): ConformanceReport {
  let n = 0;
  return {
    ...report,
    results: report.results.map((r) => {
      if (!r.hidden) return r;
      n += 1;
      const { expected: _e, actual: _a, message: _m, output: _o, ...rest } = r;
      return { ...rest, id: `hidden-${n}`, ...(r.fn ? { fn: r.fn } : {}) };
    }),
  };
}

/** The only conformance an agent can run: hidden cases excluded by construction. */
export function visibleConformance(
  o: {
    spec: Spec;
    language: string;
    runConformance: RunConformance;
    conformance: { timeoutMs?: number; jobs?: number };
  },
  implDir: string,
) {
  return (filter: CaseFilter & { hidden: 'exclude' }, signal?: AbortSignal) =>
    o.runConformance(o.spec, {
      implDir,
      language: o.language,
      ...o.conformance,
      filter: { ...filter, hidden: 'exclude' },
      ...(signal ? { signal } : {}),
    });
}

/**
 * Why a build whose gate passed is still not accepted: the gate ran without the jail, so the
 * implementation could have read the hidden cases (docs/security.md). Undefined: accept.
 * `--allow-unjailed` or GHOST_ALLOW_UNJAILED=1 accept anyway.
 */
export function unjailedVerdict(
  isolation: 'bubblewrap' | 'none' | undefined,
  allowUnjailed = false,
): string | undefined {
  // GHOST_ALLOW_UNJAILED=1 is the flag for whole environments (a CI without user namespaces)
  if (isolation !== 'none' || allowUnjailed || process.env.GHOST_ALLOW_UNJAILED === '1') return undefined;
  return 'the conformance gate ran unjailed (bubblewrap is unavailable here), so its verdict can be forged; install bubblewrap (and allow user namespaces) or pass --allow-unjailed';
}
