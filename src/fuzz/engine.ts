// Search, then shrink. Search: fast-check samples the target's arbitrary from the seed, and
// every input goes to every implementation at once (the drivers pipeline them), in chunks so
// the time limit is honoured. Shrink: a few inputs per (pattern, way of splitting the
// implementations) are replayed by fast-check from their sample index (`path`) and shrunk with
// a property that holds unless the same disagreement is still there.
import fc, { type Arbitrary } from 'fast-check';
import type { Answer, Session } from '../conformance/index.js';
import { disagreement, selfCheck, view, type Rules } from './judge.js';
import type { AnswerView, Pattern } from './types.js';

export interface Target {
  name: string;
  arb: Arbitrary<unknown[]>;
  rules: Rules;
  ask(session: Session, args: unknown[]): Promise<Answer>;
}

export interface Finding {
  index: number;
  pattern: Pattern;
  /** Which implementations answered alike (differential) — part of what shrinking keeps. */
  split: string;
  why?: string;
}

export interface Shrunk {
  args: unknown[];
  answers: AnswerView[];
  classes: number[][];
  why?: string;
  shrinks: number;
  pattern: Pattern;
}

const CHUNK = 256;

interface Verdict {
  pattern: Pattern;
  split: string;
  classes: number[][];
  answers: Answer[];
  why?: string;
}

async function judge(target: Target, sessions: Session[], args: unknown[]): Promise<Verdict | undefined> {
  if (sessions.length === 1) {
    const s = sessions[0]!;
    const [a, b] = await Promise.all([target.ask(s, args), target.ask(s, args)]);
    const found = selfCheck(a, b, target.rules);
    return found ? { pattern: found.pattern, split: found.pattern, classes: [[0]], answers: [a], why: found.why } : undefined;
  }
  const answers = await Promise.all(sessions.map((s) => target.ask(s, args)));
  const d = disagreement(answers, target.rules);
  if (!d) return undefined;
  const failed = answers.flatMap((a, i) => (a.type === 'failure' ? [i] : []));
  const split = d.pattern === 'crash-or-timeout' ? `failed:${failed.join(',')}` : JSON.stringify(d.classes.map((c) => [...c].sort()).sort());
  return { pattern: d.pattern, split, classes: d.classes, answers };
}

export interface SearchResult {
  samples: unknown[][];
  inputs: number;
  findings: Finding[];
  searchMs: number;
}

export async function search(target: Target, sessions: Session[], runs: number, seed: number, deadline: number): Promise<SearchResult> {
  const samples = fc.sample(target.arb, { seed, numRuns: runs });
  const findings: Finding[] = [];
  const t0 = performance.now();
  let inputs = 0;
  for (let start = 0; start < samples.length; start += CHUNK) {
    if (performance.now() > deadline) break;
    const chunk = samples.slice(start, start + CHUNK);
    const verdicts = await Promise.all(chunk.map((args) => judge(target, sessions, args)));
    verdicts.forEach((v, j) => {
      if (v) findings.push({ index: start + j, pattern: v.pattern, split: v.split, ...(v.why ? { why: v.why } : {}) });
    });
    inputs += chunk.length;
  }
  return { samples, inputs, findings, searchMs: performance.now() - t0 };
}

/** Arguments' outline (types, option keys): inputs with different outlines likely hit different bugs. */
function outline(args: unknown[]): string {
  return JSON.stringify(args.map((a) => (a === null ? 'null' : Array.isArray(a) ? 'array' : typeof a === 'object' ? Object.keys(a as object).sort() : typeof a)));
}

/** Up to `perGroup` findings of each pattern, spread over different splits and outlines. */
export function pickForShrinking(findings: Finding[], samples: (i: number) => unknown[], perGroup: number): Finding[] {
  const picked: Finding[] = [];
  const byPattern = new Map<Pattern, Finding[]>();
  for (const f of findings) byPattern.set(f.pattern, [...(byPattern.get(f.pattern) ?? []), f]);
  for (const group of byPattern.values()) {
    const seen = new Set<string>();
    const mine: Finding[] = [];
    for (const f of group) {
      const key = `${f.split}|${outline(samples(f.index))}`;
      if (seen.has(key) || mine.length >= perGroup) continue;
      seen.add(key);
      mine.push(f);
    }
    for (const f of group) if (mine.length < Math.min(perGroup, group.length) && !mine.includes(f)) mine.push(f);
    picked.push(...mine);
  }
  return picked;
}

export async function shrink(target: Target, sessions: Session[], finding: Finding, seed: number, timeLimitMs: number): Promise<Shrunk | undefined> {
  const property = fc.asyncProperty(target.arb, async (args) => {
    const v = await judge(target, sessions, args);
    return !(v && v.pattern === finding.pattern && v.split === finding.split);
  });
  const r = await fc.check(property, { seed, path: String(finding.index), numRuns: 1, interruptAfterTimeLimit: timeLimitMs, markInterruptAsFailure: false });
  const args = r.counterexample?.[0];
  if (!args) return undefined; // could not reproduce (flaky implementation)
  const v = await judge(target, sessions, args);
  if (!v) return undefined;
  return { args, answers: v.answers.map(view), classes: v.classes, shrinks: r.numShrinks, pattern: v.pattern, ...(v.why ? { why: v.why } : {}) };
}
