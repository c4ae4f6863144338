import { describe, expect, it } from 'vitest';
import { makePlan } from '../../src/plan/index.js';
import { assignSections, groupFunctions } from '../../src/plan/groups.js';
import { indexSections } from '../../src/plan/sections.js';
import { buildSpec, call, fn } from './builder.js';

describe('groupFunctions', () => {
  it('groups up to three functions documented by one section', () => {
    const spec = buildSpec({
      outline: [
        { depth: 1, title: 'r' },
        { depth: 2, title: 'Ranges' },
        { depth: 2, title: 'other(x)' },
      ],
      functions: [fn('parse_range', 'ranges'), fn('format_range', 'ranges'), fn('other', 'otherx')],
    });
    expect(groupFunctions(spec).map((g) => g.map((f) => f.name))).toEqual([['parse_range', 'format_range'], ['other']]);
    const plan = makePlan(spec);
    expect(plan.tasks[1]).toMatchObject({
      id: '02-fn-parse_range',
      functions: ['parse_range', 'format_range'],
      sections: ['ranges'],
    });
  });

  it('gives each function of a catalogue section its own task, all carrying the section', () => {
    const names = ['a', 'b', 'c', 'd'];
    const spec = buildSpec({
      outline: [
        { depth: 1, title: 'r' },
        { depth: 2, title: 'Interface', text: 'Uses `a`, `b`, `c` and `d`.' },
      ],
      functions: names.map((n) => fn(n, 'interface')),
    });
    expect(groupFunctions(spec)).toHaveLength(4);
    const plan = makePlan(spec);
    for (const t of plan.tasks.slice(1, 5)) {
      expect(t.sections).toEqual(['interface']);
      // a catalogue names every function: that is not a dependency
      expect(t.dependsOn).toEqual(['01-scaffold']);
    }
  });
});

describe('assignSections', () => {
  it('claims sections by visible cases and by title, leaving the rest general', () => {
    const spec = buildSpec({
      outline: [
        { depth: 1, title: 'lib' },
        { depth: 2, title: 'slugify(text)' },
        { depth: 2, title: 'Examples' },
        { depth: 2, title: 'Unicode in slugify' },
        { depth: 2, title: 'Hidden only' },
        { depth: 2, title: 'Errors' },
      ],
      functions: [fn('slugify', 'slugifytext'), fn('other', undefined)],
      cases: [
        call('e1', 'slugify', ['A'], 'a', { section: 'examples' }),
        call('h1', 'other', ['A'], 'a', { section: 'hidden-only', hidden: true }),
      ],
    });
    const visible = spec.cases.filter((c) => !c.hidden);
    const { owned, unowned } = assignSections(spec, groupFunctions(spec), indexSections(spec.sections), visible);
    expect(owned[0]!.sections).toEqual(['slugifytext', 'examples', 'unicode-in-slugify']);
    expect(owned[1]!.sections).toEqual([]);
    expect(unowned).toEqual(['lib', 'hidden-only', 'errors']);
  });
});
