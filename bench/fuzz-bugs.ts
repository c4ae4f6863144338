// Planted bugs (fixtures/impls/<spec>/buggy-*/BUGS.md) and how a fuzz report is credited with
// finding them.
//
// A bug's *functions* are the functions of the cases its row says must fail (the last column
// of the BUGS.md table, or the one whose header mentions cases): the suite, not the prose of
// the row, says where the bug shows. A fuzz report's *examples* are its shrunk, deduplicated
// disagreements, each on one function. A bug counts as found when it can be paired with an
// example on one of its functions, each example paired with at most one bug (a maximum
// bipartite matching). So two bugs in `format_duration` need two distinct disagreements there;
// one disagreement never finds two bugs. This can still credit a bug for a disagreement caused
// by a sibling bug in the same function, so the benchmark prints each pairing to be audited,
// and also a strict count: examples are first merged when they share function, outcome pattern
// and the types of their arguments (or, for error kind vs error kind, the same kinds in any
// function), so that several shrunk inputs of one bug count once (a
// lower bound: two bugs in one function with the same outcome pattern count as one). Which of
// a function's bugs a pairing names is arbitrary; the counts are what the benchmark claims.
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

function outline(args: unknown[]): string {
  return JSON.stringify(args.map((a) => (a === null ? 'null' : Array.isArray(a) ? 'array' : typeof a)));
}

/** One example per (function, pattern, argument types). */
export function strictExamples(examples: Example[]): Example[] {
  const seen = new Set<string>();
  return examples.filter((e) => {
    // the same two error kinds in several functions are one rule read two ways (validation order)
    const key = e.kinds ? `kinds|${e.kinds}` : `${e.fn}|${e.pattern}|${outline(e.args)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** bug index → example index, a maximum matching (Kuhn's algorithm; the graphs are tiny). */
export function creditBugs(bugs: PlantedBug[], examples: Example[]): Map<number, number> {
  const owner = new Map<number, number>(); // example → bug
  const tryBug = (b: number, seen: Set<number>): boolean => {
    for (let e = 0; e < examples.length; e++) {
      if (seen.has(e) || !bugs[b]!.functions.includes(examples[e]!.fn)) continue;
      seen.add(e);
      const other = owner.get(e);
      if (other === undefined || tryBug(other, seen)) {
        owner.set(e, b);
        return true;
      }
    }
    return false;
  };
  bugs.forEach((_, b) => tryBug(b, new Set()));
  return new Map([...owner].map(([e, b]) => [b, e]));
}
