// When do answers agree? By the spec's own rules (src/conformance/compare.ts): values by the
// comparison the function's cases use (exact, unordered, tolerance), errors by kind only where
// the spec makes kinds part of the contract, and a crash or timeout never agrees with anything.
import { Ajv } from 'ajv';
import type { CallCase, Compare, FunctionDecl, JsonSchema, Spec } from '../spec/index.js';
import { deepEqual, errorKindMatches, valuesMatch, type Answer } from '../conformance/index.js';
import type { AnswerView, Pattern } from './types.js';

export interface Rules {
  compare: Compare;
  /** Error kinds count (the interface or the cases name some); else any error equals any error. */
  kinds: boolean;
  /** Kinds a function may raise; undefined: not checked (nothing declares errors either way). */
  allowedKinds?: string[];
  validate?: (value: unknown) => boolean;
}

/** The comparison a function's cases use: the loosest tolerance, unordered if every value case is. */
export function comparisonOf(cases: CallCase[]): Compare {
  const values = cases.filter((c) => c.expect.kind === 'value');
  const tolerances = values.flatMap((c) => (c.compare.mode === 'tolerance' ? [c.compare.tolerance] : []));
  if (tolerances.length > 0) return { mode: 'tolerance', tolerance: Math.max(...tolerances) };
  if (values.length > 0 && values.every((c) => c.compare.mode === 'unordered')) return { mode: 'unordered' };
  return { mode: 'exact' };
}

function hasTags(x: unknown): boolean {
  if (x === null || typeof x !== 'object') return false;
  if (!Array.isArray(x) && '$ghost' in x) return true;
  return Object.values(x).some(hasTags);
}

const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false });

/** `proseKinds`: error kinds the prose names (dictionary.ts); they make kinds count too. */
export function rulesFor(spec: Spec, fn: FunctionDecl, proseKinds: string[] = []): Rules {
  const cases = spec.cases.filter((c): c is CallCase => c.kind === 'call' && c.fn === fn.name);
  const caseKinds = cases.flatMap((c) => (c.expect.kind === 'error' && c.expect.errorKind ? [c.expect.errorKind] : []));
  const anyError = cases.some((c) => c.expect.kind === 'error');
  const kinds = fn.errors.length > 0 || caseKinds.length > 0 || proseKinds.length > 0;
  let allowedKinds: string[] | undefined;
  if (fn.errors.length > 0 || caseKinds.length > 0) allowedKinds = [...new Set([...fn.errors, ...caseKinds])];
  else if (kinds)
    allowedKinds = undefined; // named in the prose, but not which function raises which
  else if (!anyError && fn.origin === 'block') allowedKinds = [];
  let validate: ((v: unknown) => boolean) | undefined;
  if (Object.keys(fn.returns).length > 0) {
    try {
      const check = ajv.compile(fn.returns as JsonSchema);
      validate = (v) => hasTags(v) || check(v);
    } catch {
      validate = undefined; // a schema ajv cannot compile is the spec checker's business
    }
  }
  return {
    compare: comparisonOf(cases),
    kinds,
    ...(allowedKinds ? { allowedKinds } : {}),
    ...(validate ? { validate } : {}),
  };
}

export function view(a: Answer): AnswerView {
  if (a.type === 'failure') return a.reason === 'timeout' ? { timeout: a.message } : { crash: a.message };
  return a.outcome.ok ? { value: a.outcome.value } : { error: a.outcome.error };
}

export function same(a: Answer, b: Answer, rules: Rules): boolean {
  if (a.type === 'failure' || b.type === 'failure') return false;
  const x = a.outcome;
  const y = b.outcome;
  if (x.ok && y.ok) return valuesMatch(x.value, y.value, rules.compare);
  if (!x.ok && !y.ok) return !rules.kinds || errorKindMatches(x.error.kind, y.error.kind);
  return false;
}

/** Implementations grouped by equal answers (indices), in order of first appearance. */
export function partition(answers: Answer[], rules: Rules): number[][] {
  const classes: number[][] = [];
  answers.forEach((a, i) => {
    const cls = classes.find((c) => same(answers[c[0]!]!, a, rules));
    if (cls) cls.push(i);
    else classes.push([i]);
  });
  return classes;
}

/** How several implementations disagree, or undefined when they all agree. */
export function disagreement(answers: Answer[], rules: Rules): { pattern: Pattern; classes: number[][] } | undefined {
  if (answers.some((a) => a.type === 'failure'))
    return { pattern: 'crash-or-timeout', classes: partition(answers, rules) };
  const classes = partition(answers, rules);
  if (classes.length <= 1) return undefined;
  const values = answers.filter((a) => a.type === 'response' && a.outcome.ok).length;
  const pattern: Pattern =
    values === answers.length ? 'value-vs-value' : values === 0 ? 'error-kind-vs-error-kind' : 'value-vs-error';
  return { pattern, classes };
}

/** What one implementation alone gets wrong on one input (asked twice), or undefined. */
export function selfCheck(first: Answer, second: Answer, rules: Rules): { pattern: Pattern; why: string } | undefined {
  if (first.type === 'failure') return { pattern: 'crash-or-timeout', why: first.message };
  if (second.type === 'failure') return { pattern: 'crash-or-timeout', why: `second call: ${second.message}` };
  const o = first.outcome;
  if (!o.ok && rules.allowedKinds && !rules.allowedKinds.some((k) => errorKindMatches(k, o.error.kind))) {
    const declared =
      rules.allowedKinds.length > 0 ? `declares ${rules.allowedKinds.join(', ')}` : 'declares no error kinds';
    return { pattern: 'undeclared-error', why: `raised ${o.error.kind}; the spec ${declared}` };
  }
  if (o.ok && rules.validate && !rules.validate(o.value))
    return { pattern: 'wrong-type', why: 'the result does not match the declared return type' };
  const o2 = second.outcome;
  const again = o.ok && o2.ok ? deepEqual(o.value, o2.value) : !o.ok && !o2.ok && o.error.kind === o2.error.kind;
  if (!again) return { pattern: 'nondeterministic', why: 'the same input gave two different answers' };
  return undefined;
}
