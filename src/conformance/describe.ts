// What a failing case shows besides its id: the call as code (`clamp(42, 0, 10)`, or
// `slugify(text: "a b")` when the spec named the arguments) and where the spec wrote it
// (`specs/clamp.md:57`). Only for visible cases: a hidden case is reported by id and status.
import type { Case, FunctionDecl, Spec } from '../spec/types.js';
import type { CaseResult } from './types.js';
import { oneLineJson } from './reporters/json-values.js';

export type CaseDescription = Pick<CaseResult, 'args' | 'call' | 'source'>;

const MAX_CALL_CHARS = 400;

function clip(text: string): string {
  return text.length > MAX_CALL_CHARS ? `${text.slice(0, MAX_CALL_CHARS - 1)}…` : text;
}

/** A shell-like rendering of one argv word. */
function word(w: string): string {
  return /^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

export function renderCall(fn: string, args: unknown[], paramNames?: string[]): string {
  const parts = args.map((a, i) => (paramNames?.[i] ? `${paramNames[i]}: ${oneLineJson(a)}` : oneLineJson(a)));
  return clip(`${fn}(${parts.join(', ')})`);
}

/** `describe(case)` for one spec: precomputes each function's parameter names. */
export function caseDescriber(spec: Pick<Spec, 'functions' | 'meta'>): (c: Case) => CaseDescription {
  const params = new Map<string, FunctionDecl['params']>(spec.functions.map((f) => [f.name, f.params]));
  const program = spec.meta.command ?? 'program';
  return (c) => {
    if (c.hidden) return {};
    const source = `${c.location.file}:${c.location.start.line}`;
    if (c.kind === 'command') return { call: clip([program, ...c.argv].map(word).join(' ')), source };
    const names = c.named ? params.get(c.fn)?.map((p) => p.name) : undefined;
    return { args: c.args, call: renderCall(c.fn, c.args, names), source };
  };
}
