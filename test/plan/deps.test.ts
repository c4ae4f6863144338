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

describe('requirement-based dependencies', () => {
  it('makes a task whose cases check another task’s requirement depend on it, and orders it after', async () => {
    const { makePlan } = await import('../../src/plan/index.js');
    const { buildSpec, call, fn } = await import('./builder.js');
    const spec = buildSpec({
      outline: [
        { depth: 1, title: 'v' },
        { depth: 2, title: 'sort(list)', text: 'Sorts ascending.' },
        { depth: 2, title: 'compare(a, b)', text: 'Versions MUST be compared numerically [R-precedence].' },
      ],
      functions: [fn('sort', 'sortlist', ['list']), fn('compare', 'comparea-b', ['a', 'b'])],
      cases: [
        call('s1', 'sort', [['1.10', '1.2']], ['1.2', '1.10'], { section: 'sortlist', requirements: ['R-precedence'] }),
      ],
    });
    const plan = makePlan(spec);
    // compare moves ahead of sort, so the plan can be worked in order
    expect(plan.tasks.map((t) => t.id)).toEqual(['01-scaffold', '02-fn-compare', '03-fn-sort', '04-integration']);
    expect(plan.tasks[2]).toMatchObject({
      dependsOn: ['01-scaffold', '02-fn-compare'],
      requirements: ['R-precedence'],
    });
  });
});
