// Deterministic stages before the random ones, as AFL runs its deterministic stages (bit
// flips, arithmetic, dictionary insertions) before havoc: a small, bounded list of inputs that
// no seed can miss. A rule reached by one random input in thousands is found by luck; swept,
// it is found every time, at every seed. Every stage reads the prose dictionary only:
// - one awkward character between two of the prose's words (`word\u001cword`, `word＇word`):
//   where definitions of whitespace, punctuation and apostrophes part ways;
// - each number inside a prose literal rewritten as a decimal on a rounding boundary (`1.025m`);
// - for a function relating two strings, a literal with a tail (`1.0.0-beta`) against two
//   alternatives joined as the prose joins them, the value itself and its bare numeric head,
//   under every pair of the prose's comparison operators (`<1.0.0-beta || <=1.0.0`): a rule
//   meant to hold per alternative may be checked across them;
// - the same value against each of the prose's shortest literals (`*`, `x`, `>=`);
// - every prose operator on a value cut short (`1.2.4` against `<=1.2`);
// - for a list and a string, two values equal up to their tail, in both orders (a tie).
// What a sweep finds is shrunk too, its letters and digits only (engine.ts).
import type { FunctionDecl, JsonSchema } from '../spec/index.js';
import { splitPieces, wordsOf, type Dictionary } from './dictionary.js';
import { BOUNDARY_FRACTIONS, digitRuns, innerSeparators, numberCount, prefixMarks, withDecimal } from './digits.js';
import { numericHead, partials } from './related.js';
import { isList, isString } from './schema-types.js';
import { AWKWARD, SEPARATOR_EDGES } from './characters.js';
import { interleave, skeleton } from './triage.js';

const unique = <T>(xs: T[]): T[] => [...new Set(xs)];

/** One awkward character between two words: the separators first (where whitespace definitions part). */
export function separatedWords(dict: Dictionary): string[] {
  const [a = 'a', b = 'b'] = unique(wordsOf(dict).map((w) => w.toLowerCase()));
  return unique([...SEPARATOR_EDGES, ...AWKWARD]).map((c) => `${a}${c}${b}`);
}

/** Each number in each prose literal written as `1.<boundary fraction>`, at most the first three numbers. */
export function boundaryDecimals(dict: Dictionary): string[] {
  const out: string[] = [];
  for (const lit of dict.literals) {
    for (let k = 0; k < Math.min(numberCount(lit), 3); k++)
      for (const frac of BOUNDARY_FRACTIONS) out.push(withDecimal(lit, k, 1, frac));
  }
  return unique(out);
}

/**
 * Literals with a numeric head and a tail (`1.0.0-beta`, not `1.0.0` or `1h 30m`), one per
 * form (`9.9.9-a`), the most structured first: the values whose tail a rule may treat apart.
 */
export function tailedValues(dict: Dictionary, max: number): string[] {
  const forms = new Map<string, string>();
  const candidates = dict.literals
    .filter((l) => !/\s/.test(l) && numericHead(l) !== undefined)
    .sort((x, y) => digitRuns(numericHead(y)!).length - digitRuns(numericHead(x)!).length || x.length - y.length);
  for (const l of candidates) if (!forms.has(skeleton(l))) forms.set(skeleton(l), l);
  return [...forms.values()].slice(0, max);
}

/** The comparison operators among the marks the prose writes in front of its values (`<`, `>=`, `=`). */
export function comparisonMarks(literals: string[]): string[] {
  return unique(prefixMarks(literals)).filter((m) => /^(?:[<>]=?|==?|!=)$/.test(m));
}

/** Separators that join alternatives: the prose's wider ones (` || `), else its widest. */
export function alternationSeparators(literals: string[]): string[] {
  const seps = innerSeparators(literals);
  const wide = seps.filter((s) => s.trim().length >= 2);
  if (wide.length > 0) return wide;
  const widest = [...seps].sort((a, b) => b.trim().length - a.trim().length)[0];
  return widest?.trim() ? [widest] : [];
}

/** [value, alternatives over it] pairs: every pair of comparison operators on the value and its head. */
export function operatorAlternatives(dict: Dictionary): Array<[string, string]> {
  const marks = ['', ...comparisonMarks(dict.literals)];
  const seps = alternationSeparators(dict.literals);
  if (marks.length < 2 || seps.length === 0) return [];
  const out: Array<[string, string]> = [];
  for (const v of tailedValues(dict, 6)) {
    const head = numericHead(v)!;
    for (const sep of seps) for (const m1 of marks) for (const m2 of marks) out.push([v, m1 + v + sep + m2 + head]);
  }
  return out;
}

/**
 * The literals that are numbers joined by one separator (`1.2.3`, `1.2`), the most components
 * first, then the fewest zeros (a component filled in with 0 shows only where it was not 0).
 */
export function plainValues(dict: Dictionary, max: number): string[] {
  const zeros = (l: string) => (l.match(/(?<!\d)0+(?!\d)/g) ?? []).length;
  return unique(dict.literals.filter((l) => /^\d+([^\p{L}\p{N}\s])\d+(?:\1\d+)*$/u.test(l)))
    .sort((a, b) => digitRuns(b).length - digitRuns(a).length || zeros(a) - zeros(b))
    .slice(0, max);
}

/** [value, operator + the value cut short] pairs (`1.2.3` against `<=1.2`): how is a missing component filled? */
export function operatorsOnPartials(dict: Dictionary): Array<[string, string]> {
  const marks = unique(prefixMarks(dict.literals));
  return plainValues(dict, 1).flatMap((v) =>
    partials(v).flatMap((p) => marks.map((m): [string, string] => [v, m + p])),
  );
}

/**
 * Two values equal up to their tail (`1.0.0+a`, `1.0.0+b`) in a list, in both orders, against
 * their bare head: where a rule must break a tie, and which one it keeps.
 */
export function tiedLists(dict: Dictionary): Array<[string[], string]> {
  const byHead = new Map<string, string[]>();
  for (const l of dict.literals) {
    const head = /\s/.test(l) ? undefined : numericHead(l);
    if (head && digitRuns(head).length > 1) byHead.set(head, unique([...(byHead.get(head) ?? []), l]));
  }
  const out: Array<[string[], string]> = [];
  for (const [head, values] of [...byHead].slice(0, 3)) {
    const some = values.slice(0, 4);
    for (const [i, a] of some.entries()) for (const b of some.slice(i + 1)) out.push([[a, b], head], [[b, a], head]);
  }
  return out;
}

/** [value, short literal] pairs: a value with a tail against wildcards and bare operators. */
export function againstShortLiterals(dict: Dictionary): Array<[string, string]> {
  const short = unique(
    dict.literals.filter((l) => !/[\d\s]/.test(l) && [...l].length <= 3 && splitPieces(l).length > 0),
  );
  return tailedValues(dict, 3).flatMap((v) => short.map((s): [string, string] => [v, s]));
}

/**
 * The swept argument lists of `fn`, or none when its required parameters are not one or two
 * strings (a string list counts, given a one-element list). Optional parameters are left off.
 */
export function sweepArguments(fn: FunctionDecl, schemas: JsonSchema[], dict: Dictionary): unknown[][] {
  const required = fn.params.filter((p) => !p.optional).length;
  const slots = schemas.slice(0, required);
  if (slots.length === 0 || !slots.every((s) => isString(s) || isList(s))) return [];
  const as = (s: JsonSchema, v: string) => (isString(s) ? v : [v]);
  if (slots.length === 1) {
    const texts = interleave([separatedWords(dict), boundaryDecimals(dict)]);
    return texts.map((t) => [as(slots[0]!, t)]);
  }
  if (slots.length !== 2) return [];
  const pairs = interleave([operatorAlternatives(dict), againstShortLiterals(dict), operatorsOnPartials(dict)]);
  const swept = pairs.map(([v, r]) => [as(slots[0]!, v), as(slots[1]!, r)]);
  return isList(slots[0]!) && isString(slots[1]!) ? interleave([tiedLists(dict), swept]) : swept;
}

/** Standard inputs for a program: the one-string stages, each a line of its own. */
export function sweepText(dict: Dictionary): string[] {
  return interleave([separatedWords(dict), boundaryDecimals(dict)]).map((t) => `${t}\n`);
}
