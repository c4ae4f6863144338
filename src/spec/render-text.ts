// Text rendering for `ghost check`: one line per finding, then a summary per file. Kept in
// the front end so the CLI command stays a thin shell. Colour only when stdout is a TTY.
import pc from 'picocolors';
import type { SpecSummary } from './summary.js';
import type { Diagnostic, RequirementLevel } from './types.js';

const LEVEL_ORDER: RequirementLevel[] = [
  'MUST',
  'MUST NOT',
  'REQUIRED',
  'SHALL',
  'SHALL NOT',
  'SHOULD',
  'SHOULD NOT',
  'RECOMMENDED',
  'NOT RECOMMENDED',
  'MAY',
  'OPTIONAL',
];

interface FileResult {
  file: string;
  diagnostics: Diagnostic[];
  summary: SpecSummary;
}

export function renderCheckText(results: FileResult[], format: (d: Diagnostic) => string, color: boolean): string {
  const c = pc.createColors(color);
  const out: string[] = [];
  for (const { file, diagnostics, summary } of results) {
    for (const d of diagnostics) {
      const line = format(d);
      out.push(
        d.severity === 'error'
          ? line.replace(' error ', ` ${c.red('error')} `)
          : d.severity === 'warning'
            ? line.replace(' warning ', ` ${c.yellow('warning')} `)
            : line,
      );
    }
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
    const levels = LEVEL_ORDER.flatMap((level) => {
      const n = summary.requirements.byLevel[level];
      return n ? [`${n} ${level}`] : [];
    });
    const title = `${summary.name}${summary.version ? ` ${summary.version}` : ''}`;
    out.push(
      `${c.bold(file)}: ${title}`,
      `  functions     ${summary.functions}`,
      `  cases         ${summary.cases.total} (${summary.cases.visible} visible, ${summary.cases.hidden} hidden)`,
      `  requirements  ${summary.requirements.total}${levels.length > 0 ? ` (${levels.join(', ')})` : ''}, ${summary.requirements.untested} untested`,
      `  ${errors === 0 ? c.green('ok') : c.red(`${errors} error${errors === 1 ? '' : 's'}`)}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
    );
  }
  return `${out.join('\n')}\n`;
}
