// Value arbitraries seeded by a dictionary: integers walked around the prose's numbers (±1,
// 0, negatives, products such as 2.5 × 60, the 2^53 edge), strings assembled from the prose's
// literals and their pieces with awkward characters mixed in, options objects over the keys
// the prose names. fast-check shrinks all of them (towards the prose's own entries first).
import fc, { type Arbitrary } from 'fast-check';
import { splitPieces, wordsOf, type Dictionary, type FunctionDictionary } from './dictionary.js';
import { shrinkAs } from './shrink-as.js';
import { BOUNDARY_FRACTIONS, digitRunVariants, numberCount, withDecimal } from './digits.js';
import { AWKWARD } from './characters.js';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

export const SPECIAL_NUMBERS: unknown[] = [{ $ghost: 'nan' }, { $ghost: 'inf' }, { $ghost: '-inf' }];

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** Integers at and around the prose's numbers. */
export function nearIntegers(numbers: number[]): number[] {
  const out: number[] = [0, 1, -1];
  for (const n of numbers) {
    const r = Math.round(n);
    out.push(r, r - 1, r + 1, -r);
  }
  // just past the safe range too: 2^53 is still an exact JSON integer, and a classic edge
  out.push(MAX_SAFE, MAX_SAFE - 1, -MAX_SAFE, MAX_SAFE + 1, -(MAX_SAFE + 1));
  return uniq(out).filter((n) => Number.isInteger(n) && Math.abs(n) <= MAX_SAFE + 1);
}

function pick<T>(xs: T[], fallback: T): Arbitrary<T> {
  return xs.length > 0 ? fc.constantFrom(...xs) : fc.constant(fallback);
}

export function integers(own: Dictionary, all: Dictionary): Arbitrary<number> {
  const ownNear = nearIntegers(own.numbers);
  const allNear = nearIntegers(all.numbers);
  const base = uniq([...own.numbers, ...all.numbers, 0.5, 1.5, 2.5]);
  // products meet thresholds stated in units (45 minutes, 2.5 × 3600) and their neighbours
  const product = fc
    .tuple(pick(base, 1), pick(base, 1), fc.constantFrom(0, -1, 1))
    .map(([a, b, d]) => Math.round(a * b) + d)
    .filter((n) => Number.isInteger(n) && Math.abs(n) <= MAX_SAFE + 1);
  const pools = fc.oneof(
    { weight: 4, arbitrary: pick(ownNear, 0) },
    { weight: 2, arbitrary: pick(allNear, 0) },
    { weight: 2, arbitrary: product },
    { weight: 2, arbitrary: fc.integer({ min: -10, max: 100 }) },
    { weight: 1, arbitrary: fc.maxSafeInteger() },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        MAX_SAFE,
        MAX_SAFE + 1,
        -MAX_SAFE,
        -(MAX_SAFE + 1),
        2 ** 31,
        2 ** 31 - 1,
        -(2 ** 31),
        2 ** 32,
      ),
    },
  );
  return shrinkAs(pools, fc.maxSafeInteger());
}

export function numbers(own: Dictionary, all: Dictionary, specials = true): Arbitrary<unknown> {
  const fractions = uniq([...own.numbers, ...all.numbers].filter((n) => !Number.isInteger(n)));
  const halves = nearIntegers(own.numbers)
    .slice(0, 40)
    .map((n) => n + 0.5);
  return fc.oneof(
    { weight: 4, arbitrary: integers(own, all) },
    { weight: 2, arbitrary: pick([...fractions, ...halves, 0.1, -0.5, 1e-9], 0.5) },
    { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
    { weight: 1, arbitrary: fc.constantFrom(1e21, -1e21, 1e300, 2 ** 53, 2 ** 53 + 2) },
    ...(specials ? [{ weight: 1, arbitrary: fc.constantFrom(...SPECIAL_NUMBERS) }] : []),
  );
}

export const CASE_CHANGES: Array<(s: string) => string> = [
  (s) => s.toUpperCase(),
  (s) => s.toLowerCase(),
  (s) => s.replace(/\p{L}/u, (c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())),
  (s) => [...s].map((c, i) => (i % 2 ? c.toUpperCase() : c.toLowerCase())).join(''),
];

const PADS: Array<(s: string) => string> = [
  (s) => ` ${s}`,
  (s) => `${s} `,
  (s) => `  ${s}  `,
  (s) => `\t${s}\n`,
  (s) => `\u00a0${s}`,
];

/** A piece of a literal, or something in its place: other digits, a placeholder filled, a word swapped. */
function pieceVariant(piece: string, words: string[]): Arbitrary<string> {
  const keep = fc.constant(piece);
  if (/^\d+$/.test(piece))
    return fc.oneof(
      { weight: 2, arbitrary: keep },
      { weight: 2, arbitrary: fc.constantFrom('0', '1', '2', '3', '10', '11', '01') },
      { weight: 2, arbitrary: fc.constantFrom(...digitRunVariants(piece)) },
    );
  // single letters in formulas and grammars are usually placeholders (`M.m.p`, `N minutes`)
  if (/^[A-Za-z]$/.test(piece))
    return fc.oneof(
      { weight: 1, arbitrary: keep },
      { weight: 3, arbitrary: fc.constantFrom('0', '1', '2', '3', 'x', '*') },
    );
  if (/^\p{L}+$/u.test(piece))
    return fc.oneof(
      { weight: 3, arbitrary: keep },
      { weight: 1, arbitrary: pick(words, piece) },
      { weight: 1, arbitrary: fc.constantFrom(...CASE_CHANGES).map((f) => f(piece)) },
    );
  return fc.oneof({ weight: 6, arbitrary: keep }, { weight: 1, arbitrary: fc.constantFrom('', ...AWKWARD) });
}

/** A literal from the prose with its pieces varied: `M.m.p-pre` → `1.0.3-beta`, `1h 30m` → `2h 30M`. */
export function literalVariants(literals: string[], words: string[]): Arbitrary<string> {
  if (literals.length === 0) return fc.constant('');
  return fc.constantFrom(...literals).chain((lit) => {
    const parts = splitPieces(lit);
    return parts.length === 0
      ? fc.constant(lit)
      : fc.tuple(...parts.map((p) => pieceVariant(p, words))).map((xs) => xs.join(''));
  });
}

/** Strings near `base`: the same pieces, some varied (for a second argument related to the first). */
export function nearString(base: string, dict: Dictionary): Arbitrary<string> {
  const words = wordsOf(dict);
  const parts = splitPieces(base);
  if (parts.length === 0) return fc.constant(base);
  return fc
    .tuple(
      ...parts.map((p) =>
        fc.oneof({ weight: 2, arbitrary: fc.constant(p) }, { weight: 1, arbitrary: pieceVariant(p, words) }),
      ),
    )
    .map((xs) => xs.join(''));
}

export function strings(own: Dictionary, all: Dictionary): Arbitrary<string> {
  const literals = uniq([...own.literals, ...all.literals]);
  const pieces = uniq([...own.pieces, ...all.pieces]);
  const decimals = fc
    .tuple(fc.nat(99), fc.constantFrom('0', '5', '25', '025', '5555', '999'))
    .map(([a, b]) => `${a}.${b}`);
  const item = fc.oneof(
    { weight: 3, arbitrary: pick(literals, 'a') },
    { weight: 3, arbitrary: pick(pieces, 'a') },
    { weight: 1, arbitrary: fc.oneof(integers(own, all).map(String), decimals) },
    { weight: 2, arbitrary: fc.constantFrom(...AWKWARD) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }) },
  );
  const soup = fc.array(item, { maxLength: 5 }).map((xs) => xs.join(''));
  const words = wordsOf({ numbers: [], literals, pieces });
  const variant = literalVariants(literals, words);
  const joined = fc
    .tuple(variant, fc.constantFrom(' ', '', ' || ', ', ', ',', '-', '.', '+'), variant)
    .map(([a, sep, b]) => a + sep + b);
  // a number inside a literal (`0.25m`, `1h 30m`) rewritten as a decimal on a rounding boundary
  const numeric = literals.filter((l) => /\d/.test(l));
  const decimal =
    numeric.length > 0
      ? fc
          .tuple(fc.constantFrom(...numeric), fc.nat(3), fc.nat(4), fc.constantFrom(...BOUNDARY_FRACTIONS))
          .map(([l, k, int, frac]) => withDecimal(l, k % (numberCount(l) || 1), int, frac))
      : fc.constant('0.5');
  const pools = fc.oneof(
    { weight: 2, arbitrary: decimal },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
    { weight: 4, arbitrary: soup },
    { weight: 4, arbitrary: variant },
    { weight: 1, arbitrary: joined },
    { weight: 2, arbitrary: pick(literals, '') },
    { weight: 1, arbitrary: fc.tuple(soup, fc.constantFrom(...CASE_CHANGES)).map(([s, f]) => f(s)) },
    { weight: 1, arbitrary: fc.tuple(soup, fc.constantFrom(...PADS)).map(([s, f]) => f(s)) },
  );
  return shrinkAs(pools, fc.string({ unit: 'grapheme', maxLength: 200 }));
}

/** Any JSON-ish scalar (for untyped values and the values of maps). */
export function scalars(own: Dictionary, all: Dictionary): Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: strings(own, all) },
    { weight: 2, arbitrary: integers(own, all) },
    { weight: 1, arbitrary: numbers(own, all) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
  );
}

/** An options bag: up to three of the keys the prose names, each with a value written beside it or a plausible one. */
export function optionsBag(dict: FunctionDictionary, all: Dictionary): Arbitrary<Record<string, unknown>> {
  const generic = fc.oneof(
    { weight: 2, arbitrary: fc.integer({ min: -1, max: 5 }) },
    { weight: 2, arbitrary: integers(dict, all) },
    { weight: 2, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: strings(dict, all) },
    { weight: 1, arbitrary: numbers(dict, all) },
  );
  const entries = [...dict.options.entries()].map(([key, values]) =>
    fc.tuple(
      fc.constant(key),
      values.length > 0
        ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...values) }, { weight: 2, arbitrary: generic })
        : generic,
    ),
  );
  const stray = fc.tuple(strings(dict, all), generic);
  const entry =
    entries.length > 0
      ? fc.oneof({ weight: 6, arbitrary: fc.oneof(...entries) }, { weight: 1, arbitrary: stray })
      : stray;
  const bag = fc.array(entry, { maxLength: 3 }).map((es) => Object.fromEntries(es));
  // one option alone, set to a value the prose writes beside it: what that option switches on
  const single = [...dict.options.entries()].filter(([, values]) => values.length > 0);
  if (single.length === 0) return bag;
  const one = fc
    .constantFrom(...single)
    .chain(([key, values]) => fc.constantFrom(...values).map((v) => ({ [key]: v })));
  return fc.oneof({ weight: 2, arbitrary: bag }, { weight: 1, arbitrary: one });
}
