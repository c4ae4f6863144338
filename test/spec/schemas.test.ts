// The precompiled spec-part validators are current, and the ajv-free checker for simple
// parameter types answers (and words its first error) exactly as ajv does.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
// @ts-expect-error — plain ESM generator script without types
import { generate } from '../../src/spec/generated/gen-validators.mjs';
import { simpleValidator, validatorFor } from '../../src/spec/schemas.js';
import type { JsonSchema } from '../../src/spec/types.js';

describe('schemas', () => {
  it('generated/validators.ts matches the schemas (run `npm run gen:validators`)', () => {
    expect(readFileSync('src/spec/generated/validators.ts', 'utf8')).toBe((generate as () => string)());
  });

  it('precompiled validators reject like ajv', () => {
    const validate = validatorFor('case');
    expect(validate({ id: 'a', fn: 'f', expect: 1 })).toBe(true);
    expect(validate({ id: 'a b', fn: 'f', expect: 1 })).toBe(false);
    expect(validate.errors?.[0]?.keyword).toBe('pattern');
    expect(validatorFor('spec')).toBeTypeOf('function');
  });

  it('simpleValidator agrees with ajv on simple type schemas', () => {
    const ajv = new Ajv({ allErrors: false, strict: false });
    const schemas: JsonSchema[] = [
      { type: 'string' },
      { type: 'number' },
      { type: 'integer' },
      { type: 'boolean' },
      { type: 'null' },
      { type: 'array' },
      { type: 'object' },
      { type: ['string', 'null'] },
      { type: ['integer', 'number'] },
      { type: ['array', 'object'] },
      { type: ['array', 'object', 'null'] },
      { type: 'array', items: { type: 'integer' } },
      { type: 'array', items: { type: 'array', items: { type: ['string', 'null'] } } },
      { items: { type: 'string' } },
      { type: 'string', description: 'a timestamp' },
    ];
    const values: unknown[] = [
      null,
      true,
      false,
      0,
      -1,
      1.5,
      NaN,
      Infinity,
      -Infinity,
      '',
      'x',
      [],
      [1, 2],
      [1, 'a'],
      [[null, 'a'], [2]],
      {},
      { a: 1 },
    ];
    for (const schema of schemas) {
      const fast = simpleValidator(schema);
      expect(fast, JSON.stringify(schema)).toBeDefined();
      const slow = ajv.compile(schema);
      for (const value of values) {
        const label = `${JSON.stringify(schema)} ${String(value)}`;
        expect(fast!(value), label).toBe(slow(value));
        const a = fast!.errors?.[0];
        const b = slow.errors?.[0];
        expect(a && { path: a.instancePath, message: a.message }, label).toEqual(
          b && { path: b.instancePath, message: b.message },
        );
      }
    }
    expect(simpleValidator({ anyOf: [{ type: 'string' }] })).toBeUndefined();
    expect(simpleValidator({ type: 'strin' })).toBeUndefined();
    expect(simpleValidator({ type: 'string', minLength: 1 })).toBeUndefined();
  });
});
