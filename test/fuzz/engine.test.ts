// The search and the shrinker against in-memory implementations (no processes: fast).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer, Session } from '../../src/conformance/index.js';
import { search, shrink, type Target } from '../../src/fuzz/engine.js';

function fake(fn: (args: unknown[]) => unknown): Session {
  return {
    impl: { dir: 'fake', language: 'javascript', entry: '', names: {} },
    functions: async () => ['f'],
    call: async (_name, args): Promise<Answer> => {
      try {
        return { type: 'response', outcome: { ok: true, value: fn(args) } };
      } catch (e) {
        return {
          type: 'response',
          outcome: { ok: false, error: { kind: (e as Error).name, message: (e as Error).message } },
        };
      }
    },
    run: async () => ({ type: 'failure', reason: 'crash', message: 'not a program' }),
    close: async () => {},
  };
}

const target: Target = {
  name: 'f',
  arb: fc.tuple(fc.integer({ min: 0, max: 200 })),
  rules: { compare: { mode: 'exact' }, kinds: true },
  ask: (s, args) => s.call('f', args),
};
const strict = fake(([age]) => (age as number) >= 18);
const offByOne = fake(([age]) => (age as number) >= 30); // parts from `strict` on 18..29

describe('search and shrink', () => {
  it('finds where two implementations part and shrinks to the boundary', async () => {
    const found = await search(target, [strict, offByOne], 400, 7, Number.POSITIVE_INFINITY);
    expect(found.inputs).toBe(400);
    expect(found.findings.length).toBeGreaterThan(0);
    expect(found.findings.every((f) => f.pattern === 'value-vs-value')).toBe(true);
    const f = found.findings[0]!;
    const x = await shrink(target, [strict, offByOne], f, found.phases[f.phase]!, 5000);
    expect(x?.args).toEqual([18]);
    expect(x?.answers).toEqual([{ value: true }, { value: false }]);
  });

  it('is reproducible from its seed and quiet when implementations agree', async () => {
    const a = await search(target, [strict, offByOne], 200, 3, Number.POSITIVE_INFINITY);
    const b = await search(target, [strict, offByOne], 200, 3, Number.POSITIVE_INFINITY);
    expect(a.findings).toEqual(b.findings);
    const same = await search(
      target,
      [strict, fake(([age]) => (age as number) >= 18)],
      200,
      3,
      Number.POSITIVE_INFINITY,
    );
    expect(same.findings).toEqual([]);
  });

  it('varies live inputs in a second phase when the target can', async () => {
    const seen: unknown[][] = [];
    const t: Target = { ...target, mutate: (live) => fc.constantFrom(...live).map((a) => (seen.push(a), a)) };
    const r = await search(t, [strict, strict], 100, 1, Number.POSITIVE_INFINITY);
    expect(r.phases).toHaveLength(2);
    expect(r.inputs).toBe(100);
    expect(seen.length).toBeGreaterThan(0);
  });

  it('tries the sweep first, at every seed, within a quarter of the runs', async () => {
    // the random draws stay in 0..200; only the sweep reaches 1000, where the two part
    const t: Target = { ...target, sweep: [[1000], [5], [7], [9], [11], [13]] };
    const atThousand = fake(([n]) => (n as number) >= 18 && n !== 1000);
    for (const seed of [1, 2, 3]) {
      const r = await search(t, [strict, atThousand], 20, seed, Number.POSITIVE_INFINITY);
      expect(r.inputs).toBe(20);
      expect(r.phases[0]!.samples).toEqual([[1000], [5], [7], [9], [11]]); // 20 / 4 = 5 swept
      expect(r.phases[0]!.arb).toBeUndefined();
      const f = r.findings.find((x) => x.phase === 0)!;
      expect(f.index).toBe(0);
      const x = await shrink(t, [strict, atThousand], f, r.phases[0]!, 1000);
      expect(x).toMatchObject({ args: [1000], shrinks: 0, swept: true, answers: [{ value: true }, { value: false }] });
    }
  });

  it('shrinks a swept input though no arbitrary drew it', async () => {
    const apostrophe = (s: unknown) => /\p{L}'\p{L}/u.test(String(s));
    const dropping = fake(([s]) => String(s).replace(/'/g, ''));
    const splitting = fake(([s]) => (apostrophe(s) ? String(s).replace(/'/g, '-') : String(s).replace(/'/g, '')));
    const t: Target = { ...target, arb: fc.tuple(fc.constant('x')), sweep: [["slugify's text"]] };
    const r = await search(t, [dropping, splitting], 8, 1, Number.POSITIVE_INFINITY);
    const x = await shrink(t, [dropping, splitting], r.findings[0]!, r.phases[0]!, 5000);
    expect(x?.swept).toBe(true);
    expect(x?.shrinks).toBeGreaterThan(0);
    // only letters and digits shrink: the apostrophe and the space stay, each word down to one letter
    expect(String(x?.args[0]).replace(/[\p{L}\p{N}]+/gu, '')).toBe("' ");
    expect([...String(x?.args[0])]).toHaveLength(4);
    expect(apostrophe(x?.args[0])).toBe(true);
  });
});
