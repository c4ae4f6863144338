// Call arguments: named → positional against the declared parameters (spec-format §4.1),
// then each argument checked against its parameter's schema. Cases carry positional
// arguments afterwards, so no driver ever needs parameter names.
import type { Diagnostics } from './diagnostics.js';
import { compileUserSchema } from './schemas.js';
import type { FunctionDecl, JsonSchema, Location } from './types.js';

/** Locates an argument in the source by index (positional) or parameter name (named). */
export type ArgLocator = (key?: string | number) => Location;

const SKIP = Symbol('unchecked');

export function resolveArgs(
  decl: FunctionDecl,
  args: unknown[] | Record<string, unknown>,
  at: ArgLocator,
  diags: Diagnostics,
): unknown[] | undefined {
  const positional = Array.isArray(args) ? checkCount(decl, args, at, diags) : fromNamed(decl, args, at, diags);
  if (!positional) return undefined;
  let ok = true;
  positional.forEach((value, i) => {
    const param = decl.params[i];
    // `null` stands for "absent" in an optional parameter (None/null/nil in every driver).
    if (!param || isAny(param.schema) || (value === null && param.optional)) return;
    const validate = compileUserSchema(param.schema);
    if (typeof validate === 'string') return; // reported as interface-schema
    const checkable = checkableValue(value);
    if (checkable === SKIP || validate(checkable)) return;
    ok = false;
    const reason = validate.errors?.[0];
    const path = reason?.instancePath ? ` at ${reason.instancePath}` : '';
    diags.error(
      'arguments',
      `argument \`${param.name}\` of \`${decl.name}\`${path} ${reason?.message ?? 'does not match its type'} (got ${preview(value)})`,
      at(Array.isArray(args) ? i : param.name),
    );
  });
  return ok ? positional : undefined;
}

function checkCount(decl: FunctionDecl, args: unknown[], at: ArgLocator, diags: Diagnostics): unknown[] | undefined {
  const required = decl.params.filter((p) => !p.optional).length;
  if (args.length > decl.params.length) {
    const most = required === decl.params.length ? 'exactly' : 'at most';
    diags.error(
      'arguments',
      `\`${decl.name}\` takes ${most} ${count(decl.params.length)}, got ${args.length}`,
      at(decl.params.length),
    );
    return undefined;
  }
  if (args.length < required) {
    const missing = decl.params.slice(args.length, required).map((p) => `\`${p.name}\``);
    const least = required === decl.params.length ? 'exactly' : 'at least';
    diags.error(
      'arguments',
      `\`${decl.name}\` takes ${least} ${count(required)}, got ${args.length} (missing ${missing.join(', ')})`,
      at(),
    );
    return undefined;
  }
  return args;
}

function fromNamed(
  decl: FunctionDecl,
  named: Record<string, unknown>,
  at: ArgLocator,
  diags: Diagnostics,
): unknown[] | undefined {
  const names = decl.params.map((p) => p.name);
  const last = decl.params[decl.params.length - 1];
  const values = new Map<string, unknown>();
  const bag: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(named)) {
    if (names.includes(key)) values.set(key, value);
    else if (last && acceptsObject(last.schema)) bag[key] = value;
    else {
      const known =
        names.length > 0 ? `its parameters are ${names.map((n) => `\`${n}\``).join(', ')}` : 'it takes no parameters';
      diags.error('arguments', `\`${decl.name}\` has no parameter \`${key}\`; ${known}`, at(key));
      return undefined;
    }
  }
  if (last && Object.keys(bag).length > 0) {
    const explicit = values.get(last.name);
    values.set(last.name, { ...(isPlainObject(explicit) ? explicit : {}), ...bag });
  }
  const lastGiven = decl.params.reduce((acc, p, i) => (values.has(p.name) ? i : acc), -1);
  const out: unknown[] = [];
  for (let i = 0; i < decl.params.length; i++) {
    const p = decl.params[i];
    if (!p) continue;
    if (values.has(p.name)) out.push(values.get(p.name));
    else if (!p.optional) {
      diags.error('arguments', `\`${decl.name}\` needs argument \`${p.name}\``, at());
      return undefined;
    } else if (i < lastGiven) {
      if (p.default === undefined) {
        diags.error(
          'arguments',
          `\`${decl.name}\`: cannot omit \`${p.name}\` (no default) while passing a later argument`,
          at(),
        );
        return undefined;
      }
      out.push(p.default);
    }
  }
  return out;
}

/** Values JSON cannot carry arrive as `{$ghost: ...}` tags; check them as what they stand for. */
function checkableValue(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(checkableValue);
    return items.includes(SKIP) ? SKIP : items;
  }
  if (!isPlainObject(value)) return value;
  const tag = value.$ghost;
  if (tag === 'nan' || tag === 'inf' || tag === '-inf') return 0.5;
  if (tag === 'bigint') return 1;
  // {$ghost: object, value: {...}}: a literal object that has a `$ghost` key of its own
  const entries = tag === 'object' && isPlainObject(value.value) ? value.value : tag === undefined ? value : undefined;
  if (entries === undefined) return SKIP;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entries)) {
    const c = checkableValue(v);
    if (c === SKIP) return SKIP;
    out[k] = c;
  }
  return out;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function acceptsObject(schema: JsonSchema): boolean {
  const type = schema.type;
  return type === 'object' || (Array.isArray(type) && type.includes('object'));
}

function isAny(schema: JsonSchema): boolean {
  return Object.keys(schema).every((k) => k === 'description' || k === 'title');
}

function count(n: number): string {
  return `${n} argument${n === 1 ? '' : 's'}`;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
