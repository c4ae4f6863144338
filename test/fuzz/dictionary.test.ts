import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../src/spec/index.js';
import { functionDictionary, readDictionary, specDictionary } from '../../src/fuzz/dictionary.js';

const SOURCE = [
  '# t',
  '',
  '## Formatting',
  '',
  '### fmt(seconds: integer, options?: object) -> string',
  '',
  'Below 45 seconds it says `just now`; up to 2^53 - 1. `options` has two keys:',
  '',
  '- `style`: `"short"` or `"long"`;',
  '- `max_units`: an integer, e.g. `max_units: 2`.',
  '',
  '```yaml conformance',
  '- { id: only-in-a-case, fn: fmt, args: [7777777], expect: "zqxj-case-only" }',
  '```',
  '',
  '> ```yaml conformance hidden',
  '> - { id: quoted-hidden, fn: fmt, args: [8888888], expect: "vvkw-hidden-only" }',
  '> ```',
  '',
  '### size(bytes, options?) -> string',
  '',
  '`bytes` is a non-negative `integer`; `options.binary` is `true` or `false`.',
  '',
].join('\n');

describe('the prose dictionary', () => {
  const { spec } = parseSpec(SOURCE, 't.md');
  const whole = specDictionary(spec);

  it('takes numbers, 2^n forms and literals from the prose, never from case blocks', () => {
    expect(whole.numbers).toEqual(expect.arrayContaining([45, 2 ** 53, 1]));
    expect(whole.literals).toEqual(expect.arrayContaining(['just now', 'short', 'long']));
    expect(whole.numbers).not.toContain(7777777);
    expect(whole.literals.join(' ')).not.toContain('zqxj');
    // a case block in a blockquote is the spec stage's to cut, as every other
    expect(whole.numbers).not.toContain(8888888);
    expect(whole.literals.join(' ')).not.toContain('vvkw');
  });

  it('finds option keys with the values written beside them, and prose types of untyped params', () => {
    const fmt = functionDictionary(spec, spec.functions[0]!, whole);
    expect(fmt.options.get('style')).toEqual(['short', 'long']);
    expect(fmt.options.get('max_units')).toEqual([2]);
    const size = functionDictionary(spec, spec.functions[1]!, whole);
    expect(size.options.get('binary')).toEqual([true, false]);
    expect(size.paramTypes.get('bytes')).toBe('integer');
  });

  it('splits literals into pieces and keeps numbers with thousands separators whole', () => {
    const d = readDictionary('`1h 30m` and 999,999 bytes, `>=1.2.3`');
    expect(d.pieces).toEqual(expect.arrayContaining(['1', 'h', ' ', '30', 'm', '>', '=', '2']));
    expect(d.numbers).toContain(999999);
  });
});
