// `ghost report [DIR]`: (re)writes a build's self-contained HTML report and prints its path.
import type { Command } from 'commander';

interface ReportFlags {
  open?: boolean;
}

const EXAMPLES = `
Examples:
  # the last build under .ghost/builds/ (or the build repo you are in)
  ghost report

  # a given build, opened in the browser
  ghost report .ghost/builds/slugify-python --open

The page (DIR/.ghost/report.html) is one file that loads nothing from the network: a timeline
of tasks and rounds, each task's summary, tool calls, tokens, cost and diff, conformance case
by case (hidden cases: status only) and review findings linked to the lines they are about.
Every build writes it too.`;

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write the HTML report of a build (default: the last one) and print its path')
    .argument('[dir]', 'the build repository (default: this directory if it is one, else the newest .ghost/builds/*)')
    .option('--open', 'open the report in a browser (xdg-open / open) if there is one')
    .addHelpText('after', EXAMPLES)
    .action(async (dir: string | undefined, flags: ReportFlags) => {
      const [{ findBuildDir, writeHtmlReport }, { UserError }] = await Promise.all([
        import('../../build/index.js'),
        import('../../util/errors.js'),
      ]);
      const buildDir = dir ?? (await findBuildDir(process.cwd()));
      if (!buildDir) {
        throw new UserError('no ghost build here or under .ghost/builds/; pass the build directory (ghost report DIR)');
      }
      const file = await writeHtmlReport(buildDir);
      process.stdout.write(`${file}\n`);
      if (flags.open) {
        const { openFile } = await import('../open.js');
        if (!openFile(file))
          process.stderr.write('ghost: no browser opener (xdg-open / open) found; open the file above yourself\n');
      }
    });
}
