// Strict lint (`ghost check --strict`): findings that are not errors in the format but let
// ambiguity through. A pure pass over the parsed spec and its source, positioned diagnostics.
//   - no-error-case: a function with cases, none of which expects an error (its failure
//     behaviour is left to each implementer's guess);
//   - example-contradicts-case: an example in the prose, `f(x) → y` in a code span or a code
//     block, says something else than a case with the same arguments.
import type { Code, Nodes, Root } from 'mdast';
import { isGhostBlock } from './blocks.js';
import { parseMarkdown } from './markdown.js';
import type { CallCase, CallExpectation, Diagnostic, Spec } from './types.js';
import { yamlLib } from './yaml-lib.js';

interface ProseExample {
  fn: string;
  args: unknown[];
  expect: CallExpectation;
  line: number;
  column: number;
}

/** `f(args) → result` inside one span or code line. */
const INLINE = /\b([A-Za-z_]\w*)\(([^()]*)\)\s*(?:→|->|=>|==)\s*(.+)$/;
/** `f(args)` → `result` (two spans), or `f(args)` returns `result`. */
const SPLIT = /`([A-Za-z_]\w*)\(([^()`]*)\)`\s*(→|->|=>|returns|gives|is|raises|throws)\s*`([^`]+)`/g;
const ERROR = /^(?:error|raises|throws|an?)\s+`?([A-Za-z_]\w*)`?/i;

function parseFlow(text: string): unknown {
  return yamlLib().parse(text, { version: '1.2' }) as unknown;
}

function expectation(result: string, errorKinds: Set<string>): CallExpectation | undefined {
  const t = result
    .trim()
    .replace(/[.,;]$/, '')
    .replace(/^`|`$/g, '');
  const err = ERROR.exec(t);
  if (err && (errorKinds.has(err[1]!) || /error|exception|invalid/i.test(err[1]!)))
    return { kind: 'error', errorKind: err[1]! };
  if (errorKinds.has(t)) return { kind: 'error', errorKind: t };
  try {
    return { kind: 'value', value: parseFlow(t) };
  } catch {
    return undefined;
  }
}

function example(
  fn: string,
  argText: string,
  result: string,
  spec: Spec,
  line: number,
  column: number,
): ProseExample | undefined {
  const decl = spec.functions.find((f) => f.name === fn);
  if (!decl) return undefined;
  let args: unknown;
  try {
    args = parseFlow(`[${argText}]`);
  } catch {
    return undefined;
  }
  if (!Array.isArray(args) || args.length > decl.params.length) return undefined;
  const expect = expectation(result, new Set(decl.errors));
  return expect ? { fn, args, expect, line, column } : undefined;
}

/**
 * Which source lines are code-block content and which belong to a block of ghost's own
 * (interface, cases: skipped whole), from remark's tree: the parser that decides what a case
 * block is decides it here too, whatever the nesting (lists, blockquotes, tildes).
 */
function lineRoles(source: string, root: Root): { code: Set<number>; skip: Set<number> } {
  const code = new Set<number>();
  const skip = new Set<number>();
  const stack: Nodes[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'code' && node.position) {
      const { start, end } = node.position;
      const own = isGhostBlock(node as Code);
      for (let line = start.line; line <= end.line; line++) (own ? skip : code).add(line);
      // fence lines hold no example; an indented block has none
      const fenced = /^[`~]/.test(source.slice(start.offset ?? 0, (start.offset ?? 0) + 1));
      if (fenced && !own) {
        code.delete(start.line);
        code.delete(end.line);
        skip.add(start.line).add(end.line);
      }
    } else if ('children' in node) for (const child of node.children) stack.push(child as Nodes);
  }
  return { code, skip };
}

/** Every `f(x) → y` the prose shows, outside ghost's own blocks (`root`: the source's tree, if parsed already). */
export function proseExamples(spec: Spec, source: string, root: Root = parseMarkdown(source)): ProseExample[] {
  const out: ProseExample[] = [];
  const roles = lineRoles(source, root);
  source.split('\n').forEach((text, i) => {
    const line = i + 1;
    if (roles.skip.has(line)) return;
    if (roles.code.has(line)) {
      const m = INLINE.exec(text);
      const ex = m && example(m[1]!, m[2]!, m[3]!, spec, line, m.index + 1);
      if (ex) out.push(ex);
      return;
    }
    for (const m of text.matchAll(SPLIT)) {
      const result = m[3] === 'raises' || m[3] === 'throws' ? `error ${m[4]!}` : m[4]!;
      const ex = example(m[1]!, m[2]!, result, spec, line, m.index + 1);
      if (ex) out.push(ex);
    }
    for (const m of text.matchAll(/`([^`\n]+)`/g)) {
      const inner = INLINE.exec(m[1]!);
      const ex = inner && example(inner[1]!, inner[2]!, inner[3]!, spec, line, m.index + 1);
      if (ex) out.push(ex);
    }
  });
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

function canonical(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

function kindsMatch(a: string, b: string): boolean {
  const norm = (k: string) => k.toLowerCase().replace(/(error|exception)$/, '');
  return a === b || norm(a) === norm(b);
}

function agrees(prose: CallExpectation, c: CallExpectation): boolean {
  if (prose.kind === 'error' && c.kind === 'error')
    return !prose.errorKind || !c.errorKind || kindsMatch(prose.errorKind, c.errorKind);
  if (prose.kind === 'value' && c.kind === 'value') return canonical(prose.value) === canonical(c.value);
  return false;
}

function show(e: CallExpectation): string {
  return e.kind === 'error' ? `error ${e.errorKind ?? ''}`.trim() : JSON.stringify(e.value);
}

export function lintSpec(spec: Spec, source: string, root?: Root): Diagnostic[] {
  const out: Diagnostic[] = [];
  const calls = spec.cases.filter((c): c is CallCase => c.kind === 'call');
  for (const fn of spec.functions) {
    const mine = calls.filter((c) => c.fn === fn.name);
    if (mine.length === 0 || mine.some((c) => c.expect.kind === 'error')) continue;
    // an interface block that lists no error kinds declares a total function
    if (fn.origin === 'block' && fn.errors.length === 0) continue;
    out.push({
      file: fn.location.file,
      line: fn.location.start.line,
      column: fn.location.start.column,
      severity: 'warning',
      rule: 'no-error-case',
      message: `function \`${fn.name}\` has ${mine.length} case${mine.length === 1 ? '' : 's'}, none of which expects an error: what it does with bad input is left to each implementer`,
    });
  }
  for (const ex of proseExamples(spec, source, root)) {
    const key = canonical(ex.args);
    for (const c of calls) {
      if (c.fn !== ex.fn || canonical(c.args) !== key || agrees(ex.expect, c.expect)) continue;
      out.push({
        file: spec.file,
        line: ex.line,
        column: ex.column,
        severity: 'warning',
        rule: 'example-contradicts-case',
        message: `the prose says ${ex.fn}(${key.slice(1, -1)}) → ${show(ex.expect)}, but case \`${c.id}\` (${c.location.file}:${c.location.start.line}) expects ${show(c.expect)}`,
      });
    }
  }
  return out;
}
