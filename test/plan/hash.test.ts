import { describe, expect, it } from 'vitest';
import { canonicalJson, displayJson, sha16 } from '../../src/plan/hash.js';
import { makePlan } from '../../src/plan/index.js';
import type { Plan } from '../../src/plan/types.js';
import { buildSpec, call, fn } from './builder.js';
import { librarySpec } from './fixtures.js';

/** Ids of the tasks whose hash differs between two plans with the same task ids. */
function changed(a: Plan, b: Plan): string[] {
  expect(b.tasks.map((t) => t.id)).toEqual(a.tasks.map((t) => t.id));
  return a.tasks.filter((t, i) => t.hash !== b.tasks[i]!.hash).map((t) => t.id);
}

describe('hashing helpers', () => {
  it('length-prefixes parts so concatenations do not collide', () => {
    expect(sha16(['ab', 'c'])).not.toBe(sha16(['a', 'bc']));
    expect(sha16(['x'])).toMatch(/^[0-9a-f]{16}$/);
  });

  it('serialises canonically with sorted keys', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3n] } })).toBe(
      '{"a":{"c":[{"$ghost":"bigint","value":"3"}],"d":2},"b":1}',
    );
  });

  it('displays bigint in the tagged form', () => {
    expect(displayJson({ b: 1, a: [3n] })).toBe('{"b":1,"a":[{"$ghost":"bigint","value":"3"}]}');
  });
});

describe('task hashes', () => {
  const base = makePlan(librarySpec());

  it('are stable', () => {
    expect(makePlan(librarySpec()).hash).toBe(base.hash);
  });

  it("change only for the task whose function's section changed", () => {
    const edited = makePlan(
      librarySpec({ formatText: 'The inverse of `parse`. It SHOULD be stable and MUST be total.' }),
    );
    expect(changed(base, edited)).toEqual(['03-fn-format']);
    expect(edited.hash).not.toBe(base.hash);
  });

  it('change only for the task whose case content changed (integration lists ids, not content)', () => {
    expect(changed(base, makePlan(librarySpec({ formatExpect: '1.0.1' })))).toEqual(['03-fn-format']);
  });

  it('change for the owning task and integration when a case is added', () => {
    const spec = librarySpec();
    spec.cases.push(call('compare-eq', 'compare', ['1.0.0', '1.0.0'], 0, { section: 'comparea-b---integer' }));
    expect(changed(base, makePlan(spec))).toEqual(['04-fn-compare', '05-integration']);
  });

  it("change when a case's requirement refs change (not shown in the text)", () => {
    const spec = librarySpec();
    spec.cases[2]!.requirements = ['R-comparea-b---integer-1'];
    expect(changed(base, makePlan(spec))).toEqual(['04-fn-compare']);
  });

  it('ignore hidden cases entirely', () => {
    const spec = librarySpec();
    spec.cases.push(call('another-hidden', 'parse', ['9'], 'z', { hidden: true, section: 'parsetext---object' }));
    const plan = makePlan(spec);
    expect(changed(base, plan)).toEqual([]);
    expect(plan.cases.hidden).toBe(base.cases.hidden + 1);
  });

  it('do not move when a task is inserted before (dependencies hash by key, not number)', () => {
    const mk = (extra: boolean) =>
      makePlan(
        buildSpec({
          outline: [
            { depth: 1, title: 'x' },
            ...(extra ? [{ depth: 2, title: 'first(s)', text: 'New.' }] : []),
            { depth: 2, title: 'a(s)', text: 'Uses nothing.' },
            { depth: 2, title: 'b(s)', text: 'Calls `a` first.' },
          ],
          functions: [...(extra ? [fn('first', 'firsts')] : []), fn('a', 'as'), fn('b', 'bs')],
        }),
      );
    const before = mk(false).tasks;
    const after = mk(true).tasks;
    expect(after.find((t) => t.id.endsWith('fn-b'))!.hash).toBe(before.find((t) => t.id.endsWith('fn-b'))!.hash);
    expect(after.find((t) => t.id.endsWith('fn-b'))!.dependsOn).toEqual(['01-scaffold', '03-fn-a']);
  });
});
