// `ghost merge-reports A.json B.json …`: the shards of a CI matrix (ghost test --shard i/n
// --reporter json -o FILE on each machine) joined into one ConformanceReport.
import { Option, type Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { setExitCode } from '../exit.js';

interface MergeFlags {
  reporter: 'pretty' | 'json' | 'junit';
  output?: string;
  color?: boolean;
}

const EXAMPLES = `
Examples:
  ghost test specs/semver.md --impl out/rust --shard 1/3 --reporter json -o shard-1.json   (each machine)
  ghost merge-reports shard-*.json                          one summary of every case
  ghost merge-reports shard-*.json --reporter junit -o conformance.xml

Inputs must be ghost conformance reports (schemas/report.schema.json) of one spec version
against one target. Shard reports must be the complete set 1..N of one --shard N; they are
put back in the spec's order. Exit 0 when every case passed, 1 otherwise, 2 on bad inputs.`;

export function registerMergeReports(program: Command): void {
  program
    .command('merge-reports')
    .description('merge conformance reports (JSON) from shards or machines into one')
    .argument('<reports...>', 'report files written by ghost test --reporter json')
    .addOption(new Option('--reporter <name>', 'output format').choices(['pretty', 'json', 'junit']).default('pretty'))
    .option('-o, --output <file>', 'write the merged report to FILE instead of stdout')
    .option('--no-color', 'no colour in pretty output')
    .addHelpText('after', EXAMPLES)
    .action(async (files: string[], flags: MergeFlags) => {
      const { mergeReports, readReportFile, reporters } = await import('../../conformance/index.js');
      const inputs = [];
      for (const f of files) inputs.push(await readReportFile(f));
      const report = mergeReports(inputs);
      const text = reporters[flags.reporter].render(
        report,
        flags.output || flags.color === false ? { color: false } : {},
      );
      if (flags.output) {
        writeFileSync(flags.output, text);
        process.stdout.write(
          `${report.passed}/${report.total} passed (${inputs.length} reports); merged report written to ${flags.output}\n`,
        );
      } else {
        process.stdout.write(text);
      }
      setExitCode(report.total > 0 && report.passed === report.total ? 0 : 1);
    });
}
