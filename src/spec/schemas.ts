// JSON Schema validation without paying for ajv's compiler on every run. The spec-part schemas
// are precompiled to standalone code (generated/validators.ts, `npm run gen:validators`);
// parameter types from signatures (`string`, `integer[]`, `string | null`) are checked by
// simpleValidator, which reproduces ajv's type checks and messages. ajv itself is loaded
// (synchronously: it is CommonJS) only for a full JSON Schema written in a spec, or for the
// whole-Spec/tests-file schemas that tests use.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import { didYouMean } from '../util/suggest.js';
import * as generated from './generated/validators.js';
import type { JsonSchema } from './types.js';

export type SchemaName = 'frontmatter' | 'interface' | 'case' | 'tests-file' | 'tests-case' | 'spec';

const SCHEMA_DIR = new URL('../../schemas/', import.meta.url);
const ALL = ['case', 'frontmatter', 'interface', 'tests-file', 'spec'];
/** Validators for a definition inside a shipped schema. */
const FRAGMENTS: Partial<Record<SchemaName, string>> = { 'tests-case': 'tests-file.schema.json#/definitions/case' };
const PRECOMPILED: Partial<Record<SchemaName, unknown>> = {
  frontmatter: generated.frontmatter,
  interface: generated.interfaceBlock,
  case: generated.nativeCase,
  'tests-case': generated.testsCase,
};

let ajv: AjvClass | undefined;
const named = new Map<SchemaName, ValidateFunction>();
const adHoc = new Map<string, ValidateFunction | string>();

function instance(): AjvClass {
  if (!ajv) {
    const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
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
  let validate = named.get(name) ?? (PRECOMPILED[name] as ValidateFunction | undefined);
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
      entry = simpleValidator(schema) ?? instance().compile(schema);
    } catch (e) {
      entry = (e as Error).message;
    }
    adHoc.set(key, entry);
  }
  return entry;
}

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object', 'null']);
const SIMPLE_KEYS = new Set(['type', 'items', 'description', 'title']);

/**
 * A validator for schemas made only of `type` (a name or list of names), `items` (simple) and
 * annotations, behaving as ajv does with `strict: false` (no strictNumbers: `integer` is
 * `!(x % 1) && !isNaN(x)`); undefined for anything else. test/spec/schemas.test.ts compares it
 * with ajv.
 */
export function simpleValidator(schema: JsonSchema): ValidateFunction | undefined {
  const check = simpleCheck(schema, '#');
  if (!check) return undefined;
  const validate = ((data: unknown) => {
    const error = check(data, '');
    validate.errors = error ? [error] : null;
    return !error;
  }) as ValidateFunction;
  validate.schema = schema;
  validate.errors = null;
  return validate;
}

type Check = (data: unknown, path: string) => ErrorObject | undefined;

function simpleCheck(schema: JsonSchema, schemaPath: string): Check | undefined {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return undefined;
  if (!Object.keys(schema).every((k) => SIMPLE_KEYS.has(k))) return undefined;
  const type = schema.type;
  const types = type === undefined ? [] : Array.isArray(type) ? type : [type];
  if (!types.every((t) => typeof t === 'string' && TYPES.has(t)) || (Array.isArray(type) && type.length === 0))
    return undefined;
  const items = schema.items === undefined ? undefined : simpleCheck(schema.items as JsonSchema, `${schemaPath}/items`);
  if (schema.items !== undefined && !items) return undefined;
  return (data, path) => {
    if (types.length > 0 && !types.some((t) => isType(t as string, data))) {
      return {
        instancePath: path,
        schemaPath: `${schemaPath}/type`,
        keyword: 'type',
        params: { type },
        message: `must be ${String(type)}`,
      };
    }
    if (items && Array.isArray(data)) {
      for (let i = 0; i < data.length; i++) {
        const error = items(data[i], `${path}/${i}`);
        if (error) return error;
      }
    }
    return undefined;
  };
}

function isType(type: string, data: unknown): boolean {
  switch (type) {
    case 'null':
      return data === null;
    case 'array':
      return Array.isArray(data);
    case 'object':
      return typeof data === 'object' && data !== null && !Array.isArray(data);
    case 'integer':
      return typeof data === 'number' && !(data % 1) && !isNaN(data);
    default:
      return typeof data === type;
  }
}

/** The one ajv error worth showing, as `path: message` (ajv stops at the first with allErrors off). */
/** Every key a shipped schema names anywhere (its `properties`), for "did you mean" on unknown keys. */
function vocabulary(name: SchemaName): string[] {
  const file = (FRAGMENTS[name] ?? `${name}.schema.json`).split('#')[0]!;
  const keys = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.properties && typeof o.properties === 'object') for (const k of Object.keys(o.properties)) keys.add(k);
      Object.values(o).forEach(walk);
    }
  };
  walk(JSON.parse(readFileSync(new URL(file, SCHEMA_DIR), 'utf8')));
  return [...keys];
}

export function describeSchemaError(
  errors: ErrorObject[] | null | undefined,
  schema?: SchemaName,
): { path: Array<string | number>; message: string } {
  const list = errors ?? [];
  const error =
    list.find((e) => e.keyword === 'additionalProperties') ?? list.find((e) => e.keyword !== 'anyOf') ?? list[0];
  if (!error) return { path: [], message: 'does not match the schema' };
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const where = path.length > 0 ? `\`${path.join('.')}\` ` : '';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const hint = schema ? didYouMean(key, vocabulary(schema), (k) => `\`${k}\``) : '';
      return { path: [...path, key], message: `unknown key \`${key}\`${where ? ` in ${where.trim()}` : ''}${hint}` };
    }
    case 'required':
      return { path, message: `${where}missing required key \`${String(params.missingProperty)}\``.trim() };
    case 'pattern':
      if (path[path.length - 1] === 'id') return { path, message: '`id` may contain only letters, digits and . _ : -' };
      return { path, message: `${where}${error.message ?? 'is invalid'}` };
    case 'enum':
      if (path[path.length - 1] === 'compare')
        return { path, message: '`compare` must be exact, unordered or {tolerance: N}' };
      return {
        path,
        message: `${where}must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    default:
      return { path, message: `${where}${error.message ?? 'is invalid'}` };
  }
}
