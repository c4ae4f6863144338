// JUnit XML: one <testsuite> per function (command cases under "command"), one <testcase>
// per case, <failure>/<error>/<skipped> children; everything escaped.
import type { CaseResult } from '../types.js';
import type { Reporter } from './types.js';
import { prettyJson } from './json-values.js';
import { NOT_LOADED, shown, shownResults } from './shown.js';

// XML 1.0 forbids most control characters even when escaped.
// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlEscape(s: string): string {
  return s
    .replace(INVALID, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const secs = (ms: number) => (ms / 1000).toFixed(3);

function details(r: CaseResult): string {
  const parts = [r.message ?? r.status];
  if (r.call) parts.push(`call: ${r.call}`);
  if (r.source) parts.push(`at: ${r.source}`);
  if (r.expected !== undefined) parts.push(`expected:\n${prettyJson(r.expected)}`);
  if (r.actual !== undefined) parts.push(`actual:\n${prettyJson(r.actual)}`);
  return parts.join('\n');
}

/** `file="…" line="…"` (read by most CI test viewers) from a `file:line` source. */
function fileLine(source: string | undefined): string {
  const m = source ? /^(.*):(\d+)$/.exec(source) : null;
  return m ? ` file="${xmlEscape(m[1]!)}" line="${m[2]!}"` : '';
}

function testcase(result: CaseResult, classname: string): string {
  const r = shown(result);
  const open = `    <testcase classname="${xmlEscape(classname)}" name="${xmlEscape(r.id)}"${fileLine(r.source)} time="${secs(r.durationMs)}"`;
  const body: string[] = [];
  const msg = xmlEscape((r.message ?? r.status).split('\n')[0]!.slice(0, 500));
  if (r.status === 'failed')
    body.push(`      <failure message="${msg}" type="failure">${xmlEscape(details(r))}</failure>`);
  if (r.status === 'errored') body.push(`      <error message="${msg}" type="error">${xmlEscape(details(r))}</error>`);
  if (r.status === 'skipped') body.push(`      <skipped message="${msg}"/>`);
  if (r.output) body.push(`      <system-out>${xmlEscape(r.output)}</system-out>`);
  return body.length === 0 ? `${open}/>` : `${open}>\n${body.join('\n')}\n    </testcase>`;
}

export const junit: Reporter = {
  name: 'junit',
  render(report) {
    const groups = new Map<string, CaseResult[]>();
    for (const r of shownResults(report)) {
      const key = r.kind === 'command' ? 'command' : (r.fn ?? 'unknown');
      const list = groups.get(key) ?? [];
      list.push(r);
      groups.set(key, list);
    }
    const suites: string[] = [];
    // A load failure's details once, in the first suite it stopped (each case only points to it).
    let loadDetails = report.loadError
      ? [report.loadError.message, report.loadError.output ?? ''].join('\n').trimEnd()
      : undefined;
    for (const [name, rs] of groups) {
      const systemErr =
        loadDetails && rs.some((r) => r.message === NOT_LOADED)
          ? `\n    <system-err>${xmlEscape(loadDetails)}</system-err>`
          : '';
      if (systemErr) loadDetails = undefined;
      const n = (s: CaseResult['status']) => rs.filter((r) => r.status === s).length;
      const time = rs.reduce((t, r) => t + r.durationMs, 0);
      const classname = `${report.spec.name}.${name}`;
      suites.push(
        `  <testsuite name="${xmlEscape(name)}" tests="${rs.length}" failures="${n('failed')}" errors="${n('errored')}" skipped="${n('skipped')}" time="${secs(time)}" timestamp="${xmlEscape(report.startedAt.replace(/Z$/, ''))}">\n` +
          rs.map((r) => testcase(r, classname)).join('\n') +
          systemErr +
          '\n  </testsuite>',
      );
    }
    return (
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<testsuites name="${xmlEscape(report.spec.name)}" tests="${report.total}" failures="${report.failed}" errors="${report.errored}" skipped="${report.skipped}" time="${secs(report.durationMs)}">\n` +
      suites.join('\n') +
      (suites.length ? '\n' : '') +
      '</testsuites>\n'
    );
  },
};
