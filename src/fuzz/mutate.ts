// Inputs next to the ones the author already thought of: each case's arguments with numbers
// walked (±1, 0, negated, halved, very large), strings emptied, padded, case-changed or given
// an awkward character, options objects with keys dropped or combined with another case's.
import fc, { type Arbitrary } from 'fast-check';
import type { CallCase } from '../spec/index.js';
import { splitPieces, type Dictionary } from './dictionary.js';
import { integers, nearString } from './values.js';
import { AWKWARD } from './characters.js';
import { shrinkAs } from './shrink-as.js';
import { oneRunVaried } from './related.js';

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x) && !('$ghost' in (x as object));
}

function numberMutants(n: number): number[] {
  const out = [n + 1, n - 1, 0, -n, n * 10, n + 0.5, n / 2, 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 53, 1e21];
  if (!Number.isInteger(n)) out.push(Math.floor(n), Math.ceil(n));
  return [...new Set(out)].filter(Number.isFinite);
}

function stringMutants(s: string, dict: Dictionary): Arbitrary<string> {
  const chars = [...s];
  const pieces = splitPieces(s);
  const marks = dict.pieces.filter((p) => /^[^\p{L}\p{N}\s]+$/u.test(p));
  return fc.oneof(
    nearString(s, dict),
    oneRunVaried(s),
    // the prose's operators and marks in front (`1.2` → `<=1.2`, `^1.2`), a tail dropped (`1.2.3` → `1.2`)
    ...(marks.length > 0
      ? [fc.tuple(fc.constantFrom(...marks), fc.constantFrom(...marks, '')).map(([a, b]) => `${a}${b}${s}`)]
      : []),
    fc.nat(Math.max(0, pieces.length - 1)).map((n) => pieces.slice(0, n + 1).join('')),
    fc.constantFrom(
      '',
      ` ${s}`,
      `${s} `,
      `  ${s}  `,
      s.toUpperCase(),
      s.toLowerCase(),
      s.slice(1),
      s.slice(0, -1),
      `${s}${s}`,
    ),
    fc
      .tuple(fc.nat(chars.length), fc.constantFrom(...AWKWARD))
      .map(([i, c]) => [...chars.slice(0, i), c, ...chars.slice(i)].join('')),
    fc.nat(Math.max(0, chars.length - 1)).map((i) => [...chars.slice(0, i), ...chars.slice(i + 1)].join('')),
  );
}

/**
 * An argument and a few things near it, for one position; `peers` are other inputs' values
 * there, `lengths` the lengths of the input's strings (±1: limits such as `max_length`
 * meet the text they limit).
 */
function mutant(value: unknown, peers: unknown[], dict: Dictionary, lengths: number[] = []): Arbitrary<unknown> {
  const same = fc.constant(value);
  if (typeof value === 'number') {
    const near = fc.oneof(
      { weight: 1, arbitrary: same },
      { weight: 3, arbitrary: fc.constantFrom(...numberMutants(value)) },
      { weight: 1, arbitrary: integers(dict, dict) },
      ...(lengths.length > 0 && Number.isInteger(value)
        ? [{ weight: 2, arbitrary: fc.constantFrom(...lengths.flatMap((n) => [n, n - 1, n + 1])) }]
        : []),
    );
    return shrinkAs(near, fc.oneof(fc.maxSafeInteger(), fc.double({ noNaN: true })));
  }
  if (typeof value === 'string') {
    const kin = peers.filter((p): p is string => typeof p === 'string');
    const near = fc.oneof(
      { weight: 1, arbitrary: same },
      { weight: 3, arbitrary: stringMutants(value, dict) },
      ...(kin.length > 0 ? [{ weight: 1, arbitrary: fc.constantFrom(...kin).chain((k) => nearString(k, dict)) }] : []),
    );
    return shrinkAs(near, fc.string({ unit: 'grapheme', maxLength: 200 }));
  }
  if (typeof value === 'boolean') return fc.constantFrom(value, !value);
  if (Array.isArray(value)) {
    if (value.length === 0) return same;
    return fc.oneof(
      same,
      fc.nat(value.length - 1).map((i) => value.filter((_, j) => j !== i)),
      fc.nat(value.length - 1).map((i) => [...value.slice(0, i + 1), value[i], ...value.slice(i + 1)]),
      fc
        .tuple(fc.nat(value.length - 1), mutant(value[0], [], dict, lengths))
        .map(([i, v]) => value.map((x, j) => (j === i ? v : x))),
    );
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    const others = peers.filter(isPlainObject);
    const variants: Array<Arbitrary<unknown>> = [same];
    if (keys.length > 0) {
      variants.push(
        fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(value).filter(([key]) => key !== k))),
      );
      variants.push(
        fc.constantFrom(...keys).chain((k) => mutant(value[k], [], dict, lengths).map((v) => ({ ...value, [k]: v }))),
      );
    }
    if (others.length > 0) variants.push(fc.constantFrom(...others).map((o) => ({ ...value, ...o })));
    return fc.oneof(...variants);
  }
  return same;
}

function stringLengths(args: unknown[]): number[] {
  const strings = args.filter((a): a is string => typeof a === 'string');
  return [...new Set(strings.flatMap((s) => [[...s].length, s.length]))];
}

/** Variations of the given argument lists; each position may borrow from the others' values there or beside it. */
export function argumentMutations(argLists: unknown[][], dict: Dictionary): Arbitrary<unknown[]> {
  const perList = argLists.map((args) =>
    fc.tuple(
      ...args.map((a, i) =>
        mutant(
          a,
          [...argLists.map((o) => o[i]), ...args].filter((v) => v !== a),
          dict,
          stringLengths(args),
        ),
      ),
    ),
  );
  return fc.oneof(...perList);
}

export function caseMutations(cases: CallCase[], dict: Dictionary): Arbitrary<unknown[]> {
  return argumentMutations(
    cases.map((c) => c.args),
    dict,
  );
}
