// Which findings to shrink. A function with several bugs shows them in different numbers: the
// first findings in sample order are mostly the commonest bug, so shrinking "the first four"
// reports one bug four times and hides the rarer ones. Findings are bucketed (as fuzzers
// triage crashes by signature) by the way the implementations split, the arguments' outline and
// the *shape of the disagreement* — which tokens of the answers differ, letters and digits
// abstracted — and buckets are visited round-robin, the rarest first.
import type { Answer } from '../conformance/index.js';
import type { Pattern } from './types.js';

export interface Triaged {
  pattern: Pattern;
  split: string;
  shape?: string;
}

/** Letters and digits abstracted (`Foo12` → `Aa9`), so answers differing only in data look alike. */
export function skeleton(text: string): string {
  return text
    .replace(/\p{Lu}+/gu, 'A')
    .replace(/\p{Ll}+/gu, 'a')
    .replace(/[\p{Lo}\p{Lm}\p{Lt}]+/gu, 'a')
    .replace(/\p{N}+/gu, '9')
    .slice(0, 80);
}

function text(a: Answer): string {
  if (a.type === 'failure') return `failure:${a.reason}`;
  if (!a.outcome.ok) return `error:${a.outcome.error.kind}`;
  return JSON.stringify(a.outcome.value) ?? 'undefined';
}

const tokens = (s: string) => s.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/**
 * The disagreement's shape: the differing tokens of the first two classes' answers, abstracted
 * (`false` vs `0` → `a>9`), and where the first difference is (token 0, 1, 2 or later). Coarse
 * on purpose: one bug's findings should share a few shapes, not each have its own.
 */
export function answerShape(answers: Answer[], classes: number[][]): string {
  const reps = classes.map((c) => text(answers[c[0]!]!));
  // an error or a failure against a value: which kinds, not the value's text
  if (reps.some((r) => /^(error|failure):/.test(r)))
    return `${reps.map((r) => (/^(error|failure):/.test(r) ? r : 'value')).join(' vs ')} @0`;
  const [a, b] = [tokens(reps[0] ?? ''), tokens(reps[1] ?? '')];
  const pairs = new Set<string>();
  let first = -1;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    if (first < 0) first = i;
    pairs.add(`${skeleton(a[i] ?? '')}>${skeleton(b[i] ?? '')}`);
    if (pairs.size >= 3) break;
  }
  return `${[...pairs].sort().join(',')} @${Math.min(first, 3)}`;
}

/** Where a shape's answers differ (its token positions): kept while shrinking. */
export function diffPlaces(shape: string | undefined): string {
  return shape?.slice(shape.lastIndexOf('@')) ?? '';
}

/**
 * Arguments' types: inputs of different types likely hit different bugs (an object's keys are
 * data, not type). A command line's options are its type: which ones were given, in order.
 */
export function outline(args: unknown[]): string {
  const isArgv = (a: unknown): a is string[] =>
    Array.isArray(a) && a.every((x) => typeof x === 'string' && x.startsWith('-'));
  return JSON.stringify(
    args.map((a) =>
      a === null ? 'null' : isArgv(a) && a.length > 0 ? `argv ${a.join(' ')}` : Array.isArray(a) ? 'array' : typeof a,
    ),
  );
}

/**
 * Up to `limit` findings of each pattern: buckets by split, outline and shape, visited
 * round-robin from the smallest bucket (ties: first seen), so every kind of disagreement gets a
 * turn before any gets a second.
 */
export function pickForShrinking<F extends Triaged>(findings: F[], samples: (f: F) => unknown[], limit: number): F[] {
  const picked: F[] = [];
  const byPattern = new Map<Pattern, F[]>();
  for (const f of findings) byPattern.set(f.pattern, [...(byPattern.get(f.pattern) ?? []), f]);
  for (const group of byPattern.values()) {
    const buckets = new Map<string, F[]>();
    for (const f of group) {
      const key = `${f.split}|${outline(samples(f))}|${f.shape ?? ''}`;
      buckets.set(key, [...(buckets.get(key) ?? []), f]);
    }
    const order = [...buckets.values()].sort((x, y) => x.length - y.length); // stable: ties keep first-seen order
    const mine: F[] = [];
    for (let round = 0; mine.length < Math.min(limit, group.length); round++)
      for (const b of order) if (b[round] && mine.length < limit) mine.push(b[round]!);
    picked.push(...mine);
  }
  return picked;
}
