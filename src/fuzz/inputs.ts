// A function's argument lists as one fast-check arbitrary: each parameter's JSON Schema turned
// into an arbitrary seeded by the prose dictionary (untyped parameters take the type the prose
// or the cases give them), optional parameters sometimes left off, and — when the fuzzer may
// read cases — the cases' own arguments mutated (see mutate.ts).
import fc, { type Arbitrary } from 'fast-check';
import type { CallCase, FunctionDecl, JsonSchema, Param } from '../spec/index.js';
import { wordsOf, type Dictionary, type FunctionDictionary } from './dictionary.js';
import { CASE_CHANGES, integers, numbers, optionsBag, scalars, strings } from './values.js';
import { AWKWARD, ORDER_EDGES } from './characters.js';
import { relatedArguments } from './related.js';
import { argumentMutations, caseMutations } from './mutate.js';
import { typesOf } from './schema-types.js';
import { sweepArguments } from './sweep.js';

interface Ctx {
  dict: FunctionDictionary;
  all: Dictionary;
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'object' && (v as Record<string, unknown>).$ghost) return 'number';
  return typeof v;
}

function map(ctx: Ctx, values: Arbitrary<unknown>): Arbitrary<Record<string, unknown>> {
  const keys = fc.oneof(
    { weight: 3, arbitrary: strings(ctx.dict, ctx.all) },
    { weight: 1, arbitrary: fc.constantFrom(...[...ctx.dict.options.keys(), 'a']) },
  );
  const entries = fc.array(fc.tuple(keys, values), { maxLength: 4 });
  // sibling keys, equal up to case or one awkward character: where ordering and lookup rules
  // (code points or UTF-16 units, case-folded or not) part ways
  const words = wordsOf(ctx.dict);
  const siblings = fc
    .tuple(
      words.length > 0 ? fc.constantFrom(...words) : keys,
      fc.constantFrom(...CASE_CHANGES),
      fc.constantFrom(...ORDER_EDGES),
      fc.constantFrom(...AWKWARD, ...ORDER_EDGES),
    )
    .chain(([k, change, c, d]) =>
      fc.tuple(
        fc.shuffledSubarray([k, change(k), `${c}${k}`, `${d}${k}`, c], { minLength: 2 }),
        fc.array(values, { minLength: 5, maxLength: 5 }),
      ),
    )
    .map(([ks, vs]) => ks.map((k, i) => [k, vs[i]] as [string, unknown]));
  return fc
    .oneof({ weight: 2, arbitrary: entries }, { weight: 1, arbitrary: siblings })
    .map((es) => Object.fromEntries(es));
}

export function schemaArbitrary(
  schema: JsonSchema,
  ctx: Ctx,
  role: 'options' | 'value' = 'value',
  depth = 0,
): Arbitrary<unknown> {
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return fc.constantFrom(...(schema.enum as unknown[]));
  if ('const' in schema) return fc.constant(schema.const);
  const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(alternatives) && alternatives.length > 0)
    return fc.oneof(...alternatives.map((s) => schemaArbitrary(s, ctx, role, depth + 1)));
  const types = typesOf(schema);
  if (types.length > 1)
    return fc.oneof(...types.map((t) => schemaArbitrary({ ...schema, type: t }, ctx, role, depth + 1)));
  switch (types[0]) {
    case 'integer':
      return integers(ctx.dict, ctx.all);
    case 'number':
      return numbers(ctx.dict, ctx.all);
    case 'string':
      return strings(ctx.dict, ctx.all);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items =
        schema.items && typeof schema.items === 'object' && !Array.isArray(schema.items)
          ? (schema.items as JsonSchema)
          : undefined;
      const item =
        items && depth < 3
          ? schemaArbitrary(items, ctx, 'value', depth + 1)
          : fc.oneof(
              { weight: 4, arbitrary: strings(ctx.dict, ctx.all) },
              { weight: 1, arbitrary: scalars(ctx.dict, ctx.all) },
            );
      return fc.array(item, { maxLength: 5 });
    }
    case 'object': {
      const props = schema.properties as Record<string, JsonSchema> | undefined;
      if (props && Object.keys(props).length > 0 && depth < 3) {
        const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
        const rec = Object.fromEntries(
          Object.entries(props).map(([k, s]) => [k, schemaArbitrary(s, ctx, 'value', depth + 1)]),
        );
        return fc.record(rec, { requiredKeys: required.filter((k) => k in rec) });
      }
      if (role === 'options') return optionsBag(ctx.dict, ctx.all);
      const values =
        schema.additionalProperties && typeof schema.additionalProperties === 'object'
          ? schemaArbitrary(schema.additionalProperties as JsonSchema, ctx, 'value', depth + 1)
          : fc.oneof(scalars(ctx.dict, ctx.all), fc.array(scalars(ctx.dict, ctx.all), { maxLength: 3 }));
      return map(ctx, values);
    }
    default:
      return scalars(ctx.dict, ctx.all);
  }
}

/** The schema to fuzz a parameter with: the declared one, else what the prose or the cases say it is. */
function effectiveSchema(p: Param, index: number, ctx: Ctx, cases: CallCase[]): JsonSchema {
  if (typesOf(p.schema).length > 0 || p.schema.enum || p.schema.anyOf || p.schema.oneOf) return p.schema;
  const fromProse = ctx.dict.paramTypes.get(p.name);
  const seen = [
    ...new Set(
      cases
        .map((c) => c.args[index])
        .filter((v) => v !== undefined && v !== null)
        .map(jsonType),
    ),
  ];
  const types = [...new Set([...(fromProse ? [fromProse] : []), ...seen])];
  if (types.includes('number')) return { type: types.filter((t) => t !== 'integer') };
  if (types.length > 0) return { type: types };
  if (/^(options|opts|config|settings)$/i.test(p.name)) return { type: 'object' };
  return {};
}

function isOptionsParam(p: Param, i: number, fn: FunctionDecl, schema: JsonSchema): boolean {
  return (
    typesOf(schema).includes('object') &&
    !schema.properties &&
    (p.optional ||
      /^(options|opts|config|settings)$/i.test(p.name) ||
      (i === fn.params.length - 1 && fn.params.length > 1))
  );
}

/** What the search draws for one function: its sweep, its arbitrary, and variations of live inputs. */
export interface FunctionInputs {
  /** Inputs tried first, the same at every seed (sweep.ts). */
  sweep: unknown[][];
  arb: Arbitrary<unknown[]>;
  /** Phase-two variations of the inputs that got past validation. */
  mutate: (live: unknown[][]) => Arbitrary<unknown[]>;
}

/** `fn`'s inputs, every generator reading the same parameter schemas (worked out once). */
export function functionInputs(
  fn: FunctionDecl,
  dict: FunctionDictionary,
  all: Dictionary,
  cases: CallCase[],
): FunctionInputs {
  const ctx: Ctx = { dict, all };
  const schemas = fn.params.map((p, i) => effectiveSchema(p, i, ctx, cases));
  return {
    sweep: sweepArguments(fn, schemas, dict),
    arb: argumentsArbitrary(fn, ctx, schemas, cases),
    mutate: (live) => liveVariations(fn, schemas, dict, live),
  };
}

/** Argument lists for `fn`: from its types (and, when allowed, from its cases' arguments, mutated). */
function argumentsArbitrary(
  fn: FunctionDecl,
  ctx: Ctx,
  schemas: JsonSchema[],
  cases: CallCase[],
): Arbitrary<unknown[]> {
  const params = fn.params.map((p, i) => {
    const schema = schemas[i]!;
    const typed = schemaArbitrary(schema, ctx, isOptionsParam(p, i, fn, schema) ? 'options' : 'value');
    // an untyped parameter (`any` in the interface) also gets values of other types now and then
    const untyped = schema !== p.schema && typesOf(p.schema).length === 0;
    const arb = untyped
      ? fc.oneof({ weight: 12, arbitrary: typed }, { weight: 1, arbitrary: scalars(ctx.dict, ctx.all) })
      : typed;
    return p.optional ? fc.oneof({ weight: 8, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(null) }) : arb;
  });
  const required = fn.params.filter((p) => !p.optional).length;
  const optional = fn.params.length - required;
  // how many optional parameters are passed: shrinks towards none
  const typed = fc
    .tuple(fc.tuple(...params), fc.integer({ min: 0, max: optional }))
    .map(([args, n]) => args.slice(0, required + n));
  const mutated = cases.length > 0 ? caseMutations(cases, ctx.dict) : undefined;
  const related = relatedArguments(typed, fn, schemas, ctx.dict);
  const generated = related ? fc.oneof({ weight: 1, arbitrary: typed }, { weight: 1, arbitrary: related }) : typed;
  return mutated ? fc.oneof({ weight: 3, arbitrary: generated }, { weight: 2, arbitrary: mutated }) : generated;
}

/** Phase-two variations of the inputs that got past validation: each argument mutated, or the arguments related anew. */
function liveVariations(
  fn: FunctionDecl,
  schemas: JsonSchema[],
  dict: FunctionDictionary,
  live: unknown[][],
): Arbitrary<unknown[]> {
  const mutated = argumentMutations(live, dict);
  const related = relatedArguments(fc.constantFrom(...live), fn, schemas, dict);
  return related ? fc.oneof({ weight: 1, arbitrary: mutated }, { weight: 1, arbitrary: related }) : mutated;
}
