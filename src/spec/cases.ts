// Case normalization: raw YAML cases (conformance blocks, native case files, the tests.yaml
// layout) → typed `Case`s. Runs after every function is known, because a block of cases may
// come before the interface it calls.
import { didYouMean } from '../util/suggest.js';
import { acceptsObject, isPlainObject, resolveArgs } from './args.js';
import type { Diagnostics } from './diagnostics.js';
import { describeSchemaError, validatorFor, type SchemaName } from './schemas.js';
import { nameSlug } from './slug.js';
import type { CallCase, CallExpectation, Case, CommandCase, Compare, FunctionDecl, Location } from './types.js';
import type { YamlPath } from './yaml-source.js';

export interface RawCase {
  layout: 'native' | 'tests';
  raw: unknown;
  /** tests layout: the top-level key; native: the block's `fn=` default. */
  fn?: string;
  /** tests layout: the name slug, made unique within its function's list (see case-files). */
  slug?: string;
  hidden: boolean;
  requirements: string[];
  section?: string;
  /** Location of something inside this case (path relative to the case). */
  locate(path?: YamlPath): Location;
}

const ID = /^[A-Za-z0-9._:-]+$/;

export interface CaseContext {
  functions: Map<string, FunctionDecl>;
  requirementIds: Set<string>;
}

export function normalizeCase(rc: RawCase, ctx: CaseContext, diags: Diagnostics): Case | undefined {
  const { functions } = ctx;
  const schema: SchemaName = rc.layout === 'native' ? 'case' : 'tests-case';
  const validate = validatorFor(schema);
  if (!validate(rc.raw)) {
    const { path, message } = describeSchemaError(validate.errors, schema);
    diags.error('case-schema', `case: ${message}`, rc.locate(path));
    return undefined;
  }
  const raw = rc.raw as Record<string, unknown>;
  const id = caseId(rc, raw);
  if (!id) {
    diags.error('case-schema', 'case: needs an `id` (or a `name`)', rc.locate());
    return undefined;
  }
  // A case's own `requirements:` adds to the block's `requirements=` default (spec-format §4).
  const own = Array.isArray(raw.requirements) ? (raw.requirements as string[]) : [];
  const base = {
    id,
    hidden: typeof raw.hidden === 'boolean' ? raw.hidden : rc.hidden,
    requirements: [...new Set([...rc.requirements, ...own])],
    ...(rc.section !== undefined ? { section: rc.section } : {}),
    location: rc.locate(),
  };
  const check = (ref: string, where: () => Location): void => {
    if (ctx.requirementIds.has(ref)) return;
    const hint = didYouMean(ref, ctx.requirementIds, (r) => `\`${r}\``);
    diags.error(
      'unknown-requirement',
      `case \`${id}\` references requirement \`${ref}\`, which the spec does not define${hint}`,
      where(),
    );
  };
  for (const ref of rc.requirements) check(ref, () => rc.locate());
  own.forEach((ref, i) => {
    if (!rc.requirements.includes(ref)) check(ref, () => rc.locate(['requirements', i]));
  });
  if (raw.argv !== undefined) return commandCase(rc, raw, base, diags);
  return callCase(rc, raw, base, functions, diags);
}

type Base = Pick<CallCase, 'id' | 'hidden' | 'requirements' | 'section' | 'location'>;

function caseId(rc: RawCase, raw: Record<string, unknown>): string | undefined {
  if (rc.layout === 'tests') return `${rc.fn ?? ''}/${rc.slug ?? nameSlug(String(raw.name))}`;
  if (typeof raw.id === 'string') return raw.id;
  if (raw.name === undefined) return undefined;
  const name = String(raw.name);
  return ID.test(name) ? name : nameSlug(name) || undefined;
}

function commandCase(
  rc: RawCase,
  raw: Record<string, unknown>,
  base: Base,
  diags: Diagnostics,
): CommandCase | undefined {
  const mixed = ['fn', 'args', 'expect', 'error'].find((k) => raw[k] !== undefined);
  if (mixed) {
    diags.error(
      'case-schema',
      `case \`${base.id}\`: \`${mixed}\` belongs to call cases, but this case has \`argv\` (a command case)`,
      rc.locate([mixed]),
    );
    return undefined;
  }
  return {
    ...base,
    kind: 'command',
    argv: (raw.argv as unknown[]).map(String),
    stdin: typeof raw.stdin === 'string' ? raw.stdin : '',
    expect: {
      exitCode: typeof raw.exit === 'number' ? raw.exit : 0,
      ...(typeof raw.stdout === 'string' ? { stdout: raw.stdout } : {}),
      ...(typeof raw.stderr_contains === 'string' ? { stderrContains: raw.stderr_contains } : {}),
    },
  };
}

function callCase(
  rc: RawCase,
  raw: Record<string, unknown>,
  base: Base,
  functions: Map<string, FunctionDecl>,
  diags: Diagnostics,
): CallCase | undefined {
  const fn = rc.layout === 'tests' ? rc.fn : typeof raw.fn === 'string' ? raw.fn : rc.fn;
  if (!fn) {
    diags.error(
      'case-schema',
      `case \`${base.id}\`: missing \`fn\` (or give \`fn=NAME\` in the block's info string)`,
      rc.locate(),
    );
    return undefined;
  }
  const expect = expectation(rc, raw, base.id, diags);
  const decl = functions.get(fn);
  if (!decl) {
    const where = rc.layout === 'native' && raw.fn !== undefined ? rc.locate(['fn']) : rc.locate();
    diags.error(
      'unknown-function',
      `case \`${base.id}\` calls \`${fn}\`, which is not declared${suggest(fn, functions)}`,
      where,
    );
    return undefined;
  }
  const args = rc.layout === 'tests' ? testsInput(rc, raw, decl, diags) : nativeArgs(rc, raw, decl, diags);
  if (!expect || !args) return undefined;
  const named = rc.layout === 'tests' ? namedInput(raw.input, decl) : isPlainObject(raw.args);
  return {
    ...base,
    kind: 'call',
    fn,
    args,
    ...(named ? { named: true as const } : {}),
    expect,
    compare: compareOf(raw.compare),
  };
}

function expectation(
  rc: RawCase,
  raw: Record<string, unknown>,
  id: string,
  diags: Diagnostics,
): CallExpectation | undefined {
  const valueKey = rc.layout === 'tests' ? 'output' : 'expect';
  const hasValue = Object.prototype.hasOwnProperty.call(raw, valueKey);
  const error = raw.error;
  const hasError = error !== undefined && error !== false;
  if (hasValue && hasError) {
    diags.error('case-schema', `case \`${id}\`: give \`${valueKey}\` or \`error\`, not both`, rc.locate(['error']));
    return undefined;
  }
  if (hasError) return typeof error === 'string' ? { kind: 'error', errorKind: error } : { kind: 'error' };
  if (hasValue) return { kind: 'value', value: raw[valueKey] };
  diags.error('missing-expectation', `case \`${id}\` has neither \`${valueKey}\` nor \`error\``, rc.locate());
  return undefined;
}

function nativeArgs(
  rc: RawCase,
  raw: Record<string, unknown>,
  decl: FunctionDecl,
  diags: Diagnostics,
): unknown[] | undefined {
  const args = raw.args === undefined ? [] : (raw.args as unknown[] | Record<string, unknown>);
  return resolveArgs(
    decl,
    args,
    (key) => (key === undefined ? rc.locate(raw.args === undefined ? [] : ['args']) : rc.locate(['args', key])),
    diags,
  );
}

/** Whether a tests.yaml `input` names its arguments (the rule testsInput applies). */
function namedInput(input: unknown, decl: FunctionDecl): boolean {
  if (!isPlainObject(input) || decl.params.length === 0) return false;
  const names = decl.params.map((p) => p.name);
  const keys = Object.keys(input);
  const known = keys.filter((k) => names.includes(k));
  const last = decl.params[decl.params.length - 1];
  return (
    (keys.length > 0 && known.length === keys.length) ||
    (known.length > 0 && last !== undefined && acceptsObject(last.schema))
  );
}

/** tests.yaml `input`: named when an object whose keys are all parameter names, else the one argument. */
function testsInput(
  rc: RawCase,
  raw: Record<string, unknown>,
  decl: FunctionDecl,
  diags: Diagnostics,
): unknown[] | undefined {
  if (!Object.prototype.hasOwnProperty.call(raw, 'input')) return resolveArgs(decl, [], () => rc.locate(), diags);
  const input = raw.input;
  const names = decl.params.map((p) => p.name);
  const keys = isPlainObject(input) ? Object.keys(input) : [];
  const known = keys.filter((k) => names.includes(k));
  const last = decl.params[decl.params.length - 1];
  // Named: every key is a parameter (or extra keys go to a trailing options bag). An object
  // mixing parameter names with unknown keys is a mistake, not a bare value.
  const allKnown = (keys.length > 0 || names.length === 0) && known.length === keys.length;
  const bagged = known.length > 0 && last !== undefined && acceptsObject(last.schema);
  if (known.length > 0 && !allKnown && !bagged && names.length > 1) {
    const unknown = keys.find((k) => !names.includes(k)) ?? '';
    diags.error(
      'arguments',
      `\`${decl.name}\` has no parameter \`${unknown}\`; its parameters are ${names.map((n) => `\`${n}\``).join(', ')}`,
      rc.locate(['input', unknown]),
    );
    return undefined;
  }
  const named = isPlainObject(input) && (allKnown || bagged);
  const at = (key?: string | number) =>
    key === undefined || !named ? rc.locate(['input']) : rc.locate(['input', key]);
  return resolveArgs(decl, named ? (input as Record<string, unknown>) : [input], at, diags);
}

function compareOf(value: unknown): Compare {
  if (value === 'unordered') return { mode: 'unordered' };
  if (isPlainObject(value) && typeof value.tolerance === 'number')
    return { mode: 'tolerance', tolerance: value.tolerance };
  return { mode: 'exact' };
}

function suggest(name: string, functions: Map<string, FunctionDecl>): string {
  const known = [...functions.keys()];
  if (known.length === 0) return ' (the spec declares no functions)';
  return didYouMean(name, known, (k) => `\`${k}\``) || `; declared: ${known.map((k) => `\`${k}\``).join(', ')}`;
}
