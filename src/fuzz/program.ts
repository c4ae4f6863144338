// CLI-shaped specs: the "function" is the program. Inputs are an argument list drawn from the
// options the prose names (`--words`, `-l`, `--`) and a standard input assembled like any
// string; the answer compared is the exit status and standard output (stderr is free text).
import fc from 'fast-check';
import type { CommandCase, Spec } from '../spec/index.js';
import type { Answer, Session } from '../conformance/index.js';
import { specDictionary, wordsOf, type FunctionDictionary } from './dictionary.js';
import type { Target } from './engine.js';
import { strings } from './values.js';
import { SEPARATOR_EDGES } from './characters.js';
import { sweepText } from './sweep.js';

const OPTION = /^--?[A-Za-z0-9][\w-]*(?:=\S*)?$|^--?$/;

const CONVENTIONAL = ['--help', '-h', '--version', '-V'];

/** Option names the program does not know but nearly does: a letter more, a letter less, an unused short one. */
export function nearMissOptions(known: string[]): string[] {
  const out = new Set<string>();
  for (const k of known) {
    const name = k.replace(/=.*$/, '');
    out.add(`${name}x`);
    if (name.replace(/^-+/, '').length > 1) out.add(name.slice(0, -1));
  }
  const shorts = new Set(known.filter((k) => /^-[A-Za-z]$/.test(k)).map((k) => k[1]));
  const free = [...'zqjx'].find((c) => !shorts.has(c));
  if (free) out.add(`-${free}`);
  for (const k of known) out.delete(k);
  return [...out].filter((o) => !known.includes(o));
}

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
  const found = wordsOf(whole).slice(0, 40);
  const plainWords = found.length > 0 ? found : ['a', 'b'];
  const word =
    flags.length > 0
      ? fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...flags) }, { weight: 1, arbitrary: text })
      : text;
  const known = flags.filter((f) => /^--?[A-Za-z]/.test(f));
  const unknown = nearMissOptions(known);
  // the conventional options (GNU: --help, --version) are the ones that most often stop parsing early
  const conventional = known.filter((f) => CONVENTIONAL.includes(f));
  const argv = fc.oneof(
    { weight: 4, arbitrary: fc.array(word, { maxLength: 3 }) },
    // a known option with an unknown one, in both orders: does one short-circuit the other?
    ...(known.length > 0 && unknown.length > 0
      ? [
          {
            weight: 2,
            arbitrary: fc
              .tuple(
                conventional.length > 0
                  ? fc.oneof(fc.constantFrom(...known), fc.constantFrom(...conventional))
                  : fc.constantFrom(...known),
                fc.constantFrom(...unknown),
                fc.boolean(),
              )
              .map(([k, u, first]) => (first ? [k, u] : [u, k])),
          },
        ]
      : []),
    ...(cases.length > 0 ? [{ weight: 1, arbitrary: fc.constantFrom(...cases.map((c) => c.argv)) }] : []),
  );
  const line = fc.oneof(text, ...(cases.length > 0 ? [fc.constantFrom(...cases.map((c) => c.stdin))] : []));
  // plain words too (a line of awkward characters alone hides counting rules behind decoding
  // ones), separated by a space or by one awkward character: what separates words?
  const plain = fc
    .tuple(
      fc.array(fc.constantFrom(...plainWords), { minLength: 2, maxLength: 3 }),
      fc.oneof(
        { weight: 2, arbitrary: fc.constant(' ') },
        { weight: 1, arbitrary: fc.constantFrom(...SEPARATOR_EDGES) },
      ),
    )
    .map(([ws, sep]) => ws.join(sep));
  const stdin = fc
    .tuple(
      fc.array(
        fc.oneof(
          { weight: 1, arbitrary: line },
          { weight: 2, arbitrary: plain },
          { weight: 1, arbitrary: fc.constant('') },
        ),
        { maxLength: 4 },
      ),
      fc.constantFrom('\n', '\r\n', '\r', ''),
      fc.boolean(),
    )
    .map(([ls, nl, end]) => ls.join(nl) + (end ? nl : ''));
  return {
    name: spec.meta.command ?? spec.meta.name,
    arb: fc.tuple(argv, stdin),
    sweep: sweepText(whole).map((text) => [[], text]),
    rules: { compare: { mode: 'exact' }, kinds: false },
    ask: async (s: Session, args: unknown[]): Promise<Answer> => {
      const r = await s.run(args[0] as string[], args[1] as string);
      if (r.type === 'failure') return r;
      return { type: 'response', outcome: { ok: true, value: { exit: r.exitCode, stdout: r.stdout } } };
    },
  };
}
