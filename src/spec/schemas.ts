// JSON Schema validation. Schemas ship in schemas/ (next to src/ and dist/); each is read and
// compiled once per process. Parameter schemas written in specs are compiled on demand and
// cached by their JSON text, so a suite of 10 000 cases compiles each schema once.
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { JsonSchema } from './types.js';

export type SchemaName = 'frontmatter' | 'interface' | 'case' | 'tests-file' | 'tests-case' | 'spec';

const SCHEMA_DIR = new URL('../../schemas/', import.meta.url);
const ALL = ['case', 'frontmatter', 'interface', 'tests-file', 'spec'];
/** Validators for a definition inside a shipped schema. */
const FRAGMENTS: Partial<Record<SchemaName, string>> = { 'tests-case': 'tests-file.schema.json#/definitions/case' };

let ajv: Ajv | undefined;
const named = new Map<SchemaName, ValidateFunction>();
const adHoc = new Map<string, ValidateFunction | string>();

function instance(): Ajv {
  if (!ajv) {
    ajv = new Ajv({ allErrors: false, strict: false });
    // Register all shipped schemas so cross-file $refs (tests-file → case) resolve.
    for (const name of ALL) {
      const text = readFileSync(new URL(`${name}.schema.json`, SCHEMA_DIR), 'utf8');
      ajv.addSchema(JSON.parse(text) as JsonSchema, `${name}.schema.json`);
    }
  }
  return ajv;
}

export function validatorFor(name: SchemaName): ValidateFunction {
  let validate = named.get(name);
  if (!validate) {
    validate = instance().getSchema(FRAGMENTS[name] ?? `${name}.schema.json`);
    if (!validate) throw new Error(`schema ${name} did not compile`);
    named.set(name, validate);
  }
  return validate;
}

/** Compiles a schema written in a spec; a string result is the reason it is not a valid schema. */
export function compileUserSchema(schema: JsonSchema): ValidateFunction | string {
  const key = JSON.stringify(schema);
  let entry = adHoc.get(key);
  if (entry === undefined) {
    try {
      entry = instance().compile(schema);
    } catch (e) {
      entry = (e as Error).message;
    }
    adHoc.set(key, entry);
  }
  return entry;
}

/** The one ajv error worth showing, as `path: message` (ajv stops at the first with allErrors off). */
export function describeSchemaError(errors: ErrorObject[] | null | undefined): { path: Array<string | number>; message: string } {
  const list = errors ?? [];
  const error = list.find((e) => e.keyword === 'additionalProperties') ?? list.find((e) => e.keyword !== 'anyOf') ?? list[0];
  if (!error) return { path: [], message: 'does not match the schema' };
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const where = path.length > 0 ? `\`${path.join('.')}\` ` : '';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return { path: [...path, String(params.additionalProperty)], message: `unknown key \`${String(params.additionalProperty)}\`${where ? ` in ${where.trim()}` : ''}` };
    case 'required':
      return { path, message: `${where}missing required key \`${String(params.missingProperty)}\``.trim() };
    case 'pattern':
      if (path[path.length - 1] === 'id') return { path, message: '`id` may contain only letters, digits and . _ : -' };
      return { path, message: `${where}${error.message ?? 'is invalid'}` };
    case 'enum':
      if (path[path.length - 1] === 'compare') return { path, message: '`compare` must be exact, unordered or {tolerance: N}' };
      return { path, message: `${where}must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    default:
      return { path, message: `${where}${error.message ?? 'is invalid'}` };
  }
}
