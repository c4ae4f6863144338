import { describe, expect, it } from 'vitest';
import { renderCase, showInvisible, signature, typeName } from '../../src/plan/render.js';
import { call, command, fn } from './builder.js';

describe('render', () => {
  it('renders call cases with their expectation and comparison', () => {
    expect(renderCase(call('a', 'f', ['x', 2], { k: [1] }))).toBe('- `a`: f("x", 2) → {"k":[1]}');
    expect(renderCase(call('b', 'f', [], null, { expect: { kind: 'error', errorKind: 'Bad' } }))).toBe(
      '- `b`: f() → error Bad',
    );
    expect(renderCase(call('c', 'f', [1n], 0.3, { compare: { mode: 'tolerance', tolerance: 1e-9 } }))).toBe(
      '- `c`: f({"$ghost":"bigint","value":"1"}) → 0.3 (within 1e-9)',
    );
  });

  it('shows invisible code points in case lines as \\u escapes, and only those', () => {
    const line = renderCase(
      call('bom', 'f', ['\uFEFFa\u200Bb\u2028\u0085\u00A0é😀\uD800', '\\uFEFF'], 'x\u2060\u0007\r\n\t'),
    );
    expect(line).toBe(
      '- `bom`: f("\\ufeffa\\u200bb\\u2028\\u0085\u00A0é😀\\ud800", "\\\\uFEFF") → "x\\u2060\\u0007\\r\\n\\t"',
    );
    // the rendered value still reads back as the same JSON value
    const args = /f\((.*)\) →/.exec(line)![1]!;
    expect(JSON.parse(`[${args}]`)).toEqual(['\uFEFFa\u200Bb\u2028\u0085\u00A0é😀\uD800', '\\uFEFF']);
    expect(showInvisible('id\u200Ex\nkept\ttoo\uDC00')).toBe('id\\u200ex\nkept\ttoo\\udc00');
  });

  it('renders command cases as given → wanted', () => {
    expect(renderCase(command('d', ['--lines'], '2\n', { stdin: 'a\nb\n' }))).toBe(
      '- `d`: argv ["--lines"], stdin "a\\nb\\n" → exit 0, stdout "2\\n"',
    );
  });

  it('renders signatures and type names', () => {
    const f = fn('parse', 's', ['text', 'options']);
    f.params[1]!.optional = true;
    f.params[1]!.default = {};
    f.params[1]!.schema = { type: ['object', 'null'] };
    expect(signature(f)).toBe('parse(text: string, options?: object|null = {}) -> string');
    expect(typeName({})).toBe('any');
    expect(typeName({ anyOf: [{ type: 'string' }, { type: 'integer' }] })).toBe('string|integer');
  });
});
