// run_conformance: the visible cases only. The model can narrow by pattern/function/ids;
// `hidden: 'exclude'` is fixed here, and hidden results are dropped defensively.
import type { CaseResult, ConformanceReport } from '../../conformance/types.js';
import type { Tool } from '../agents/types.js';
import { errorText, fail, ok, type RunConformance, type VisibleCaseFilter } from './context.js';

const MAX_LISTED = 20;
const MAX_SUMMARY = 12 * 1024;

function short(v: unknown, max = 400): string {
  let s: string;
  try {
    s = typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
  } catch {
    s = String(v);
  }
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** A compact, model-friendly summary of a report (visible results only). */
export function summarizeReport(report: ConformanceReport): string {
  const visible = report.results.filter((r) => !r.hidden);
  const count = (st: CaseResult['status']) => visible.filter((r) => r.status === st).length;
  const bad = visible.filter((r) => r.status === 'failed' || r.status === 'errored');
  const lines = [
    `${count('passed')}/${visible.length} visible cases passed` +
      `, ${count('failed')} failed, ${count('errored')} errored, ${count('skipped')} skipped`,
  ];
  for (const r of bad.slice(0, MAX_LISTED)) {
    lines.push(`\n${r.status.toUpperCase()} ${r.id}${r.fn ? ` (${r.fn})` : ''}: ${r.message ?? ''}`.trimEnd());
    if (r.expected !== undefined) lines.push(`  expected: ${short(r.expected)}`);
    if (r.actual !== undefined) lines.push(`  actual:   ${short(r.actual)}`);
    if (r.output) lines.push(`  output: ${short(r.output.slice(0, 600))}`);
  }
  if (bad.length > MAX_LISTED)
    lines.push(`\n... and ${bad.length - MAX_LISTED} more failing cases (narrow with pattern)`);
  const text = lines.join('\n');
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY)}\n[summary truncated]` : text;
}

export function runConformanceTool(run: RunConformance): Tool {
  return {
    name: 'run_conformance',
    description:
      'Run the visible conformance cases against the current repository and get a summary of failures. Optionally narrow by case-id pattern, function names or case ids.',
    parameters: {
      type: 'object',
      properties: {
        pattern: { type: 'string', description: 'Substring or /regex/ matched against case ids' },
        functions: { type: 'array', items: { type: 'string' }, description: 'Only cases of these functions' },
        ids: { type: 'array', items: { type: 'string' }, description: 'Exactly these case ids' },
      },
      additionalProperties: false,
    },
    async run(args, call) {
      const filter: VisibleCaseFilter = { hidden: 'exclude' };
      if (typeof args.pattern === 'string' && args.pattern !== '') filter.pattern = args.pattern;
      if (Array.isArray(args.functions))
        filter.functions = args.functions.filter((f): f is string => typeof f === 'string');
      if (Array.isArray(args.ids)) filter.ids = args.ids.filter((f): f is string => typeof f === 'string');
      try {
        const report = await run(filter, call?.signal);
        const summary = summarizeReport(report);
        const allPassed = report.results.every((r) => r.hidden || r.status === 'passed' || r.status === 'skipped');
        return allPassed ? ok(summary) : fail(summary);
      } catch (e) {
        return fail(`conformance run failed: ${errorText(e)}`);
      }
    },
  };
}
