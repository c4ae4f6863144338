// `ghost fuzz`: differential testing. The same generated inputs go to every implementation
// through the conformance stage's persistent drivers; where their answers differ by the spec's
// own comparison rules, the spec is probably ambiguous (or an implementation is wrong). With
// one implementation, the checks that need no oracle: no crash or timeout, declared error
// kinds, results of the declared type, the same answer twice.
import { performance } from 'node:perf_hooks';
import type { CallCase, Spec } from '../spec/index.js';
import { openImplementation, type Session } from '../conformance/index.js';
import { UserError } from '../util/errors.js';
import { functionDictionary, proseErrorKinds, specDictionary } from './dictionary.js';
import { functionInputs } from './inputs.js';
import { rulesFor } from './judge.js';
import { replay, search, shrink, type Shrunk, type Target } from './engine.js';
import { pickForShrinking, sameAmbiguityKeys } from './triage.js';
import { governing } from './governing.js';
import { caseYaml } from './case-yaml.js';
import { programTarget } from './program.js';
import type { FuzzExample, FuzzGroup, FuzzOptions, FuzzReport } from './types.js';

export type * from './types.js';
export { renderFuzz, emittedCases } from './render.js';

/** Per-function seeds derived from the run's seed and the name, so `--fn` does not change the inputs. */
function seedFor(seed: number, name: string): number {
  let h = seed | 0;
  for (const ch of name) h = (Math.imul(h, 31) + ch.codePointAt(0)!) | 0;
  return h;
}

function callTargets(spec: Spec, options: FuzzOptions): Target[] {
  const whole = specDictionary(spec);
  const proseKinds = proseErrorKinds(spec);
  const wanted = options.functions;
  for (const name of wanted ?? []) {
    if (!spec.functions.some((f) => f.name === name))
      throw new UserError(
        `--fn ${name}: the spec declares no such function (it has: ${spec.functions.map((f) => f.name).join(', ') || 'none'})`,
      );
  }
  return spec.functions
    .filter((f) => !wanted || wanted.includes(f.name))
    .map((fn) => {
      const cases =
        options.useCases === false
          ? []
          : spec.cases.filter(
              (c): c is CallCase => c.kind === 'call' && c.fn === fn.name && c.args.length <= fn.params.length,
            );
      const dict = functionDictionary(spec, fn, whole);
      return {
        name: fn.name,
        ...functionInputs(fn, dict, whole, cases),
        rules: rulesFor(spec, fn, proseKinds),
        ask: (s: Session, args: unknown[]) => s.call(fn.name, args),
      };
    });
}

function labels(impls: string[]): string[] {
  return impls.map((dir, i) => `${String.fromCharCode(65 + (i % 26))} (${dir})`);
}

function majorityOf(x: Shrunk, n: number): { answer: FuzzExample['answers'][number]; impls: number[] } | undefined {
  if (n < 3) return undefined;
  const top = [...x.classes].sort((a, b) => b.length - a.length)[0];
  if (!top || top.length * 2 <= n) return undefined;
  const answer = x.answers[top[0]!]!;
  if ('crash' in answer || 'timeout' in answer) return undefined;
  return { answer, impls: top };
}

/**
 * Replays given inputs (a report's shrunk examples, say) through the same drivers and judge:
 * for each, whether the implementations still disagree. Inputs of a function the spec does not
 * fuzz count as agreeing.
 */
export async function replayFuzz(
  spec: Spec,
  options: Pick<FuzzOptions, 'impls' | 'timeoutMs' | 'sandbox'>,
  inputs: Array<{ fn: string; args: unknown[] }>,
): Promise<boolean[]> {
  const targets = isProgramSpec(spec) ? [programTarget(spec, false)] : callTargets(spec, { impls: options.impls });
  const sessions = openSessions(spec, options);
  try {
    return await Promise.all(
      inputs.map(async ({ fn, args }) => {
        const target = targets.find((t) => t.name === fn);
        return target ? (await replay(target, sessions, [args]))[0]! : false;
      }),
    );
  } finally {
    await Promise.all(sessions.map((s) => s.close()));
  }
}

function isProgramSpec(spec: Spec): boolean {
  return (
    spec.functions.length === 0 && (spec.meta.command !== undefined || spec.cases.some((c) => c.kind === 'command'))
  );
}

function openSessions(spec: Spec, options: Pick<FuzzOptions, 'impls' | 'timeoutMs' | 'sandbox'>): Session[] {
  return options.impls.map((dir) =>
    openImplementation(spec, dir, {
      timeoutMs: options.timeoutMs ?? 2000,
      ...(options.sandbox ? { sandbox: true } : {}),
    }),
  );
}

export async function runFuzz(spec: Spec, options: FuzzOptions): Promise<FuzzReport> {
  if (options.impls.length === 0) throw new UserError('ghost fuzz needs at least one --impl DIR');
  const t0 = performance.now();
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const timeLimitMs = options.timeLimitMs ?? 60_000;
  const perGroup = options.examplesPerGroup ?? 4;
  const log = options.log ?? (() => {});
  const isProgram = isProgramSpec(spec);
  // a function answers hundreds of thousands of inputs a minute; a program starts a process per input
  const runs = options.runs ?? (isProgram ? 250 : 4000);
  if (isProgram && options.functions) throw new UserError('--fn: this spec is CLI-shaped (no functions to choose)');
  const targets = isProgram ? [programTarget(spec, options.useCases !== false)] : callTargets(spec, options);
  if (targets.length === 0)
    throw new UserError(`${spec.file}: the spec declares no functions and no command cases: nothing to fuzz`);

  const sessions = openSessions(spec, options);
  const names = labels(options.impls);
  const report: FuzzReport = {
    fuzzVersion: 1,
    spec: { name: spec.meta.name, file: spec.file },
    mode: sessions.length === 1 ? 'single' : 'differential',
    seed,
    usedCases: options.useCases !== false,
    impls: sessions.map((s) => ({ dir: s.impl.dir, language: s.impl.language })),
    functions: [],
    inputs: 0,
    durationMs: 0,
    inputsPerMinute: 0,
    timedOut: false,
    groups: [],
  };
  try {
    const exported = isProgram
      ? []
      : await Promise.all(
          sessions.map((s) =>
            s.functions().catch((e: Error) => {
              throw new UserError(`${s.impl.dir}: ${e.message}`);
            }),
          ),
        );
    const deadline = t0 + timeLimitMs;
    let searchMs = 0;
    for (const target of targets) {
      const missing = isProgram ? -1 : exported.findIndex((fns) => !fns.includes(target.name));
      if (missing >= 0) {
        report.functions.push({
          name: target.name,
          inputs: 0,
          findings: 0,
          skipped: `not exported by ${names[missing]}`,
        });
        continue;
      }
      const fnSeed = seedFor(seed, target.name);
      const found = await search(target, sessions, runs, fnSeed, deadline);
      searchMs += found.searchMs;
      report.inputs += found.inputs;
      if (found.inputs < runs) report.timedOut = true;
      log(
        `${target.name}: ${found.inputs} inputs, ${found.findings.length} ${sessions.length > 1 ? 'disagreements' : 'findings'}`,
      );
      report.functions.push({ name: target.name, inputs: found.inputs, findings: found.findings.length });
      if (found.findings.length === 0) continue;

      // more tries than examples kept: some shrink into an example of a shape already reported
      const picked = pickForShrinking(found.findings, (f) => found.phases[f.phase]!.samples[f.index]!, perGroup * 3);
      const shrinkMs = Math.min(10_000, Math.max(1000, timeLimitMs / 10));
      const groups = new Map<string, FuzzGroup>();
      const where = governing(spec, target.name);
      for (const f of found.findings) {
        const g = groups.get(f.pattern) ?? { fn: target.name, pattern: f.pattern, inputs: 0, ...where, examples: [] };
        g.inputs++;
        groups.set(f.pattern, g);
      }
      const seenArgs = new Set<string>();
      for (const f of picked) {
        if ((groups.get(f.pattern)?.examples.length ?? 0) >= perGroup) continue;
        const x = await shrink(target, sessions, f, found.phases[f.phase]!, shrinkMs);
        if (!x) continue;
        const keys = sameAmbiguityKeys(x);
        if (keys.some((k) => seenArgs.has(k))) continue;
        for (const k of keys) seenArgs.add(k);
        const g = groups.get(x.pattern) ?? { fn: target.name, pattern: x.pattern, inputs: 0, ...where, examples: [] };
        groups.set(x.pattern, g);
        const majority = majorityOf(x, sessions.length);
        const id = `fuzz-${target.name.replace(/[^A-Za-z0-9._:-]+/g, '-')}-${report.groups.reduce((n, gr) => n + gr.examples.length, 0) + g.examples.length + 1}`;
        g.examples.push({
          args: x.args,
          answers: x.answers,
          ...(x.why ? { why: x.why } : {}),
          shrinks: x.shrinks,
          ...(x.swept ? { swept: true } : {}),
          ...(majority ? { majority } : {}),
          caseYaml: caseYaml({
            id,
            ...(isProgram ? {} : { fn: target.name }),
            args: x.args,
            answers: x.answers.map((answer, i) => ({ label: names[i]!, answer })),
            ...(majority
              ? { majority: { answer: majority.answer, labels: majority.impls.map((i) => names[i]!.split(' ')[0]!) } }
              : {}),
            requirements: where.requirements,
          }),
        });
      }
      report.groups.push(...[...groups.values()].filter((g) => g.examples.length > 0 || g.inputs > 0));
    }
    report.inputsPerMinute = searchMs > 0 ? Math.round((report.inputs / searchMs) * 60_000) : 0;
  } finally {
    await Promise.all(sessions.map((s) => s.close()));
  }
  report.durationMs = Math.round(performance.now() - t0);
  return report;
}
