// `ghost diff OLD NEW`: what changed between two versions of a spec, down to plan tasks.
import type { Command } from 'commander';

interface DiffFlags {
  json?: boolean;
  lang?: string;
}

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description('compare two versions of a spec: sections, functions, requirements, cases, plan tasks')
    .argument('<old>', 'the old spec')
    .argument('<new>', 'the new spec')
    .option('--lang <language>', 'plan for this language (task hashes depend on it)')
    .option('--json', 'print the diff as JSON')
    .addHelpText(
      'after',
      '\nExample:\n  ghost diff old/roman.md specs/roman.md\n\n+ added, - removed, ~ changed. Tasks are keyed without their number, so renumbering is no change.',
    )
    .action(async (oldPath: string, newPath: string, flags: DiffFlags) => {
      const [{ diffSpecs, renderDiffText }, { loadSpec }] = await Promise.all([
        import('../../registry/index.js'),
        import('../../spec/index.js'),
      ]);
      const [a, b] = await Promise.all([loadSpec(oldPath), loadSpec(newPath)]);
      const d = diffSpecs(a.spec, b.spec, flags.lang ? { language: flags.lang } : {});
      process.stdout.write(flags.json ? `${JSON.stringify(d, null, 2)}\n` : renderDiffText(d));
    });
}
