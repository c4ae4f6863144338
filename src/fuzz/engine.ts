// Search, then shrink. Search: fast-check samples the target's arbitrary from the seed, and
// every input goes to every implementation at once (the drivers pipeline them), in chunks so
// the time limit is honoured. Shrink: a few inputs per (pattern, way of splitting the
// implementations) are replayed by fast-check from their sample index (`path`) and shrunk with
// a property that holds unless the same disagreement is still there.
import fc, { type Arbitrary } from 'fast-check';
import type { Answer, Session } from '../conformance/index.js';
import { disagreement, selfCheck, view, type Rules } from './judge.js';
import type { AnswerView, Pattern } from './types.js';
import { answerShape, diffPlaces, outline } from './triage.js';

export interface Target {
  name: string;
  arb: Arbitrary<unknown[]>;
  /** Variations of inputs that got past validation (second half of the search). */
  mutate?: (live: unknown[][]) => Arbitrary<unknown[]>;
  /** Inputs tried first, the same at every seed (sweep.ts); at most a quarter of the runs. */
  sweep?: unknown[][];
  rules: Rules;
  ask(session: Session, args: unknown[]): Promise<Answer>;
}

export interface Finding {
  /** Which phase of the search (`SearchResult.phases`) sampled it. */
  phase: number;
  index: number;
  pattern: Pattern;
  /** Which implementations answered alike (differential) — part of what shrinking keeps. */
  split: string;
  /** The disagreement's shape (triage.ts): findings of different shapes likely have different causes. */
  shape?: string;
  why?: string;
}

export interface Shrunk {
  args: unknown[];
  answers: AnswerView[];
  classes: number[][];
  why?: string;
  shrinks: number;
  /** Found by the sweep (then shrunk like any other). */
  swept?: boolean;
  pattern: Pattern;
  shape?: string;
}

const CHUNK = 256;

interface Verdict {
  pattern: Pattern;
  split: string;
  shape?: string;
  classes: number[][];
  answers: Answer[];
  why?: string;
}

const isValue = (a: Answer) => a.type === 'response' && a.outcome.ok;

async function judge(
  target: Target,
  sessions: Session[],
  args: unknown[],
  live?: unknown[][],
): Promise<Verdict | undefined> {
  if (sessions.length === 1) {
    const s = sessions[0]!;
    const [a, b] = await Promise.all([target.ask(s, args), target.ask(s, args)]);
    if (live && isValue(a)) live.push(args);
    const found = selfCheck(a, b, target.rules);
    return found
      ? { pattern: found.pattern, split: found.pattern, classes: [[0]], answers: [a], why: found.why }
      : undefined;
  }
  const answers = await Promise.all(sessions.map((s) => target.ask(s, args)));
  if (live && answers.some(isValue)) live.push(args);
  const d = disagreement(answers, target.rules);
  if (!d) return undefined;
  const failed = answers.flatMap((a, i) => (a.type === 'failure' ? [i] : []));
  const split =
    d.pattern === 'crash-or-timeout'
      ? `failed:${failed.join(',')}`
      : JSON.stringify(d.classes.map((c) => [...c].sort()).sort());
  return { pattern: d.pattern, split, shape: answerShape(answers, d.classes), classes: d.classes, answers };
}

export interface Phase {
  arb?: Arbitrary<unknown[]>;
  seed: number;
  samples: unknown[][];
}

export interface SearchResult {
  /** Per phase: the arbitrary, its seed and the inputs sampled from it (a sweep has no arbitrary). */
  phases: Phase[];
  inputs: number;
  findings: Finding[];
  searchMs: number;
}

/** Most inputs a second phase varies. */
const LIVE_POOL = 200;

/**
 * First the target's sweep (up to a quarter of the budget); then half of the rest on the
 * target's arbitrary, and the other half on variations of the inputs that got a value from
 * some implementation (past validation, where most rules live).
 */
export async function search(
  target: Target,
  sessions: Session[],
  runs: number,
  seed: number,
  deadline: number,
): Promise<SearchResult> {
  const findings: Finding[] = [];
  const phases: SearchResult['phases'] = [];
  const t0 = performance.now();
  let inputs = 0;
  const live: unknown[][] = [];
  const swept = (target.sweep ?? []).slice(0, Math.floor(runs / 4));
  const randomRuns = runs - swept.length;
  const firstRuns = target.mutate ? Math.ceil(randomRuns / 2) : randomRuns;
  // `collect`: inputs that got a value join the pool the variations phase draws from
  const runPhase = async (
    arb: Arbitrary<unknown[]> | undefined,
    phaseSeed: number,
    samples: unknown[][],
    collect: boolean,
  ) => {
    const phase = phases.length;
    phases.push({ ...(arb ? { arb } : {}), seed: phaseSeed, samples });
    for (let start = 0; start < samples.length; start += CHUNK) {
      if (performance.now() > deadline) break;
      const chunk = samples.slice(start, start + CHUNK);
      const verdicts = await Promise.all(
        chunk.map((args) => judge(target, sessions, args, collect ? live : undefined)),
      );
      verdicts.forEach((v, j) => {
        if (v)
          findings.push({
            phase,
            index: start + j,
            pattern: v.pattern,
            split: v.split,
            ...(v.shape ? { shape: v.shape } : {}),
            ...(v.why ? { why: v.why } : {}),
          });
      });
      inputs += chunk.length;
    }
  };
  const sample = (arb: Arbitrary<unknown[]>, s: number, n: number) => fc.sample(arb, { seed: s, numRuns: n });
  if (swept.length > 0) await runPhase(undefined, seed, swept, true);
  await runPhase(target.arb, seed, sample(target.arb, seed, firstRuns), true);
  if (target.mutate && randomRuns > firstRuns) {
    // a deterministic pool whatever order the answers arrived in
    const pool = [...new Map(live.map((a) => [JSON.stringify(a), a])).entries()]
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
      .map(([, a]) => a);
    const step = Math.max(1, Math.floor(pool.length / LIVE_POOL));
    const picked = pool.filter((_, i) => i % step === 0).slice(0, LIVE_POOL);
    const arb = picked.length > 0 ? target.mutate(picked) : target.arb;
    await runPhase(arb, seed ^ 0x5bd1e995, sample(arb, seed ^ 0x5bd1e995, randomRuns - firstRuns), false);
  }
  return { phases, inputs, findings, searchMs: performance.now() - t0 };
}

/** Whether each given input still makes the implementations disagree (or fail a self-check). */
export async function replay(target: Target, sessions: Session[], inputs: unknown[][]): Promise<boolean[]> {
  return Promise.all(inputs.map(async (args) => (await judge(target, sessions, args)) !== undefined));
}

export async function shrink(
  target: Target,
  sessions: Session[],
  finding: Finding,
  phase: Phase,
  timeLimitMs: number,
): Promise<Shrunk | undefined> {
  const seed = phase.seed;
  const original = phase.samples[finding.index];
  if (!original) return undefined;
  const kind = outline(original);
  // a swept input was not drawn from an arbitrary: it is given to one that can shrink it as it
  // is, and only its letters and digits shrink — its point is its other characters (the
  // awkward one between two words, the operators, a final newline), which often reach another
  // rule once changed
  const arb = phase.arb ?? shrinkableLike(original);
  const marks = phase.arb ? undefined : marksOf(original);
  const property = fc.asyncProperty(arb, async (args) => {
    if (marks !== undefined && marksOf(args) !== marks) return true;
    // the same disagreement: same pattern, same split, differing in the same places, arguments
    // of the same outline (so a rare bug's input does not slip into a commoner bug's)
    if (outline(args) !== kind) return true;
    const v = await judge(target, sessions, args);
    return !(
      v &&
      v.pattern === finding.pattern &&
      v.split === finding.split &&
      diffPlaces(v.shape) === diffPlaces(finding.shape)
    );
  });
  const r = await fc.check(property, {
    seed,
    // replay the sample from its index, or run the swept input as the one example
    ...(phase.arb ? { path: String(finding.index) } : { examples: [[original]] }),
    numRuns: 1,
    interruptAfterTimeLimit: timeLimitMs,
    markInterruptAsFailure: false,
  });
  const args = r.counterexample?.[0];
  if (!args) return undefined; // could not reproduce (flaky implementation)
  const x = asShrunk(args, await judge(target, sessions, args), r.numShrinks);
  return x && !phase.arb ? { ...x, swept: true } : x;
}

/** The arguments without their letters and digits. */
function marksOf(args: unknown[]): string {
  return JSON.stringify(args, (_, v: unknown) => (typeof v === 'string' ? v.replace(/[\p{L}\p{N}]+/gu, '') : v));
}

/**
 * An arbitrary that can shrink `args` without having drawn them (fast-check shrinks a given
 * example when its arbitrary can): strings and lists of strings shrink, anything else stays.
 */
export function shrinkableLike(args: unknown[]): fc.Arbitrary<unknown[]> {
  const text = (s: string) => fc.string({ unit: 'binary', maxLength: Math.max(s.length, 1) });
  return fc.tuple(
    ...args.map((a): fc.Arbitrary<unknown> => {
      if (typeof a === 'string') return text(a);
      if (Array.isArray(a) && a.every((x) => typeof x === 'string'))
        return fc.array(fc.string({ unit: 'binary', maxLength: Math.max(...a.map((x) => x.length), 1) }), {
          maxLength: a.length,
        });
      return fc.constant(a);
    }),
  );
}

function asShrunk(args: unknown[], v: Verdict | undefined, shrinks: number): Shrunk | undefined {
  if (!v) return undefined;
  return {
    args,
    answers: v.answers.map(view),
    classes: v.classes,
    shrinks,
    pattern: v.pattern,
    ...(v.shape ? { shape: v.shape } : {}),
    ...(v.why ? { why: v.why } : {}),
  };
}
