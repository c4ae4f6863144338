// What a parameter's JSON Schema says about its type, read the same way by every generator.
import type { JsonSchema } from '../spec/index.js';

export function typesOf(schema: JsonSchema): string[] {
  const t = schema.type;
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

export const isString = (s: JsonSchema): boolean => typesOf(s).includes('string');

/** A list of strings (or a list the schema leaves untyped). */
export const isList = (s: JsonSchema): boolean =>
  typesOf(s).includes('array') && (!s.items || isString(s.items as JsonSchema));
