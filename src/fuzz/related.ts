// Arguments that belong together. Two independent draws almost never share text, yet
// `compare(a, b)`, `satisfies(version, range)` or a text with a length limit only reach their
// interesting rules when the arguments are related: the second string a variation of the first,
// the same digit run written two ways in both, a limit equal to where the text's words end.
import fc, { type Arbitrary } from 'fast-check';
import type { FunctionDecl, JsonSchema } from '../spec/index.js';
import { splitPieces, type FunctionDictionary } from './dictionary.js';
import {
  BOUNDARY_PAIRS,
  digitRunVariants,
  digitRuns,
  innerSeparators,
  leadingZeroed,
  prefixMarks,
  replaceRun,
} from './digits.js';
import { nearString } from './values.js';
import { isList, isString, typesOf } from './schema-types.js';

/** Names of integers that bound the length of something (`max_length`, `width`, `limit`). */
export const LIMIT_NAME = /max|min|limit|len|width|size|count|cap|budget/i;

/** `base` with one digit run varied by ASCII arithmetic (or unchanged when it has none). */
export function oneRunVaried(base: string): Arbitrary<string> {
  const runs = digitRuns(base);
  if (runs.length === 0) return fc.constant(base);
  return fc.nat(runs.length - 1).chain((k) => {
    const run = base.slice(runs[k]![0], runs[k]![1]);
    const n = Number(run);
    // the neighbours first: most rules about a number are about the next one
    const near = [...new Set([String(n + 1), String(Math.max(0, n - 1))])];
    return fc
      .oneof(
        { weight: 3, arbitrary: fc.constantFrom(...near) },
        { weight: 2, arbitrary: fc.constantFrom(...digitRunVariants(run)) },
      )
      .map((v) => replaceRun(base, k, v));
  });
}

/**
 * An operator literal (`^1.2.3`) and its operand near it: the operand with its leading
 * components zeroed as the operator's (`^0.0.3`; most often all but the last — the smallest
 * values are where operators special-case), and, for the other argument, that operand with
 * one run moved by one (`0.0.4`). Returns [operand varied, operator + operand].
 */
export function operandPair(operand: string, mark: string): Arbitrary<[string, string]> {
  const runs = digitRuns(operand).length;
  if (runs === 0) return fc.constant([operand, mark + operand]);
  const zeroed = [operand, ...leadingZeroed(operand)];
  return fc
    .tuple(
      fc.oneof(fc.constant(zeroed[zeroed.length - 1]!), fc.constantFrom(...zeroed)),
      fc.oneof(fc.constant(runs - 1), fc.nat(runs - 1)),
      fc.boolean(),
    )
    .map(([z, k, up]) => {
      const runsOf = digitRuns(z);
      const n = Number(z.slice(runsOf[k]![0], runsOf[k]![1]));
      return [replaceRun(z, k, String(up ? n + 1 : Math.max(0, n - 1))), mark + z];
    });
}

/** `1.2.3-x` → `1.2`, `1`: the value cut after each of its leading digit runs but the last. */
export function partials(operand: string): string[] {
  const runs = digitRuns(operand);
  const cuts = runs.slice(0, -1).map(([, end]) => operand.slice(0, end));
  return cuts.length > 0 ? cuts : [operand];
}

/** The leading numbers and single separators of `text` (`1.2.3` of `1.2.3-beta.1`), when shorter. */
export function numericHead(text: string): string | undefined {
  const m = /^\d+(?:[^\p{L}\p{N}\s]\d+)*/u.exec(text);
  return m && m[0].length < text.length ? m[0] : undefined;
}

/**
 * A string derived from `base`: maybe a prose operator in front (`^`, `>=`), one digit run
 * varied or the tail dropped; sometimes two such parts joined by a prose separator (` || `),
 * and among those the value itself beside its bare numeric head (`<1.2.3-b || <=1.2.3`): two
 * alternatives that differ only in the value's tail, where a rule meant to hold per
 * alternative may be checked across them.
 */
export function derivedString(base: string, marks: string[], seps: string[]): Arbitrary<string> {
  const pieces = splitPieces(base);
  const body = fc.oneof(
    { weight: 1, arbitrary: fc.constant(base) },
    { weight: 3, arbitrary: oneRunVaried(base) },
    { weight: 1, arbitrary: fc.nat(Math.max(0, pieces.length - 1)).map((n) => pieces.slice(0, n + 1).join('')) },
  );
  const part = fc.tuple(fc.constantFrom('', ...marks), body).map(([m, b]) => m + b);
  if (seps.length === 0) return part;
  const head = numericHead(base);
  const mark = fc.constantFrom('', ...marks);
  return fc.oneof(
    { weight: 2, arbitrary: part },
    { weight: 1, arbitrary: fc.tuple(part, fc.constantFrom(...seps), part).map(([a, s, b]) => a + s + b) },
    ...(head
      ? [
          {
            weight: 1,
            arbitrary: fc
              .tuple(mark, fc.constantFrom(...seps), mark, fc.boolean())
              .map(([m1, s, m2, flip]) => (flip ? m2 + head + s + m1 + base : m1 + base + s + m2 + head)),
          },
        ]
      : []),
  );
}

/** Where the words of `text` end (code points), the lengths a limit is most likely to meet exactly. */
export function wordEnds(text: string): number[] {
  const cps = [...text];
  const ends = new Set<number>([cps.length]);
  cps.forEach((c, i) => {
    if (i > 0 && /[\p{L}\p{N}]/u.test(cps[i - 1]!) && !/[\p{L}\p{N}]/u.test(c)) ends.add(i);
  });
  return [...ends].sort((a, b) => a - b);
}

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  x !== null && typeof x === 'object' && !Array.isArray(x) && !('$ghost' in x);

/** Related variants of argument lists drawn from `typed`, or undefined when the function has nothing to relate. */
export function relatedArguments(
  typed: Arbitrary<unknown[]>,
  fn: FunctionDecl,
  schemas: JsonSchema[],
  dict: FunctionDictionary,
): Arbitrary<unknown[]> | undefined {
  const slots = schemas.filter((s) => isString(s) || isList(s)).length;
  const limitKeys = [...dict.options.keys()].filter((k) => LIMIT_NAME.test(k));
  const limitParams = fn.params.flatMap((p, i) =>
    LIMIT_NAME.test(p.name) && typesOf(schemas[i]!).includes('integer') ? [i] : [],
  );
  const strings = slots >= 2 || schemas.some(isList);
  const limits = slots >= 1 && (limitKeys.length > 0 || limitParams.length > 0);
  if (!strings && !limits) return undefined;
  const marks = prefixMarks(dict.literals);
  const seps = innerSeparators(dict.literals);
  // the base: the drawn string, or one of the prose's own literals untouched (a well-formed value)
  const literals = dict.literals.filter((l) => /\d/.test(l) && !/\s/.test(l));
  const zeroed = [...new Set(literals.flatMap(leadingZeroed))];
  // literals written with an operator in front (`^1.2.3`, `>=1.2.3`): paired with their operand below
  const markOf = (l: string) => marks.find((m) => l.startsWith(m) && /^\d/.test(l.slice(m.length)));
  const operators = literals.filter((l) => markOf(l) !== undefined);
  const bases = (drawn: string) =>
    fc.oneof(
      { weight: 2, arbitrary: fc.constant(drawn) },
      ...(literals.length > 0 ? [{ weight: 2, arbitrary: fc.constantFrom(...literals) }] : []),
      ...(zeroed.length > 0 ? [{ weight: 2, arbitrary: fc.constantFrom(...zeroed) }] : []),
      ...(operators.length > 0 ? [{ weight: 1, arbitrary: fc.constantFrom(...operators) }] : []),
    );
  return typed.chain((drawn) => {
    const at = drawn.findIndex((a) => typeof a === 'string');
    const inList = drawn.findIndex((a) => Array.isArray(a) && a.some((x) => typeof x === 'string'));
    if (at < 0 && inList < 0) return fc.constant(drawn);
    const seed =
      at >= 0 ? (drawn[at] as string) : (drawn[inList] as unknown[]).find((x): x is string => typeof x === 'string')!;
    return bases(seed).chain((base) => relate(at >= 0 ? drawn.map((a, i) => (i === at ? base : a)) : drawn, base, at));
  });

  function relate(args: unknown[], base: string, first: number): Arbitrary<unknown[]> {
    const others = (make: () => Arbitrary<string>, firstAs: string = base) =>
      fc.tuple(
        ...args.map((a, i) => {
          const s = schemas[i]!;
          if (i === first) return fc.constant(firstAs);
          if (typeof a === 'string' && isString(s)) return make();
          if (Array.isArray(a) && isList(s)) return fc.array(make(), { minLength: 1, maxLength: 5 });
          return fc.constant(a);
        }),
      );
    const ways: Array<Arbitrary<unknown[]>> = [];
    if (strings) {
      ways.push(others(() => nearString(base, dict)));
      ways.push(others(() => derivedString(base, marks, seps)));
      ways.push(others(() => derivedString(base, marks, seps)));
      const runs = digitRuns(base);
      if (runs.length > 0)
        // the same digit run written two ways: `beta.2` in one argument, `beta.11` in the other
        ways.push(
          fc
            .tuple(fc.nat(runs.length - 1), fc.constantFrom(...BOUNDARY_PAIRS))
            .chain(([k, [x, y]]) => others(() => fc.constant(replaceRun(base, k, y)), replaceRun(base, k, x))),
        );
      const mark = markOf(base);
      if (mark) {
        const operand = base.slice(mark.length);
        const pair = operandPair(operand, mark).chain(([v, r]) => others(() => fc.constant(r), v));
        // any of the prose's operators on a partial operand (`<=1.2` against `1.2.3`): how is a
        // missing component filled?
        const partial = fc
          .tuple(fc.constantFrom(...marks), fc.constantFrom(...partials(operand)))
          .chain(([m, p]) => others(() => fc.constant(m + p), operand));
        ways.push(pair, pair, partial);
      }
    }
    if (limits) {
      const near = wordEnds(base)
        .flatMap((n) => [n, n - 1, n + 1])
        .filter((n) => n >= 0);
      // the options object takes the limit even when the draw left it out
      const bag = schemas.findIndex((sc, i) => i !== first && typesOf(sc).includes('object'));
      ways.push(
        fc
          .tuple(fc.constantFrom(...near), fc.constantFrom(...(limitKeys.length > 0 ? limitKeys : [''])))
          .map(([n, key]) => {
            const out = [...args];
            for (const i of limitParams) if (i < out.length || i === fn.params.length - 1) out[i] = n;
            if (key && bag >= 0) {
              while (out.length < bag) out.push(null);
              out[bag] = { ...(isPlainObject(out[bag]) ? out[bag] : {}), [key]: n };
            }
            return out;
          }),
      );
    }
    return fc.oneof(...ways);
  }
}
