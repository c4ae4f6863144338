// TAP version 13: one test point per case; YAML diagnostics for failures.
import type { CaseResult } from '../types.js';
import type { Reporter } from './types.js';
import { oneLineJson } from './json-values.js';
import { shown, shownResults } from './shown.js';

const desc = (r: CaseResult) => `${r.id}`.replace(/#/g, '\\#').replace(/\n/g, ' ');

function yamlBlock(result: CaseResult): string {
  const r = shown(result);
  const lines = [
    '  ---',
    `  message: ${JSON.stringify(r.message ?? r.status)}`,
    `  severity: ${r.status === 'errored' ? 'error' : 'fail'}`,
  ];
  if (r.fn) lines.push(`  fn: ${JSON.stringify(r.fn)}`);
  if (r.hidden) lines.push('  hidden: true');
  if (r.call) lines.push(`  call: ${JSON.stringify(r.call)}`);
  if (r.source) lines.push(`  at: ${JSON.stringify(r.source)}`);
  if (r.expected !== undefined) lines.push(`  expected: ${oneLineJson(r.expected)}`);
  if (r.actual !== undefined) lines.push(`  actual: ${oneLineJson(r.actual)}`);
  if (r.output) lines.push(`  output: ${JSON.stringify(r.output)}`);
  lines.push(`  duration_ms: ${r.durationMs}`, '  ...');
  return lines.join('\n');
}

export const tap: Reporter = {
  name: 'tap',
  render(report) {
    const out = ['TAP version 13', `1..${report.results.length}`];
    if (report.loadError) {
      const message = report.loadError.message.replace(/^implementation failed to load: /, '');
      out.push(...`implementation failed to load: ${message}`.split('\n').map((l) => `# ${l}`));
    }
    shownResults(report).forEach((r, i) => {
      const n = i + 1;
      if (r.status === 'passed') out.push(`ok ${n} - ${desc(r)}`);
      else if (r.status === 'skipped') out.push(`ok ${n} - ${desc(r)} # SKIP ${r.message ?? ''}`.trimEnd());
      else out.push(`not ok ${n} - ${desc(r)}`, yamlBlock(r));
    });
    out.push(
      `# spec ${report.spec.name}, ${report.implementation.language} implementation`,
      `# pass ${report.passed}`,
      `# fail ${report.failed}`,
      `# errored ${report.errored}`,
      `# skip ${report.skipped}`,
    );
    return `${out.join('\n')}\n`;
  },
};
