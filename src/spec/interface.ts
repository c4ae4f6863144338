// Function declarations, from ```yaml interface blocks and from signature headings.
// When both declare a function the block wins (it can say more: errors, full schemas) and
// the heading only tells which section documents it.
import type { Diagnostics } from './diagnostics.js';
import { compileUserSchema, describeSchemaError, validatorFor } from './schemas.js';
import type { ParsedSignature } from './signature.js';
import { typeToSchema } from './type-names.js';
import type { FunctionDecl, JsonSchema, Location, Param } from './types.js';
import type { ParsedYaml } from './yaml-source.js';

interface BlockParam {
  name: string;
  type?: string | JsonSchema;
  optional?: boolean;
  default?: unknown;
}

interface BlockFunction {
  summary?: string;
  params?: BlockParam[];
  returns?: string | JsonSchema;
  errors?: string[];
}

export function functionsFromBlock(
  parsed: ParsedYaml,
  section: string | undefined,
  diags: Diagnostics,
): FunctionDecl[] {
  if (!parsed.ok) return [];
  const validate = validatorFor('interface');
  if (!validate(parsed.value)) {
    const { path, message } = describeSchemaError(validate.errors, 'interface');
    diags.error('interface-schema', `interface block: ${message}`, parsed.locate(path));
    return [];
  }
  const functions = (parsed.value as { functions: Record<string, BlockFunction | null> }).functions;
  const decls: FunctionDecl[] = [];
  for (const [name, fn] of Object.entries(functions)) {
    const def = fn ?? {};
    const params: Param[] = [];
    let ok = true;
    (def.params ?? []).forEach((p, i) => {
      const schema = schemaOf(p.type, parsed, ['functions', name, 'params', i, 'type'], diags);
      if (!schema) ok = false;
      const param: Param = {
        name: p.name,
        schema: schema ?? {},
        optional: p.optional === true || p.default !== undefined,
      };
      if (p.default !== undefined) param.default = p.default;
      params.push(param);
    });
    const returns = schemaOf(def.returns, parsed, ['functions', name, 'returns'], diags);
    if (!ok || !returns) continue;
    decls.push({
      name,
      ...(def.summary !== undefined ? { summary: def.summary } : {}),
      params,
      returns,
      errors: def.errors ?? [],
      ...(section !== undefined ? { section } : {}),
      origin: 'block',
      location: parsed.locate(['functions', name]),
    });
  }
  return decls;
}

function schemaOf(
  type: string | JsonSchema | undefined,
  parsed: ParsedYaml,
  path: Array<string | number>,
  diags: Diagnostics,
): JsonSchema | undefined {
  if (type === undefined) return {};
  if (typeof type === 'string') return typeToSchema(type);
  const compiled = compileUserSchema(type);
  if (typeof compiled === 'string') {
    const reason = (compiled.replace(/^schema is invalid: /, '').split(', ')[0] ?? compiled).replace(/^data\//, '');
    diags.error('interface-schema', `not a valid JSON Schema (${reason})`, parsed.locate(path));
    return undefined;
  }
  return type;
}

export function functionFromHeading(sig: ParsedSignature, section: string, location: Location): FunctionDecl {
  return { name: sig.name, params: sig.params, returns: sig.returns, errors: [], section, origin: 'heading', location };
}

/** One declaration per name, in document order; duplicates of the same origin are errors. */
export function mergeFunctions(blocks: FunctionDecl[], headings: FunctionDecl[], diags: Diagnostics): FunctionDecl[] {
  const byBlock = firstByName(blocks, diags);
  const byHeading = firstByName(headings, diags);
  const merged = new Map<string, FunctionDecl>();
  for (const decl of [...blocks, ...headings].sort(byPosition)) {
    if (merged.has(decl.name)) continue;
    const block = byBlock.get(decl.name);
    const heading = byHeading.get(decl.name);
    if (block && heading?.section) merged.set(decl.name, { ...block, section: heading.section });
    else merged.set(decl.name, block ?? decl);
  }
  return [...merged.values()];
}

function firstByName(decls: FunctionDecl[], diags: Diagnostics): Map<string, FunctionDecl> {
  const seen = new Map<string, FunctionDecl>();
  for (const decl of decls) {
    const first = seen.get(decl.name);
    if (first) {
      diags.error(
        'duplicate-function',
        `function \`${decl.name}\` is already declared at line ${first.location.start.line}`,
        decl.location,
      );
    } else seen.set(decl.name, decl);
  }
  return seen;
}

function byPosition(a: FunctionDecl, b: FunctionDecl): number {
  return a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column;
}
