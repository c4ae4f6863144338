// Structured final answers (reviewer verdicts): find a JSON object in the model's text
// (bare, or in a ```json fence, or the first balanced {...}) and validate it with ajv.
import { Ajv, type ValidateFunction } from 'ajv';
import type { ResponseSchema } from './types.js';

const ajv = new Ajv({ allErrors: true, strict: false });
const cache = new WeakMap<object, ValidateFunction>();

export function compileSchema(schema: Record<string, unknown>): ValidateFunction {
  let v = cache.get(schema);
  if (!v) {
    v = ajv.compile(schema);
    cache.set(schema, v);
  }
  return v;
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The first balanced `{...}` in `text` that parses as JSON, string-literal aware. */
function firstObject(text: string): unknown {
  for (let start = text.indexOf('{'); start !== -1; start = text.indexOf('{', start + 1)) {
    let depth = 0;
    let inStr = false;
    for (let i = start; i < text.length; i++) {
      const c = text[i];
      if (inStr) {
        if (c === '\\') i++;
        else if (c === '"') inStr = false;
      } else if (c === '"') inStr = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        const p = tryParse(text.slice(start, i + 1));
        if (p.ok) return p.value;
        break;
      }
    }
  }
  return undefined;
}

/** Extract a JSON value from free text: whole text, ```json fences, then the first object. */
export function extractJson(text: string): unknown {
  const whole = tryParse(text.trim());
  if (whole.ok) return whole.value;
  for (const m of text.matchAll(/```(?:json|JSON)?[ \t]*\r?\n([\s\S]*?)```/g)) {
    const p = tryParse((m[1] ?? '').trim());
    if (p.ok) return p.value;
  }
  return firstObject(text);
}

export type StructuredCheck = { ok: true; value: unknown; json: string } | { ok: false; errors: string };

export function checkStructured(text: string | null, schema: ResponseSchema): StructuredCheck {
  if (text === null || text.trim() === '')
    return { ok: false, errors: 'the answer was empty; a JSON object is required' };
  const value = extractJson(text);
  if (value === undefined) return { ok: false, errors: 'no JSON object found in the answer' };
  const validate = compileSchema(schema.schema);
  if (validate(value)) return { ok: true, value, json: JSON.stringify(value) };
  const errors = (validate.errors ?? [])
    .map(
      (e) =>
        `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
    )
    .join('\n');
  return { ok: false, errors: errors || 'does not match the schema' };
}

/** The user message that asks once more for a valid answer. */
export function reaskMessage(schema: ResponseSchema, errors: string): string {
  return (
    `Your final answer must be a single JSON object matching the schema "${schema.name}". ` +
    `It did not validate:\n${errors}\n\nSchema:\n${JSON.stringify(schema.schema)}\n\n` +
    'Reply with only the JSON object, no prose.'
  );
}
