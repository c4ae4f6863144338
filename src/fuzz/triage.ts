// Which findings to shrink. A function with several bugs shows them in different numbers: the
// first findings in sample order are mostly the commonest bug, so shrinking "the first four"
// reports one bug four times and hides the rarer ones. Findings are bucketed (as fuzzers
// triage crashes by signature) by the way the implementations split, the arguments' outline and
// the *shape of the disagreement* — which tokens of the answers differ, letters and digits
// abstracted — and buckets are visited round-robin, the rarest first.
import type { Answer } from '../conformance/index.js';
import type { AnswerView, Pattern } from './types.js';

export interface Triaged {
  pattern: Pattern;
  split: string;
  shape?: string;
  /** The search phase that found it (a sweep, random draws, variations). */
  phase?: number;
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
 * The disagreement's shape: the tokens one answer has and the other lacks (a multiset
 * difference, letters and digits abstracted: `false` vs `0` → `a>9`; an empty difference
 * means the same tokens reordered), and where the first difference is (token 0, 1, 2 or later).
 * Coarse on purpose: one bug's findings should share a few shapes, not each have its own.
 */
export function answerShape(answers: Answer[], classes: number[][]): string {
  const reps = classes.map((c) => text(answers[c[0]!]!));
  // an error or a failure against a value: which kinds, not the value's text
  if (reps.some((r) => /^(error|failure):/.test(r)))
    return `${reps.map((r) => (/^(error|failure):/.test(r) ? r : 'value')).join(' vs ')} @0`;
  const [a, b] = [tokens(reps[0] ?? ''), tokens(reps[1] ?? '')];
  let first = 0;
  while (first < Math.min(a.length, b.length) && a[first] === b[first]) first++;
  const extra = (xs: string[], ys: string[]) => {
    const left = [...ys];
    const out = new Set<string>();
    for (const x of xs) {
      const at = left.indexOf(x);
      if (at >= 0) left.splice(at, 1);
      else out.add(skeleton(x));
    }
    return [...out].sort().slice(0, 3).join(',');
  };
  return `${extra(a, b)}>${extra(b, a)} @${Math.min(first, 3)}`;
}

/** A shape without its place: what a bucket and a reported example are told apart by. */
export function coarse(shape: string | undefined): string {
  return (shape ?? '').replace(/ @\d+$/, '');
}

/**
 * A shape's kind: tokens only lost (`a9>`: a cut), only gained, both (`a>a`: one token for
 * another), or none (reordered); an error shape is its own kind. One bug's findings often
 * spread over many shapes of one kind (a cut at every length), another's sit in one shape of
 * another kind: kinds take turns first, so the first does not bury the second.
 */
export function shapeKind(shape: string): string {
  if (shape.includes(' vs ')) return shape;
  const [lost = '', gained = ''] = shape.split('>');
  return lost && gained ? 'both' : lost ? 'lost' : gained ? 'gained' : 'reordered';
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
 * The arguments' text abstracted (`1.2.3-beta` → `9~9~9~a`, `<1 || >=2` → `~9 ~ ~9`): inputs
 * of one type but another form often reach another rule, where one bug's inputs mostly share
 * one. Punctuation runs are abstracted too: inputs that differ only in which operator they
 * carry are one form, so an operator sweep is not a dozen forms of one bug.
 */
export function argsSkeleton(args: unknown[]): string {
  const form = (s: string) => skeleton(s).replace(/[^\p{L}\p{N}\s]+/gu, '~');
  return JSON.stringify(args.map((a) => (typeof a === 'string' ? form(a) : Array.isArray(a) ? 'array' : typeof a)));
}

/** Round-robin over lists: the first of each, then the second of each, and so on (a cut keeps a share of each). */
export function interleave<T>(lists: T[][]): T[] {
  const out: T[] = [];
  for (let round = 0; lists.some((l) => l.length > round); round++)
    for (const l of lists) if (l[round]) out.push(l[round]!);
  return out;
}

/** `xs` grouped by `key`, groups in the order of their first member. */
function groupBy<T, K>(xs: T[], key: (x: T) => K): T[][] {
  const m = new Map<K, T[]>();
  for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return [...m.values()];
}

/**
 * Up to `limit` findings of each pattern. Findings are grouped by shape (without its place),
 * and within a shape bucketed by split and outline; shape kinds take turns, then the shapes of
 * a kind — the simplest first (a short shape: reordered, one token for another; a long one is
 * often several bugs at once, or noise), ties by rarity — and within a shape its buckets take
 * turns, the rarest first. So every kind of disagreement gets a turn before any gets a second.
 */
export function pickForShrinking<F extends Triaged>(findings: F[], samples: (f: F) => unknown[], limit: number): F[] {
  const picked: F[] = [];
  for (const group of groupBy(findings, (f) => f.pattern)) {
    const shapes = groupBy(group, (f) => coarse(f.shape)).sort(
      (x, y) => coarse(x[0]!.shape).length - coarse(y[0]!.shape).length || x.length - y.length, // stable
    );
    // within a bucket, each form of the arguments gets a turn before any gets a second
    const byForm = (bucket: F[]) => interleave(groupBy(bucket, (f) => argsSkeleton(samples(f))));
    // within a shape, each search phase gets a turn (a sweep's systematic inputs find one rule
    // many times over, and are built to reach rules random draws rarely do); within a phase,
    // its buckets (split and outline), the rarest first
    const perShape = (fs: F[]) =>
      interleave(
        groupBy(fs, (f) => f.phase ?? 0).map((phase) =>
          interleave(
            groupBy(phase, (f) => `${f.split}|${outline(samples(f))}`)
              .sort((x, y) => x.length - y.length)
              .map(byForm),
          ),
        ),
      );
    // kinds take turns (in the order of their simplest shape), then a kind's shapes
    const kinds = groupBy(shapes, (fs) => shapeKind(coarse(fs[0]!.shape)));
    picked.push(...interleave(kinds.map((k) => interleave(k.map(perShape)))).slice(0, limit));
  }
  return picked;
}

const isScalarValue = (a: AnswerView) =>
  'value' in a && (a.value === null || ['boolean', 'number'].includes(typeof a.value));

/**
 * Keys under which a shrunk example repeats one already reported: the same input; the same
 * answers to another input (unless they are bare scalars: `false` vs `true` says nothing of
 * the cause, and a boolean function's bugs all answer so); the same shape, outline and form.
 */
export function sameAmbiguityKeys(x: {
  pattern: Pattern;
  args: unknown[];
  answers: AnswerView[];
  shape?: string;
}): string[] {
  return [
    `${x.pattern}|${JSON.stringify(x.args)}`,
    ...(x.answers.every(isScalarValue) ? [] : [`${x.pattern}|answers|${JSON.stringify(x.answers)}`]),
    ...(x.shape ? [`${x.pattern}|shape|${coarse(x.shape)}|${outline(x.args)}|${argsSkeleton(x.args)}`] : []),
  ];
}
