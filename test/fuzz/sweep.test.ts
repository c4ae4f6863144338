// The deterministic stages: inputs that no seed can miss, read from the prose alone.
import { describe, expect, it } from 'vitest';
import { loadSpec, parseSpec } from '../../src/spec/index.js';
import { functionDictionary, specDictionary } from '../../src/fuzz/dictionary.js';
import { functionInputs } from '../../src/fuzz/inputs.js';
import {
  alternationSeparators,
  boundaryDecimals,
  comparisonMarks,
  operatorAlternatives,
  operatorsOnPartials,
  plainValues,
  separatedWords,
  tiedLists,
  sweepText,
  tailedValues,
} from '../../src/fuzz/sweep.js';

const SOURCE = [
  '# t',
  '',
  '## Functions',
  '',
  '### matches(version: string, range: string) -> boolean',
  '',
  'A range such as `>=1.0.0 <2.0.0 || 3.x` or `<1.2.3` holds `1.2.3-beta` only when a comparator',
  'names `1.2.3` with a tail; `*` holds everything else. Versions compare like `1.0.0 < 2.0.0`.',
  '',
  '### parse_time(text: string) -> number',
  '',
  'Reads `0.25m` or `1h 30m` of plain text words.',
  '',
  '### pick(versions: string[], range: string) -> string',
  '',
  'Picks from `1.2.3-beta`.',
  '',
  '### cut(text: string, width: integer) -> string',
  '',
  'Cuts `1.2.3`.',
  '',
].join('\n');

describe('the sweep', () => {
  const { spec } = parseSpec(SOURCE, 't.md');
  const whole = specDictionary(spec);
  const swept = (name: string) => {
    const fn = spec.functions.find((f) => f.name === name)!;
    return functionInputs(fn, functionDictionary(spec, fn, whole), whole, []).sweep;
  };

  it('puts each awkward character between two of the prose words, the whitespace edges first', () => {
    const texts = separatedWords(whole);
    expect(texts[0]).toMatch(/^\p{L}+\t\p{L}+$/u);
    const [a, b] = texts[0]!.split('\t');
    for (const c of ['\u001c', '\u001f', '\ufeff', '＇', "'"]) expect(texts).toContain(`${a}${c}${b}`);
  });

  it('writes each number of a literal as a decimal on a rounding boundary', () => {
    const texts = boundaryDecimals(whole);
    expect(texts).toContain('1.025m');
    expect(texts).toContain('1h 1.5m');
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('relates a value with a tail to alternatives under every pair of comparison operators', () => {
    expect(tailedValues(whole, 6)).toContain('1.2.3-beta');
    expect(tailedValues(whole, 6)).not.toContain('1.2.3'); // no tail
    expect(comparisonMarks(whole.literals).sort()).toEqual(['<', '>=']);
    expect(alternationSeparators(whole.literals)).toEqual([' || ']);
    const pairs = operatorAlternatives(whole).map((p) => p.join(' ~ '));
    // the per-alternative rule: one alternative names the tail but fails, the other passes without it
    expect(pairs).toContain('1.2.3-beta ~ <1.2.3-beta || <1.2.3');
    expect(pairs).toContain('1.2.3-beta ~ >=1.2.3-beta || 1.2.3');
    const values = tailedValues(whole, 6).length;
    expect(pairs).toHaveLength(values * 9); // each value × one separator × (3 marks)²
  });

  it('puts every prose operator on a value cut short, the value with no zero to hide a filled-in one', () => {
    const { spec: s } = parseSpec('# t\n\nCompare `2.0.0`, `1.2.3` and `1.2` under `>=1.0.0` or `^1.2.3`.\n', 't.md');
    const d = specDictionary(s);
    expect(plainValues(d, 1)).toEqual(['1.2.3']);
    expect(operatorsOnPartials(d)).toEqual([
      ['1.2.3', '>=1'],
      ['1.2.3', '^1'],
      ['1.2.3', '>=1.2'],
      ['1.2.3', '^1.2'],
    ]);
  });

  it('lists two values equal up to their tail, in both orders, against their head', () => {
    const { spec: s } = parseSpec('# t\n\nBuilds `1.0.0+a` and `1.0.0+b` tie; `2h` is no version.\n', 't.md');
    expect(tiedLists(specDictionary(s))).toEqual([
      [['1.0.0+a', '1.0.0+b'], '1.0.0'],
      [['1.0.0+b', '1.0.0+a'], '1.0.0'],
    ]);
  });

  it('builds argument lists for one or two required strings, and none for other signatures', () => {
    expect(swept('parse_time').every((a) => a.length === 1 && typeof a[0] === 'string')).toBe(true);
    expect(swept('parse_time').length).toBeGreaterThan(40);
    const two = swept('matches');
    expect(two).toContainEqual(['1.2.3-beta', '<1.2.3-beta || <1.2.3']);
    expect(two).toContainEqual(['1.2.3-beta', '*']); // against the shortest literals
    expect(swept('pick')).toContainEqual([['1.2.3-beta'], '<1.2.3-beta || <1.2.3']); // a list gets one element
    expect(swept('cut')).toEqual([]); // a required integer: nothing to sweep
  });

  it("gives a program's standard input the one-string stages, a line each", () => {
    expect(sweepText(whole)).toContain(`${separatedWords(whole)[0]}\n`);
  });

  it("reaches semver's per-set prerelease rule from its prose alone (missed at every seed before)", async () => {
    const { spec: semver } = await loadSpec('specs/semver.md');
    const prose = { ...semver, cases: [] };
    const all = specDictionary(prose);
    const fn = prose.functions.find((f) => f.name === 'satisfies')!;
    const inputs = functionInputs(fn, functionDictionary(prose, fn, all), all, []).sweep.map((a) => a.join(' ~ '));
    expect(inputs).toContain('1.0.0-beta ~ <1.0.0-beta || <1.0.0');
    expect(inputs.length).toBeLessThanOrEqual(1000); // a quarter of the bench's 4,000 runs: all of it is tried
  });
});
