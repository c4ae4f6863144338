// A disagreement as a conformance case ready to paste (spec-format §4): the shrunk input, every
// implementation's answer as a comment, and the expected answer left to the author — or the
// majority answer, marked as such, when three or more implementations give one.
import type { AnswerView } from './types.js';

/** JSON is YAML flow syntax; values JSON cannot carry become `$ghost` tags (spec-format §4.1). */
export function flow(value: unknown): string {
  return (
    JSON.stringify(value, (_k, v: unknown) => {
      if (typeof v === 'bigint') return { $ghost: 'bigint', value: v.toString() };
      if (typeof v === 'number' && Number.isNaN(v)) return { $ghost: 'nan' };
      if (v === Number.POSITIVE_INFINITY) return { $ghost: 'inf' };
      if (v === Number.NEGATIVE_INFINITY) return { $ghost: '-inf' };
      return v;
    }) ?? 'null'
  );
}

export function describe(a: AnswerView): string {
  if ('value' in a) return flow(a.value);
  if ('error' in a)
    return `error ${a.error.kind}${a.error.message ? `: ${a.error.message.split('\n')[0]!.slice(0, 100)}` : ''}`;
  if ('crash' in a) return `crash: ${a.crash.split('\n')[0]!.slice(0, 100)}`;
  if ('timeout' in a) return a.timeout;
  return `exit ${a.exit}, stdout ${flow(a.stdout)}`;
}

function comment(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

export interface CaseInput {
  id: string;
  /** Function name; undefined for a CLI-shaped spec (args are `[argv, stdin]`). */
  fn?: string;
  args: unknown[];
  answers: Array<{ label: string; answer: AnswerView }>;
  majority?: { answer: AnswerView; labels: string[] };
  requirements: string[];
}

function expectation(a: AnswerView, fn: string | undefined): string[] {
  if (fn === undefined && 'exit' in a) return [`stdout: ${flow(a.stdout)}`, `exit: ${a.exit}`];
  if (fn === undefined && 'value' in a) return expectation(a.value as AnswerView, fn);
  if ('value' in a) return [`expect: ${flow(a.value)}`];
  if ('error' in a) return [`error: ${flow(a.error.kind)}`];
  return [];
}

export function caseYaml(c: CaseInput): string {
  const lines = [`- id: ${c.id}`];
  if (c.fn !== undefined) lines.push(`  fn: ${c.fn}`, `  args: ${flow(c.args)}`);
  else lines.push(`  argv: ${flow(c.args[0] ?? [])}`, `  stdin: ${flow(c.args[1] ?? '')}`);
  if (c.requirements.length > 0) lines.push(`  requirements: [${c.requirements.join(', ')}]`);
  for (const { label, answer } of c.answers) lines.push(`  # ${comment(label)}: ${comment(describe(answer))}`);
  const majority = c.majority ? expectation(c.majority.answer, c.fn) : [];
  if (c.majority && majority.length > 0) {
    lines.push(`  # majority answer (${c.majority.labels.join(', ')}), not a decision: confirm it against the spec`);
    lines.push(...majority.map((l) => `  ${l}`));
  } else if (c.fn !== undefined) {
    lines.push('  expect: null  # FIXME: the author decides (or `error: Kind`); see the answers above');
  } else {
    lines.push('  stdout: ""  # FIXME: the author decides; see the answers above', '  exit: 0  # FIXME');
  }
  return `${lines.join('\n')}\n`;
}
