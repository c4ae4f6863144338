import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../src/spec/index.js';
import { functionDictionary, specDictionary } from '../../src/fuzz/dictionary.js';
import {
  derivedString,
  numericHead,
  oneRunVaried,
  operandPair,
  partials,
  relatedArguments,
  wordEnds,
} from '../../src/fuzz/related.js';

const SOURCE = [
  '# t',
  '',
  '## Functions',
  '',
  '### order(a: string, b: string) -> integer',
  '',
  'Compares `1.2.3` with `>=1.0.0 || 2.x`.',
  '',
  '### cut(text: string, options?: object) -> string',
  '',
  '- `max_length`: an integer or null.',
  '',
].join('\n');

describe('related arguments', () => {
  const { spec } = parseSpec(SOURCE, 't.md');
  const whole = specDictionary(spec);
  const dict = (name: string) => functionDictionary(spec, spec.functions.find((f) => f.name === name)!, whole);

  it('varies one digit run of a string', () => {
    const seen = new Set(fc.sample(oneRunVaried('a1.b2'), { seed: 1, numRuns: 200 }));
    expect(seen).toContain('a2.b2');
    expect(seen).toContain('a1.b10');
    expect([...seen].every((s) => /^a[\d.]+\.b[\d.]+$/.test(s))).toBe(true);
  });

  it('derives a second string from the first: an operator in front, two parts joined', () => {
    const seen = fc.sample(derivedString('1.2.3', ['>=', '^'], [' || ']), { seed: 1, numRuns: 300 });
    expect(seen.some((s) => /^\^1\.2\.\d+$/.test(s))).toBe(true);
    expect(seen.some((s) => s.includes(' || '))).toBe(true);
  });

  it('pairs an operator literal, leading components zeroed, with its operand moved by one', () => {
    const pairs = fc.sample(operandPair('1.2.3', '^'), { seed: 1, numRuns: 200 }).map((p) => p.join(' '));
    expect(pairs).toContain('0.0.4 ^0.0.3');
    expect(pairs).toContain('0.0.2 ^0.0.3');
    expect(pairs.every((p) => /^[\d.]+ \^[\d.]+$/.test(p))).toBe(true);
  });

  it('joins the value itself and its bare numeric head, each with an operator', () => {
    expect(numericHead('1.2.3-beta.1')).toBe('1.2.3');
    expect(numericHead('1.2.3')).toBeUndefined();
    expect(numericHead('beta')).toBeUndefined();
    const seen = fc.sample(derivedString('1.2.3-beta', ['<', '<='], [' || ']), { seed: 1, numRuns: 400 });
    expect(seen).toContain('<1.2.3-beta || <=1.2.3');
    expect(seen).toContain('<=1.2.3 || <1.2.3-beta');
  });

  it('cuts a value after its leading components (a partial operand)', () => {
    expect(partials('1.2.3-beta')).toEqual(['1', '1.2']);
    expect(partials('7')).toEqual(['7']);
  });

  it('writes the same digit run two ways in the two arguments (2 vs 11)', () => {
    const fn = spec.functions.find((f) => f.name === 'order')!;
    const arb = relatedArguments(
      fc.constant(['1.0.0-x.2', 'zzz']),
      fn,
      fn.params.map((p) => p.schema),
      dict('order'),
    )!;
    const pairs = fc.sample(arb, { seed: 3, numRuns: 400 }).map((a) => a.join(' '));
    expect(pairs).toContain('1.0.0-x.2 1.0.0-x.11');
  });

  it('sets a limit option to where the text’s words end, ±1', () => {
    expect(wordEnds('the quick fox')).toEqual([3, 9, 13]);
    const fn = spec.functions.find((f) => f.name === 'cut')!;
    const arb = relatedArguments(
      fc.constant(['ab cd', {}]),
      fn,
      fn.params.map((p) => p.schema),
      dict('cut'),
    )!;
    const samples = fc.sample(arb, { seed: 1, numRuns: 300 });
    for (const [text, opts] of samples) {
      const limit = (opts as { max_length: number }).max_length;
      expect(wordEnds(text as string).flatMap((n) => [n - 1, n, n + 1])).toContain(limit);
    }
    const onDrawn = samples.filter(([t]) => t === 'ab cd').map(([, o]) => (o as { max_length: number }).max_length);
    expect(new Set(onDrawn)).toEqual(new Set([1, 2, 3, 4, 5, 6]));
  });
});
