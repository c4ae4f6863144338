// Planted bugs (fixtures/impls/<spec>/buggy-*/BUGS.md) and the fuzz report's examples that
// may prove them.
//
// A bug is credited only by ground truth (bench/mutants.ts, bench/fuzz.ts): the reference
// is fuzzed against the whole buggy variant, and bug n counts as found iff one of the report's
// shrunk disagreement inputs also makes the reference and *mutant n* (the reference with only
// bug n's hunks applied) disagree. A bug's *functions* (from the cases its row says must fail)
// are printed for reading only; they no longer decide anything.
import { readFileSync } from 'node:fs';
import type { Spec } from '../src/spec/index.js';
import type { FuzzReport } from '../src/fuzz/index.js';

export interface PlantedBug {
  label: string;
  summary: string;
  cases: string[];
  functions: string[];
}

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());
}

export function readBugs(file: string, spec: Spec, programName: string): PlantedBug[] {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim().startsWith('|'));
  if (lines.length < 3) return [];
  const header = cells(lines[0]!).map((h) => h.toLowerCase());
  let caseCol = header.findIndex((h) => h.includes('case'));
  if (caseCol < 0) caseCol = header.length - 1;
  const byId = new Map(spec.cases.map((c) => [c.id, c]));
  return lines.slice(2).map((line) => {
    const row = cells(line);
    const ids = [...(row[caseCol] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!).filter((id) => byId.has(id));
    const functions = [
      ...new Set(
        ids.map((id) => {
          const c = byId.get(id)!;
          return c.kind === 'call' ? c.fn : programName;
        }),
      ),
    ];
    const summaryCol = header.findIndex((h) => h === 'bug' || h === 'what');
    return {
      label: row[0] ?? '?',
      summary: (row[header.indexOf('what')] ?? row[summaryCol] ?? row[1] ?? '').slice(0, 90),
      cases: ids,
      functions,
    };
  });
}

export interface Example {
  fn: string;
  pattern: string;
  args: unknown[];
  /** For kind-vs-kind disagreements: the kinds, in implementation order. */
  kinds?: string;
}

export function examplesOf(report: FuzzReport): Example[] {
  return report.groups.flatMap((g) =>
    g.examples.map((x) => ({
      fn: g.fn,
      pattern: g.pattern,
      args: x.args,
      ...(g.pattern === 'error-kind-vs-error-kind'
        ? { kinds: x.answers.map((a) => ('error' in a ? a.error.kind : '?')).join(' vs ') }
        : {}),
    })),
  );
}

/** The exact set of case ids the whole buggy variant must fail (the fenced block of BUGS.md). */
export function expectedFailures(file: string): Set<string> {
  const block = /```\n([\s\S]*?)```/.exec(readFileSync(file, 'utf8'));
  return new Set(
    (block?.[1] ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  );
}
