// `ghost fuzz SPEC --impl A --impl B`: differential testing across implementations (src/fuzz).
// Exit 1 when implementations disagree (or the one implementation fails a self-check), 0 when
// nothing was found, 2 on usage errors.
import { Option, InvalidArgumentError, type Command } from 'commander';
import { existsSync, writeFileSync } from 'node:fs';
import { setExitCode } from '../exit.js';
import { positiveInt } from '../options.js';
import { UserError } from '../../util/errors.js';

interface FuzzCliOptions {
  impl: string[];
  runs?: number;
  seed?: number;
  fn?: string[];
  timeLimit?: number;
  timeout?: number;
  format: 'pretty' | 'json';
  emitCases?: string;
  sandbox?: boolean;
  cases: boolean;
}

/** `60s`, `2m`, `1500ms`, or a plain number of seconds. */
export function parseTimeLimit(value: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(value.trim());
  if (!m || Number(m[1]) <= 0)
    throw new InvalidArgumentError('--time-limit must be a duration such as 60s, 2m or 1500ms');
  const n = Number(m[1]);
  return Math.round(m[2] === 'ms' ? n : m[2] === 'm' ? n * 60_000 : n * 1000);
}

function seedValue(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 31 - 1)
    throw new InvalidArgumentError('--seed must be an integer from 0 to 2147483647');
  return n;
}

export function registerFuzz(program: Command): void {
  program
    .command('fuzz')
    .description(
      'differential testing: the same generated inputs to several implementations; report where they disagree',
    )
    .argument('<spec>', 'the spec (Markdown)')
    .option(
      '--impl <dir>',
      'an implementation directory (repeat for each; one alone: self-checks only)',
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option(
      '--runs <n>',
      'inputs per function, a fixed sweep first (default 4000; 250 for a CLI program)',
      positiveInt('--runs'),
    )
    .option('--seed <s>', 'seed for the generated inputs (default: random, printed)', seedValue)
    .option('--fn <name...>', 'only these functions')
    .option('--time-limit <duration>', 'stop generating inputs after this long (default 60s)', parseTimeLimit)
    .option('--timeout <ms>', 'per-call time limit in ms (default 2000)', positiveInt('--timeout'))
    .addOption(new Option('--format <format>', 'output format').choices(['pretty', 'json']).default('pretty'))
    .option('--emit-cases <file>', 'write one conformance case per disagreement to FILE (YAML)')
    .option('--sandbox', 'run implementations under bubblewrap (no network, read-only outside the implementation)')
    .option('--no-cases', "build inputs from the prose and interface only, not from the spec's cases")
    .addHelpText(
      'after',
      `
Examples:
  ghost fuzz specs/duration.md --impl impls/python --impl impls/javascript
  ghost fuzz specs/duration.md --impl impls/python --fn parse_duration --runs 5000 --seed 7
  ghost fuzz spec.md --impl a --impl b --emit-cases fuzz-cases.yaml --format json`,
    )
    .action(async (specFile: string, opts: FuzzCliOptions) => {
      if (!existsSync(specFile)) throw new UserError(`spec not found: ${specFile}`);
      if (opts.impl.length === 0)
        throw new UserError('ghost fuzz needs at least one --impl DIR (two or more to compare)');
      for (const dir of opts.impl) if (!existsSync(dir)) throw new UserError(`--impl ${dir}: no such directory`);
      const [{ loadSpec, formatDiagnostic }, { runFuzz, renderFuzz, emittedCases }] = await Promise.all([
        import('../../spec/index.js'),
        import('../../fuzz/index.js'),
      ]);
      const { spec, diagnostics } = await loadSpec(specFile);
      const errors = diagnostics.filter((d) => d.severity === 'error');
      if (errors.length > 0) {
        for (const d of errors) process.stderr.write(`${formatDiagnostic(d)}\n`);
        throw new UserError(`${specFile} has ${errors.length} error(s); fix them before fuzzing (ghost check)`);
      }
      const report = await runFuzz(spec, {
        impls: opts.impl,
        ...(opts.runs ? { runs: opts.runs } : {}),
        ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
        ...(opts.fn ? { functions: opts.fn } : {}),
        ...(opts.timeLimit ? { timeLimitMs: opts.timeLimit } : {}),
        ...(opts.timeout ? { timeoutMs: opts.timeout } : {}),
        ...(opts.sandbox ? { sandbox: true } : {}),
        useCases: opts.cases,
        ...(process.stderr.isTTY && opts.format === 'pretty'
          ? { log: (l: string) => process.stderr.write(`  ${l}\n`) }
          : {}),
      });
      process.stdout.write(renderFuzz(report, opts.format));
      if (opts.emitCases) {
        writeFileSync(opts.emitCases, emittedCases(report));
        if (opts.format === 'pretty') process.stdout.write(`cases written to ${opts.emitCases}\n`);
      }
      setExitCode(report.groups.length > 0 ? 1 : 0);
    });
}
