import { describe, expect, it } from 'vitest';
import { dependencies, mentions } from '../../src/plan/deps.js';

describe('mentions', () => {
  it('counts a distinctive name anywhere as a whole word', () => {
    expect(mentions('first call parse_range on it', 'parse_range')).toBe(true);
    expect(mentions('use toSlug here', 'toSlug')).toBe(true);
    expect(mentions('parse_ranges is different', 'parse_range')).toBe(false);
  });

  it('counts a plain word only as code', () => {
    expect(mentions('the format of the output', 'format')).toBe(false);
    expect(mentions('the inverse of `parse`', 'parse')).toBe(true);
    expect(mentions('equivalent to `parse(text).major`', 'parse')).toBe(true);
    expect(mentions('call parse(x) first', 'parse')).toBe(true);
    expect(mentions('calls obj.parse(x)', 'parse')).toBe(false);
    expect(mentions('`a` then parse then `b`', 'parse')).toBe(false);
  });
});

describe('dependencies', () => {
  it('links mentions and breaks cycles towards the earlier declaration', () => {
    const deps = dependencies(['uses `b`', 'uses `a`', 'uses `a` and `b`', 'nothing'], [['a'], ['b'], ['c'], ['d']]);
    expect(deps).toEqual([[], [0], [0, 1], []]);
  });

  it('breaks a three-cycle into a chain', () => {
    const deps = dependencies(['`b`', '`c`', '`a`'], [['a'], ['b'], ['c']]);
    expect(deps).toEqual([[], [], [0]]);
  });
});
