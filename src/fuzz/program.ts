// CLI-shaped specs: the "function" is the program. Inputs are an argument list drawn from the
// options the prose names (`--words`, `-l`, `--`) and a standard input assembled like any
// string; the answer compared is the exit status and standard output (stderr is free text).
import fc from 'fast-check';
import type { CommandCase, Spec } from '../spec/index.js';
import type { Answer, Session } from '../conformance/index.js';
import { specDictionary, type FunctionDictionary } from './dictionary.js';
import type { Target } from './engine.js';
import { strings } from './values.js';

const OPTION = /^--?[A-Za-z0-9][\w-]*(?:=\S*)?$|^--?$/;

export function programTarget(spec: Spec, useCases: boolean): Target {
  const whole = specDictionary(spec);
  const dict: FunctionDictionary = { ...whole, options: new Map(), paramTypes: new Map() };
  const cases = useCases ? spec.cases.filter((c): c is CommandCase => c.kind === 'command') : [];
  const flags = [
    ...new Set([
      ...whole.literals.flatMap((l) => l.split(/\s+/)).filter((w) => OPTION.test(w)),
      ...cases.flatMap((c) => c.argv),
    ]),
  ];
  const text = strings(dict, whole);
  const word =
    flags.length > 0
      ? fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...flags) }, { weight: 1, arbitrary: text })
      : text;
  const argv = fc.oneof(
    { weight: 4, arbitrary: fc.array(word, { maxLength: 3 }) },
    ...(cases.length > 0 ? [{ weight: 1, arbitrary: fc.constantFrom(...cases.map((c) => c.argv)) }] : []),
  );
  const line = fc.oneof(text, ...(cases.length > 0 ? [fc.constantFrom(...cases.map((c) => c.stdin))] : []));
  const stdin = fc
    .tuple(fc.array(line, { maxLength: 4 }), fc.constantFrom('\n', '\r\n', '\r', ''), fc.boolean())
    .map(([ls, nl, end]) => ls.join(nl) + (end ? nl : ''));
  return {
    name: spec.meta.command ?? spec.meta.name,
    arb: fc.tuple(argv, stdin),
    rules: { compare: { mode: 'exact' }, kinds: false },
    ask: async (s: Session, args: unknown[]): Promise<Answer> => {
      const r = await s.run(args[0] as string[], args[1] as string);
      if (r.type === 'failure') return r;
      return { type: 'response', outcome: { ok: true, value: { exit: r.exitCode, stdout: r.stdout } } };
    },
  };
}
