import { describe, expect, it } from 'vitest';
import { compareOutcome, deepEqual, errorKindMatches, unorderedEqual } from '../../src/conformance/compare.js';

const ok = (value: unknown) => ({ ok: true as const, value });
const err = (kind: string, message = 'boom') => ({ ok: false as const, error: { kind, message } });
const exact = { mode: 'exact' as const };

describe('deepEqual', () => {
  it('ignores object key order and compares nested values', () => {
    expect(deepEqual({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual(null, {})).toBe(false);
    expect(deepEqual([], {})).toBe(false);
    expect(deepEqual('1', 1)).toBe(false);
  });

  it('decodes $ghost tags: NaN, infinities, bigints, bytes', () => {
    expect(deepEqual({ $ghost: 'nan' }, { $ghost: 'nan' })).toBe(true);
    expect(deepEqual({ $ghost: 'nan' }, Number.NaN)).toBe(true);
    expect(deepEqual({ $ghost: 'nan' }, 0)).toBe(false);
    expect(deepEqual({ $ghost: 'inf' }, Number.POSITIVE_INFINITY)).toBe(true);
    expect(deepEqual({ $ghost: 'inf' }, { $ghost: '-inf' })).toBe(false);
    expect(
      deepEqual(
        { $ghost: 'bigint', value: '123456789012345678901' },
        { $ghost: 'bigint', value: '123456789012345678901' },
      ),
    ).toBe(true);
    expect(
      deepEqual(
        { $ghost: 'bigint', value: '123456789012345678901' },
        { $ghost: 'bigint', value: '123456789012345678902' },
      ),
    ).toBe(false);
    expect(deepEqual({ $ghost: 'bigint', value: '42' }, 42)).toBe(true);
    expect(deepEqual({ $ghost: 'bytes', base64: 'AAEC' }, { $ghost: 'bytes', base64: 'AAEC' })).toBe(true);
    expect(deepEqual({ $ghost: 'bytes', base64: 'AAEC' }, { $ghost: 'bytes', base64: 'AAED' })).toBe(false);
    expect(deepEqual({ $ghost: 'bytes', base64: 'AAEC' }, 'AAEC')).toBe(false);
  });

  it('an escaped lookalike ({$ghost: object, value: {$ghost: nan}}) is the literal object, never the value it mimics', () => {
    const lookalike = { $ghost: 'object', value: { $ghost: 'nan' } };
    expect(deepEqual(lookalike, Number.NaN)).toBe(false);
    expect(deepEqual(lookalike, { $ghost: 'nan' })).toBe(false);
    expect(deepEqual(lookalike, { $ghost: 'object', value: { $ghost: 'nan' } })).toBe(true);
  });

  it('treats -0 and 0 as equal', () => {
    expect(deepEqual(-0, 0)).toBe(true);
    expect(deepEqual([0], [-0])).toBe(true);
  });

  it('applies a tolerance to numbers recursively', () => {
    expect(deepEqual({ x: [0.1 + 0.2] }, { x: [0.3] }, 1e-9)).toBe(true);
    expect(deepEqual({ x: [0.31] }, { x: [0.3] }, 1e-9)).toBe(false);
    expect(deepEqual({ $ghost: 'nan' }, Number.NaN, 1e-9)).toBe(true);
    expect(deepEqual({ $ghost: 'inf' }, 1e308, 1e-9)).toBe(false);
  });
});

describe('unordered', () => {
  it('compares top-level lists as multisets', () => {
    expect(unorderedEqual([1, 2, 2, { a: 1 }], [{ a: 1 }, 2, 1, 2])).toBe(true);
    expect(unorderedEqual([1, 2, 2], [1, 1, 2])).toBe(false);
    expect(unorderedEqual([1, 2], [1, 2, 3])).toBe(false);
    // only the top level is unordered
    expect(unorderedEqual([[1, 2]], [[2, 1]])).toBe(false);
  });
});

describe('error kinds (spec-format §4.2)', () => {
  it('matches equal kinds, and kinds equal after dropping Error/Exception and case', () => {
    expect(errorKindMatches('InvalidVersion', 'InvalidVersion')).toBe(true);
    expect(errorKindMatches('InvalidVersion', 'InvalidVersionError')).toBe(true);
    expect(errorKindMatches('InvalidVersion', 'InvalidVersionException')).toBe(true);
    expect(errorKindMatches('InvalidVersionError', 'invalidversion')).toBe(true);
    expect(errorKindMatches('ValueError', 'ValueException')).toBe(true);
    expect(errorKindMatches('InvalidVersion', 'ValueError')).toBe(false);
    expect(errorKindMatches('Invalid', 'InvalidVersion')).toBe(false);
  });
});

describe('compareOutcome', () => {
  it('passes equal values and fails different ones with a headline', () => {
    expect(compareOutcome({ kind: 'value', value: 'a' }, exact, ok('a'))).toEqual({ pass: true });
    const v = compareOutcome({ kind: 'value', value: 'a' }, exact, ok('b'));
    expect(v.pass).toBe(false);
    expect(v.message).toBe('expected "a", got "b"');
  });

  it('uses the compare mode', () => {
    expect(compareOutcome({ kind: 'value', value: [1, 2] }, { mode: 'unordered' }, ok([2, 1])).pass).toBe(true);
    expect(compareOutcome({ kind: 'value', value: 1 }, { mode: 'tolerance', tolerance: 0.01 }, ok(1.001)).pass).toBe(
      true,
    );
    const v = compareOutcome({ kind: 'value', value: 1 }, { mode: 'tolerance', tolerance: 0.0001 }, ok(1.001));
    expect(v.message).toContain('tolerance 0.0001');
  });

  it('accepts any error for error: true and the matching kind for a named error', () => {
    expect(compareOutcome({ kind: 'error' }, exact, err('Whatever')).pass).toBe(true);
    expect(compareOutcome({ kind: 'error', errorKind: 'DivisionByZero' }, exact, err('DivisionByZeroError')).pass).toBe(
      true,
    );
    const v = compareOutcome({ kind: 'error', errorKind: 'DivisionByZero' }, exact, err('TypeError', 'nope'));
    expect(v.pass).toBe(false);
    expect(v.message).toBe('expected error DivisionByZero, got TypeError: "nope"');
  });

  it('fails an expected error that came back as a value, and a value that came back as an error', () => {
    const a = compareOutcome({ kind: 'error', errorKind: 'Bad' }, exact, ok(3));
    expect(a).toEqual({ pass: false, message: 'expected error Bad, got value 3' });
    const b = compareOutcome({ kind: 'error' }, exact, ok(null));
    expect(b.message).toBe('expected an error, got value null');
    const c = compareOutcome({ kind: 'value', value: 3 }, exact, err('ValueError', 'bad input'));
    expect(c).toEqual({ pass: false, message: 'expected 3, got error ValueError: bad input' });
  });
});
