import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/conformance/index.js';
import {
  answerShape,
  argsSkeleton,
  diffPlaces,
  pickForShrinking,
  sameAmbiguityKeys,
  shapeKind,
  skeleton,
} from '../../src/fuzz/triage.js';

const value = (v: unknown): Answer => ({ type: 'response', outcome: { ok: true, value: v } });

describe('triage of findings', () => {
  it('abstracts letters and digits, and says which tokens differ', () => {
    expect(skeleton('Foo12 bar')).toBe('Aa9 a');
    const lines = answerShape([value('3 5 7'), value('2 5 7')], [[0], [1]]);
    const words = answerShape([value('3 5 7'), value('3 4 7')], [[0], [1]]);
    expect(lines).not.toBe(words);
    expect(lines).toBe('9>9 @0');
    expect(diffPlaces(words)).toBe('@1');
    expect(answerShape([value('a=false&b=false'), value('a=0&b=0')], [[0], [1]])).toBe('a>9 @1');
  });

  it('gives every shape a turn, the simplest first (ties: the rarest), before any gets a second', () => {
    const f = (shape: string, i: number) => ({ pattern: 'value-vs-value' as const, split: 's', shape, i });
    const noisy = [0, 1, 2, 3].map((i) => f(`9a${'A'.repeat(i)}>a @1`, i));
    const picked = pickForShrinking([...noisy, f('> @3', 9), f('> @3', 10)], () => ['x'], 2).map((x) => x.i);
    expect(picked).toEqual([9, 0]); // the reordering (an empty difference) first
  });

  it('gives equally simple shapes turns by rarity', () => {
    const f = (shape: string, i: number) => ({ pattern: 'value-vs-value' as const, split: 's', shape, i });
    const findings = [
      f('common', 0),
      f('common', 1),
      f('common', 2),
      f('common', 3),
      f('rare', 4),
      f('other', 5),
      f('other', 6),
    ];
    const picked = pickForShrinking(findings, () => ['x'], 3).map((x) => x.i);
    expect(picked).toEqual([4, 5, 0]);
  });

  it('within one bucket, gives each form of the arguments a turn before any gets a second', () => {
    expect(argsSkeleton(['1.2.3-beta', '<1.2.3-beta || <=1.2.3', 2])).toBe('["9~9~9~a","~9~9~9~a ~ ~9~9~9","number"]');
    // which operator an input carries does not make it another form
    expect(argsSkeleton(['1.2.3-beta', '>1.2.3-beta || <1.2.3'])).toBe(
      argsSkeleton(['1.2.3-b', '<1.2.3-b || <=1.2.3']),
    );
    const args = [
      ['0.0.4', '^0.0.3'],
      ['0.0.5', '^0.0.4'],
      ['1.2.3-b', '<1.2.3-b || <=1.2.3'],
      ['0.0.7', '^0.0.6'],
    ];
    const findings = args.map((_, i) => ({ pattern: 'value-vs-value' as const, split: 's', shape: 'a>a @0', i }));
    const picked = pickForShrinking(findings, (f) => args[f.i]!, 2).map((x) => x.i);
    expect(picked).toEqual([0, 2]); // the first found, then the other form, not the commoner one's second
  });
});

describe('a sweep among random findings', () => {
  it("gives each search phase a turn, so a sweep's many forms of one rule do not bury a random find", () => {
    // phase 0: a sweep that found one rule under six operator pairs and three values
    const swept = ['1.0.0-b', '1.0.0-b.1', '1.0.0-b+c'].flatMap((v) =>
      ['<', '>'].flatMap((m1) => ['<', '<='].map((m2) => [v, `${m1}${v} || ${m2}1.0.0`])),
    );
    const args = [...swept, ['0.0.4', '^0.0.3']];
    const findings = args.map((_, i) => ({
      pattern: 'value-vs-value' as const,
      split: 's',
      shape: 'a>a @0',
      phase: i < swept.length ? 0 : 1,
      i,
    }));
    const picked = pickForShrinking(findings, (f) => args[f.i]!, 4).map((x) => x.i);
    expect(picked[1]).toBe(swept.length); // the random phase's only find comes second, not thirteenth
  });

  it("gives a sweep's find its turn even in a big bucket, among many rare ones of the same shape", () => {
    // a program: random findings under many different option lists (small buckets), the sweep's
    // under none (one big bucket, shared with random findings there)
    const args: unknown[][] = [
      ...['-l', '-w', '-c', '-b'].map((o) => [[o], 'x']),
      ...Array.from({ length: 5 }, () => [[], 'x y']),
      [[], 'a\u001cb\n'],
    ];
    const findings = args.map((_, i) => ({
      pattern: 'value-vs-value' as const,
      split: 's',
      shape: '9>9 @1',
      phase: i === args.length - 1 ? 0 : 1,
      i,
    }));
    expect(pickForShrinking(findings, (f) => args[f.i]!, 4).map((f) => f.i)).toContain(args.length - 1);
  });

  it('gives each kind of shape a turn, so a cut at many lengths does not bury one token swapped', () => {
    expect(shapeKind('a9>')).toBe('lost');
    expect(shapeKind('>a')).toBe('gained');
    expect(shapeKind('a>a')).toBe('both');
    expect(shapeKind('>')).toBe('reordered');
    // one bug cuts the text at every length (many short shapes of one kind); another swaps a token
    const shapes = ['a>', '9>', 'a9>', '9a>', 'Aa>', 'a>a'];
    const findings = shapes.map((shape, i) => ({
      pattern: 'value-vs-value' as const,
      split: 's',
      shape: `${shape} @1`,
      i,
    }));
    expect(pickForShrinking(findings, () => ['x'], 2).map((f) => f.i)).toEqual([0, 5]);
  });

  it('keeps two examples with the same boolean answers when their inputs differ in form (one was dropped before)', () => {
    const x = (args: unknown[]) => ({
      pattern: 'value-vs-value' as const,
      args,
      answers: [{ value: false }, { value: true }],
      shape: 'a>a @0',
    });
    const a = sameAmbiguityKeys(x(['1.0.0-beta', '<1.0.0-beta || <1.0.0']));
    const b = sameAmbiguityKeys(x(['0.0.4', '^0.0.3']));
    expect(a.some((k) => b.includes(k))).toBe(false);
    // richer answers still mark one ambiguity found twice
    const rich = (args: unknown[]) => ({ ...x(args), answers: [{ value: 'a-b' }, { value: 'ab' }] });
    expect(sameAmbiguityKeys(rich(['a b'])).some((k) => sameAmbiguityKeys(rich(['a  b'])).includes(k))).toBe(true);
  });
});

describe('the outline of a command line', () => {
  it('is the options it was given, so a rare bug under some options keeps its own bucket', async () => {
    const { outline } = await import('../../src/fuzz/triage.js');
    expect(outline([['-c', '--words'], 'text'])).not.toBe(outline([[], 'text']));
    expect(outline([['a', 'b'], 'x'])).toBe(outline([['c'], 'y']));
    expect(outline([{ a: 1 }, 'x'])).toBe(outline([{ b: 2 }, 'y']));
  });
});
