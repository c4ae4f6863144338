import { describe, expect, it } from 'vitest';
import { parseSignatureHeading } from '../../src/spec/signature.js';
import { typeToSchema } from '../../src/spec/type-names.js';

describe('signature headings', () => {
  it('parses typed params, optionals, defaults and arrows', () => {
    const r = parseSignatureHeading('name(a: string, b?: int = 3) -> string | null');
    expect(r).toEqual({
      kind: 'ok',
      signature: {
        name: 'name',
        params: [
          { name: 'a', schema: { type: 'string' }, optional: false },
          { name: 'b', schema: { type: 'integer' }, optional: true, default: 3 },
        ],
        returns: { type: ['string', 'null'] },
      },
    });
  });

  it('accepts → and untyped params (the published-library style)', () => {
    const r = parseSignatureHeading('timeago(timestamp, reference?) → string');
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.signature.params.map((p) => [p.name, p.optional])).toEqual([
      ['timestamp', false],
      ['reference', true],
    ]);
    expect(r.signature.returns).toEqual({ type: 'string' });
  });

  it('drops `| error` from return unions and keeps unknown names as documentation', () => {
    const r = parseSignatureHeading('parse_duration(string) → number | error');
    expect(r.kind === 'ok' && r.signature.returns).toEqual({ type: 'number' });
    expect(typeToSchema('timestamp')).toEqual({ description: 'timestamp' });
    expect(typeToSchema('string[]')).toEqual({ type: 'array', items: { type: 'string' } });
  });

  it('allows no return type, defaults with commas, and numbered headings', () => {
    expect(parseSignatureHeading('f()').kind).toBe('ok');
    const r = parseSignatureHeading('4.2 join(parts, sep: string = ", ") -> string');
    expect(r.kind === 'ok' && r.signature.params[1]?.default).toBe(', ');
  });

  it('does not misfire on prose headings', () => {
    for (const prose of [
      'Rounding (important)',
      'Overview',
      'setup() and teardown()',
      'Use f(x) wisely',
      '2.5 Errors (all)',
    ]) {
      expect(parseSignatureHeading(prose), prose).toEqual({ kind: 'none' });
    }
  });

  it('reports headings that look like signatures but do not parse', () => {
    expect(parseSignatureHeading('round(x, digits = 0 -> number').kind).toBe('bad');
    expect(parseSignatureHeading('f(a?, b)').kind).toBe('bad');
    expect(parseSignatureHeading('f(a, a)').kind).toBe('bad');
    expect(parseSignatureHeading('f(...rest)').kind).toBe('bad');
    expect(parseSignatureHeading('f(a) ->').kind).toBe('bad');
  });
});
