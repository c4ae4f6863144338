// Type names as written in signatures and interface blocks → JSON Schema. Common spellings
// from other languages (int, bool, str, list) are accepted; a name we do not know (a spec's
// own abstract type such as `timestamp`) is kept as documentation and checks as `any`.
import type { JsonSchema } from './types.js';

const ALIASES: Record<string, string> = {
  string: 'string',
  str: 'string',
  number: 'number',
  float: 'number',
  double: 'number',
  integer: 'integer',
  int: 'integer',
  boolean: 'boolean',
  bool: 'boolean',
  array: 'array',
  list: 'array',
  object: 'object',
  dict: 'object',
  map: 'object',
  null: 'null',
  none: 'null',
  nil: 'null',
};

/** `string | null` → `{type: ['string','null']}`; `string[]` → array of string; `any`/'' → `{}`. */
export function typeToSchema(text: string): JsonSchema {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === 'any') return {};
  // `| error` documents that the function can fail; errors are not return values.
  const members = splitUnion(trimmed).filter((m) => m.toLowerCase() !== 'error');
  if (members.length === 0) return {};
  const schemas = members.map(memberSchema);
  if (schemas.some((s) => Object.keys(s).length === 0)) return {};
  if (schemas.length === 1) return schemas[0] ?? {};
  const simple = schemas.every((s) => Object.keys(s).length === 1 && typeof s.type === 'string');
  return simple ? { type: schemas.map((s) => s.type as string) } : { anyOf: schemas };
}

function memberSchema(member: string): JsonSchema {
  if (member.endsWith('[]')) return { type: 'array', items: memberSchema(member.slice(0, -2)) };
  if (member === 'any') return {};
  const alias = ALIASES[member.toLowerCase()];
  if (alias) return { type: alias };
  return { description: member };
}

/** Splits on top-level `|` only (`Result<A|B>` stays whole). */
function splitUnion(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if ('<([{'.includes(ch)) depth++;
    else if ('>)]}'.includes(ch)) depth--;
    if (ch === '|' && depth === 0) {
      out.push(current.trim());
      current = '';
    } else current += ch;
  }
  out.push(current.trim());
  return out.filter((m) => m !== '');
}
