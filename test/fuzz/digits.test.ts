import { describe, expect, it } from 'vitest';
import {
  BOUNDARY_PAIRS,
  digitRunVariants,
  digitRuns,
  innerSeparators,
  prefixMarks,
  replaceRun,
} from '../../src/fuzz/digits.js';

describe('ASCII arithmetic on digit runs', () => {
  it('walks a run to its neighbours, a digit more, zero and boundary decimals', () => {
    const v = digitRunVariants('9');
    expect(v).toEqual(expect.arrayContaining(['10', '8', '0', '91', '90', '09', '9.025', '9.005', '9.5']));
    expect(v).not.toContain('9');
    expect(digitRunVariants('25')).toContain('5'); // a digit less
  });

  it('pairs values whose text order and numeric order disagree', () => {
    expect(BOUNDARY_PAIRS.some(([a, b]) => Number(a) < Number(b) && a > b)).toBe(true);
  });

  it('finds and replaces the k-th digit run only', () => {
    expect(digitRuns('v1.22-x3')).toEqual([
      [1, 2],
      [3, 5],
      [7, 8],
    ]);
    expect(replaceRun('1.0.0-beta.2', 3, '11')).toBe('1.0.0-beta.11');
    expect(replaceRun('abc', 0, '1')).toBe('abc');
  });

  it('reads operator prefixes and separators from the prose literals', () => {
    expect(prefixMarks(['>=1.2.3', '^0.0.p', 'plain', '--lines', '^1'])).toEqual(['>=', '^', '--', '^']);
    expect(innerSeparators(['>=1.0.0 <2.0.0 || 3.x', '1h 30m', 'a, b'])).toEqual(
      expect.arrayContaining([' ', ' || ', ', ']),
    );
  });
});
