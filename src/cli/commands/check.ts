// `ghost check SPEC...`: parse and validate specs, print findings and a summary.
// The Markdown front end is imported inside the action so `ghost --help` stays fast.
import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { setExitCode } from '../exit.js';

interface CheckFlags {
  tests: string[];
  format: 'text' | 'json';
  strict?: boolean;
}

const EXAMPLES = `
Examples:
  ghost check specs/slugify.md                  findings, then a summary
  ghost check SPEC.md --tests tests.yaml        import a case file (else tests.yaml beside a
                                                spec without front matter is used)
  ghost check a.md b.md --format json           {"files":[{file, diagnostics, summary}]}
  ghost check spec.md --strict                  also lint: functions no case makes fail,
                                                prose examples that contradict a case

Each finding is one line, file:line:col: severity message [rule], pointing inside the
fenced block at fault. Errors make the exit code 1; warnings alone leave it 0 (with
--strict, warnings make it 1 too).
The format is described in docs/spec-format.md.`;

function collect(value: string, previous: string[]): string[] {
  if (value.trim() === '') throw new InvalidArgumentError('expected a file path');
  return [...previous, value];
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('validate specs: front matter, interface, conformance cases, requirements')
    .argument('<spec...>', 'spec files (Markdown)')
    .option('--tests <file>', 'import a case file (tests.yaml or native layout); repeatable', collect, [])
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--strict', 'also lint for ambiguity (no-error-case, example-contradicts-case); warnings fail')
    .addHelpText('after', EXAMPLES)
    .action(async (specs: string[], flags: CheckFlags) => {
      const { loadSpec, formatDiagnostic, summarize, renderCheckText } = await import('../../spec/index.js');
      const results = [];
      for (const file of specs) {
        const options = { ...(flags.tests.length > 0 ? { tests: flags.tests } : {}), strict: flags.strict === true };
        const { spec, diagnostics } = await loadSpec(file, options);
        results.push({ file, diagnostics, summary: summarize(spec) });
      }
      const failing = flags.strict
        ? (d: { severity: string }) => d.severity !== 'info'
        : (d: { severity: string }) => d.severity === 'error';
      if (results.some((r) => r.diagnostics.some(failing))) setExitCode(1);
      if (flags.format === 'json') {
        process.stdout.write(`${JSON.stringify({ files: results }, null, 2)}\n`);
        return;
      }
      process.stdout.write(renderCheckText(results, formatDiagnostic, Boolean(process.stdout.isTTY)));
    });
}
