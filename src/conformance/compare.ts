// Outcome comparison: deep JSON equality with `$ghost` tags decoded, `unordered` (top-level
// multiset) and `{tolerance}` (numbers within an absolute tolerance, recursively), plus the
// error-kind matching rule of spec-format §4.2.
import type { CallExpectation, Compare } from '../spec/types.js';
import type { Outcome } from './types.js';

export interface Verdict {
  pass: boolean;
  /** Headline for a failure ("expected error InvalidVersion, got value \"1.0\""). */
  message?: string;
}

type Num = { t: 'num'; v: number } | { t: 'big'; v: bigint };

/** A `$ghost`-tagged value decoded to a comparable number/bigint, or undefined. */
function asNumber(x: unknown): Num | undefined {
  if (typeof x === 'number') return { t: 'num', v: x };
  if (typeof x === 'bigint') return { t: 'big', v: x };
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return undefined;
  const tag = (x as Record<string, unknown>).$ghost;
  if (tag === 'nan') return { t: 'num', v: Number.NaN };
  if (tag === 'inf') return { t: 'num', v: Number.POSITIVE_INFINITY };
  if (tag === '-inf') return { t: 'num', v: Number.NEGATIVE_INFINITY };
  if (tag === 'bigint') {
    const raw = (x as Record<string, unknown>).value;
    try {
      if (typeof raw === 'string' || typeof raw === 'number') return { t: 'big', v: BigInt(raw) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function numbersEqual(a: Num, b: Num, tolerance: number): boolean {
  if (a.t === 'big' && b.t === 'big') {
    if (a.v === b.v) return true;
    const d = a.v > b.v ? a.v - b.v : b.v - a.v;
    return tolerance > 0 && Number(d) <= tolerance;
  }
  if (a.t === 'big' || b.t === 'big') {
    const big = (a.t === 'big' ? a.v : b.v) as bigint;
    const num = (a.t === 'num' ? a.v : b.v) as number;
    if (Number.isInteger(num) && BigInt(num) === big) return true;
    return tolerance > 0 && Number.isFinite(num) && Math.abs(Number(big) - num) <= tolerance;
  }
  const x = a.v;
  const y = b.v;
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) && Number.isNaN(y);
  if (x === y) return true; // also -0 === 0 and same-signed infinities
  if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
  return tolerance > 0 && Math.abs(x - y) <= tolerance;
}

function bytesOf(x: unknown): string | undefined {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return undefined;
  const o = x as Record<string, unknown>;
  if (o.$ghost !== 'bytes' || typeof o.base64 !== 'string') return undefined;
  // canonical form: decode and re-encode (padding/whitespace differences are irrelevant)
  return Buffer.from(o.base64, 'base64').toString('base64');
}

/** Deep equality over decoded JSON; object key order is irrelevant. */
export function deepEqual(a: unknown, b: unknown, tolerance = 0): boolean {
  if (a === b) return true;
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na || nb) return na !== undefined && nb !== undefined && numbersEqual(na, nb, tolerance);
  const ba = bytesOf(a);
  const bb = bytesOf(b);
  if (ba !== undefined || bb !== undefined) return ba === bb;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i], tolerance));
  }
  const oa = a as Record<string, unknown>;
  const ob = b as Record<string, unknown>;
  const ka = Object.keys(oa).filter((k) => oa[k] !== undefined);
  const kb = Object.keys(ob).filter((k) => ob[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(ob, k) && deepEqual(oa[k], ob[k], tolerance));
}

/** Top-level lists compared as multisets (each expected item consumes one equal actual item). */
export function unorderedEqual(expected: unknown, actual: unknown): boolean {
  if (!Array.isArray(expected) || !Array.isArray(actual)) return deepEqual(expected, actual);
  if (expected.length !== actual.length) return false;
  const used = new Array<boolean>(actual.length).fill(false);
  for (const item of expected) {
    let found = -1;
    for (let i = 0; i < actual.length; i++) {
      if (!used[i] && deepEqual(item, actual[i])) {
        found = i;
        break;
      }
    }
    if (found < 0) return false;
    used[found] = true;
  }
  return true;
}

export function valuesMatch(expected: unknown, actual: unknown, compare: Compare): boolean {
  switch (compare.mode) {
    case 'unordered':
      return unorderedEqual(expected, actual);
    case 'tolerance':
      return deepEqual(expected, actual, compare.tolerance);
    default:
      return deepEqual(expected, actual);
  }
}

function normKind(kind: string): string {
  return kind.toLowerCase().replace(/(error|exception)$/, '');
}

/** Spec-format §4.2: equal, or equal after dropping an Error/Exception suffix and case. */
export function errorKindMatches(expected: string, actual: string): boolean {
  return expected === actual || normKind(expected) === normKind(actual);
}

/** JSON-ish one-line rendering for messages (tags and special numbers shown readably). */
export function preview(value: unknown, max = 120): string {
  let s: string;
  try {
    s =
      JSON.stringify(value, (_k, v: unknown) => {
        if (typeof v === 'bigint') return `${v}n`;
        if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
        return v;
      }) ?? 'undefined';
  } catch {
    s = String(value);
  }
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function compareOutcome(expect: CallExpectation, compare: Compare, outcome: Outcome): Verdict {
  if (expect.kind === 'error') {
    const want = expect.errorKind ? `error ${expect.errorKind}` : 'an error';
    if (outcome.ok) return { pass: false, message: `expected ${want}, got value ${preview(outcome.value)}` };
    if (!expect.errorKind || errorKindMatches(expect.errorKind, outcome.error.kind)) return { pass: true };
    return {
      pass: false,
      message: `expected ${want}, got ${outcome.error.kind}: ${preview(outcome.error.message)}`,
    };
  }
  if (!outcome.ok) {
    return {
      pass: false,
      message: `expected ${preview(expect.value, 60)}, got error ${outcome.error.kind}: ${outcome.error.message.slice(0, 200)}`,
    };
  }
  if (valuesMatch(expect.value, outcome.value, compare)) return { pass: true };
  const how =
    compare.mode === 'exact' ? '' : compare.mode === 'unordered' ? ' (unordered)' : ` (tolerance ${compare.tolerance})`;
  return {
    pass: false,
    message: `expected ${preview(expect.value, 80)}, got ${preview(outcome.value, 80)}${how}`,
  };
}
