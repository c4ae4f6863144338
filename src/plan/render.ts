// Markdown fragments that task texts are assembled from: signatures, cases, requirements.
import type { Case, FunctionDecl, JsonSchema, Requirement } from '../spec/types.js';
import { displayJson } from './hash.js';

/** A JSON Schema as a short type name: `string`, `string|null`, else `any`/`object`. */
export function typeName(schema: JsonSchema): string {
  const t = schema['type'];
  if (typeof t === 'string') return t;
  if (Array.isArray(t) && t.every((x) => typeof x === 'string')) return t.join('|');
  const alts = schema['anyOf'] ?? schema['oneOf'];
  if (Array.isArray(alts)) return alts.map((a) => typeName(a as JsonSchema)).join('|');
  return Object.keys(schema).length === 0 ? 'any' : 'object';
}

export function signature(fn: FunctionDecl): string {
  const params = fn.params.map((p) => {
    const dflt = p.default === undefined ? '' : ` = ${displayJson(p.default)}`;
    return `${p.name}${p.optional ? '?' : ''}: ${typeName(p.schema)}${dflt}`;
  });
  return `${fn.name}(${params.join(', ')}) -> ${typeName(fn.returns)}`;
}

/** The declaration as the implementer needs it: signature, summary, schemas, error kinds. */
export function renderDecl(fn: FunctionDecl): string {
  const lines = [`- \`${signature(fn)}\``];
  if (fn.summary) lines.push(`  ${fn.summary}`);
  if (Object.keys(fn.returns).length > 0 && typeName(fn.returns) === 'object') {
    lines.push(`  Returns (JSON Schema): \`${displayJson(fn.returns)}\``);
  }
  if (fn.errors.length > 0) lines.push(`  Error kinds: ${fn.errors.map((e) => `\`${e}\``).join(', ')}`);
  return lines.join('\n');
}

export function renderRequirement(r: Requirement): string {
  return `- [${r.id}] ${r.level}: ${r.text}`;
}

/**
 * One visible case per line. Callers pass visible cases only. Lossless for what a case checks
 * (task hashes rely on it: finalize.ts), and every character visible (showInvisible).
 */
export function renderCase(c: Case): string {
  return showInvisible(caseLine(c));
}

// C0/C1 controls other than tab and newline, zero-width and direction marks, line and
// paragraph separators, invisible operators, the BOM, and lone surrogates.
const INVISIBLE =
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u2028\u2029\u2060-\u2064\uFEFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Invisible code points as `\uXXXX`: a case about U+FEFF must show it, not print nothing.
 * Lowercase hex, as JSON.stringify writes the escapes it makes itself, so a rendered JSON
 * value stays valid JSON for the same value (a literal backslash is already `\\`).
 */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function caseLine(c: Case): string {
  if (c.kind === 'call') {
    const call = `${c.fn}(${c.args.map(displayJson).join(', ')})`;
    const want =
      c.expect.kind === 'value'
        ? displayJson(c.expect.value)
        : c.expect.errorKind
          ? `error ${c.expect.errorKind}`
          : 'any error';
    const cmp =
      c.compare.mode === 'exact'
        ? ''
        : c.compare.mode === 'unordered'
          ? ' (any order)'
          : ` (within ${c.compare.tolerance})`;
    return `- \`${c.id}\`: ${call} → ${want}${cmp}`;
  }
  const given = [`argv ${displayJson(c.argv)}`];
  if (c.stdin) given.push(`stdin ${displayJson(c.stdin)}`);
  const want = [`exit ${c.expect.exitCode}`];
  if (c.expect.stdout !== undefined) want.push(`stdout ${displayJson(c.expect.stdout)}`);
  if (c.expect.stderrContains !== undefined) want.push(`stderr contains ${displayJson(c.expect.stderrContains)}`);
  return `- \`${c.id}\`: ${given.join(', ')} → ${want.join(', ')}`;
}
