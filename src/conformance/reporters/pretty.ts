// Human output: each failure with a compact expected/actual diff, a per-function summary, the
// slowest cases, and a closing line that is exactly `N passed, N failed` (errored/skipped go
// on the line before it, so CI log readers can parse the last line).
import pc from 'picocolors';
import { colorEnabled } from '../../util/color.js';
import type { CaseResult, ConformanceReport } from '../types.js';
import type { RenderOptions, Reporter } from './types.js';
import { compactDiff, lineDiff } from './diff.js';
import { oneLineJson, prettyJson } from './json-values.js';
import { NOT_LOADED, shown, shownResults } from './shown.js';

type Colors = ReturnType<typeof pc.createColors>;

const MAX_DIFF_LINES = 40;

const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(n < 10 ? 2 : 0)} ms`);

function indent(text: string, pad: string): string {
  return text
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}

export function renderDiff(expected: unknown, actual: unknown, c: Colors): string {
  const e = prettyJson(expected);
  const a = prettyJson(actual);
  if (!e.includes('\n') && !a.includes('\n')) {
    return `${c.red(`- expected ${oneLineJson(expected)}`)}\n${c.green(`+ actual   ${oneLineJson(actual)}`)}`;
  }
  const all = compactDiff(lineDiff(e, a));
  const shown = all.slice(0, MAX_DIFF_LINES);
  const lines = shown.map((l) => {
    if (l === 'gap') return c.dim('  …');
    if (l.op === '-') return c.red(`- ${l.text}`);
    if (l.op === '+') return c.green(`+ ${l.text}`);
    return c.dim(`  ${l.text}`);
  });
  if (all.length > shown.length) lines.push(c.dim(`  … ${all.length - shown.length} more diff lines`));
  return [`${c.red('- expected')} ${c.green('+ actual')}`, ...lines].join('\n');
}

function failure(result: CaseResult, c: Colors): string {
  const r = shown(result);
  const tag = r.status === 'errored' ? c.yellow('ERROR') : c.red('FAIL ');
  const where = r.fn ? c.dim(` (${r.fn})`) : r.kind === 'command' ? c.dim(' (command)') : '';
  const out = [`${tag} ${c.bold(r.id)}${where}${r.hidden ? c.dim(' [hidden]') : ''}`];
  if (r.call || r.source)
    out.push(
      `      ${[r.call ? c.cyan(r.call) : '', r.source ? c.dim(`at ${r.source}`) : ''].filter(Boolean).join('  ')}`,
    );
  if (r.message) out.push(indent(r.message, '      '));
  if (r.status === 'failed' && r.expected !== undefined && r.actual !== undefined)
    out.push(indent(renderDiff(r.expected, r.actual, c), '      '));
  if (r.output) {
    const shown = r.output.length > 2000 ? `${r.output.slice(0, 2000)}…` : r.output;
    out.push(indent(`${c.dim('output:')}\n${c.dim(shown.trimEnd())}`, '      '));
  }
  return out.join('\n');
}

/** One block for a load failure, however many cases it stopped. */
function loadFailure(load: NonNullable<ConformanceReport['loadError']>, results: CaseResult[], c: Colors): string {
  const n = results.filter((r) => r.message === NOT_LOADED).length;
  const out = [
    `${c.yellow('ERROR')} ${c.bold('the implementation failed to load')}${c.dim(` (${n} case${n === 1 ? '' : 's'} not run)`)}`,
  ];
  out.push(indent(load.message.replace(/^implementation failed to load: /, ''), '      '));
  if (load.output) out.push(indent(`${c.dim('output:')}\n${c.dim(load.output.trimEnd().slice(-2000))}`, '      '));
  return out.join('\n');
}

function perFunction(report: ConformanceReport, c: Colors): string[] {
  const groups = new Map<string, CaseResult[]>();
  for (const r of report.results) {
    const key = r.fn ?? (r.kind === 'command' ? '(command)' : '?');
    const list = groups.get(key);
    if (list)
      list.push(r); // not a copy per case: that made the report quadratic
    else groups.set(key, [r]);
  }
  if (groups.size === 0) return [];
  const width = Math.max(...[...groups.keys()].map((k) => k.length));
  const lines = [c.bold('By function:')];
  for (const [name, rs] of groups) {
    const passed = rs.filter((r) => r.status === 'passed').length;
    const mark = passed === rs.length ? c.green('✓') : c.red('✗');
    lines.push(`  ${mark} ${name.padEnd(width)}  ${passed}/${rs.length} passed`);
  }
  return lines;
}

function slowest(report: ConformanceReport, c: Colors): string[] {
  const ran = report.results.filter((r) => r.status !== 'skipped');
  if (ran.length < 2) return [];
  const top = [...ran].sort((a, b) => b.durationMs - a.durationMs).slice(0, 5);
  return [c.bold('Slowest:'), ...top.map((r) => `  ${ms(r.durationMs).padStart(9)}  ${r.id}`)];
}

export const pretty: Reporter = {
  name: 'pretty',
  render(report, options: RenderOptions = {}) {
    const c = pc.createColors(options.color ?? colorEnabled(process.stdout));
    const out: string[] = [];
    const results = shownResults(report);
    if (report.loadError) out.push(loadFailure(report.loadError, results, c), '');
    const bad = results.filter((r) => (r.status === 'failed' || r.status === 'errored') && r.message !== NOT_LOADED);
    for (const r of bad) out.push(failure(r, c), '');
    out.push(...perFunction(report, c));
    const slow = slowest(report, c);
    if (slow.length) out.push('', ...slow);
    out.push('');
    out.push(
      c.dim(
        `${report.spec.name}${report.spec.version ? ` ${report.spec.version}` : ''} · ${report.implementation.language} · ${report.total} cases in ${ms(report.durationMs)}`,
      ),
    );
    out.push(`${report.errored} errored, ${report.skipped} skipped`);
    // the closing line: exactly `N passed, N failed` (no colour codes)
    out.push(`${report.passed} passed, ${report.failed} failed`);
    return `${out.join('\n')}\n`;
  },
};
