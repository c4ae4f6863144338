// `ghost plan SPEC`: the spec's task plan, as a readable list or as JSON (schemas/plan.schema.json).
// Heavy modules (the Markdown front end, the planner) load inside the action.
import type { Command } from 'commander';
import { setExitCode } from '../exit.js';

interface PlanFlags {
  lang?: string;
  json?: boolean;
  out?: string;
  tests?: string[];
}

const EXAMPLES = `
Examples:
  ghost plan specs/slugify.md                 readable task list and warnings
  ghost plan specs/slugify.md --lang python   scaffold for Python (ts, js, py, java, go, ruby)
  ghost plan specs/slugify.md --json          the plan as JSON
  ghost plan spec.md --tests tests.yaml --out plan.json

The plan is deterministic: the same spec gives a byte-identical plan. Hidden cases
appear in no task; the plan only counts them.`;

export function registerPlan(program: Command): void {
  program
    .command('plan')
    .description('turn a spec into an ordered task plan for implementers')
    .argument('<spec>', 'the spec (Markdown)')
    .option('--lang <language>', 'target language of the implementation')
    .option('--json', 'print the plan as JSON')
    .option('--out <file>', 'also write the JSON plan to FILE')
    // No default value: commander would print "(default: [])" in the help.
    .option('--tests <file>', 'import a case file (repeatable)', (v: string, acc: string[] = []) => [...acc, v])
    .addHelpText('after', EXAMPLES)
    .action(async (specPath: string, flags: PlanFlags) => {
      await runPlan(specPath, flags);
    });
}

async function runPlan(specPath: string, flags: PlanFlags): Promise<void> {
  const [{ writeFile }, { UserError }, spec, plan, languages] = await Promise.all([
    import('node:fs/promises'),
    import('../../util/errors.js'),
    import('../../spec/index.js'),
    import('../../plan/index.js'),
    import('../../languages/index.js'),
  ]);
  // The one place a --lang spelling is normalised: everything after sees the canonical id.
  const language = flags.lang ? languages.resolveLanguage(flags.lang, '--lang: ').id : undefined;
  // loadSpec turns an unreadable spec or --tests file into a UserError (exit 2).
  const result = await spec.loadSpec(specPath, flags.tests ? { tests: flags.tests } : {});
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !flags.json) {
    for (const d of result.diagnostics) process.stderr.write(spec.formatDiagnostic(d) + '\n');
  }
  if (errors.length > 0) {
    process.stderr.write(
      `ghost: ${specPath} has ${errors.length} error${errors.length === 1 ? '' : 's'}; no plan made\n`,
    );
    setExitCode(1);
    return;
  }
  const made = plan.makePlan(result.spec, language ? { language } : {});
  const json = flags.out || flags.json ? `${JSON.stringify(made, null, 2)}\n` : '';
  if (flags.out) {
    await writeFile(flags.out, json).catch((e: Error) => {
      throw new UserError(`cannot write ${flags.out}: ${e.message}`, 2);
    });
  }
  if (flags.json) process.stdout.write(json);
  else {
    const { colorEnabled } = await import('../../util/color.js');
    process.stdout.write(plan.formatPlan(made, colorEnabled(process.stdout)));
  }
}
