// How `ghost verify` prints: pretty (one line per library), json, junit (a suite per library:
// the three checks, then one testcase per conformance case).
import { xmlEscape } from '../conformance/index.js';
import type { LibraryVerdict, VerifyResult } from './verify.js';

export type VerifyReporter = 'pretty' | 'json' | 'junit';

export function renderPretty(r: VerifyResult, color: (ok: boolean, s: string) => string = (_ok, s) => s): string {
  const lines = r.libraries.map(
    (l) =>
      `${color(l.ok, l.ok ? '✓' : '✗')} ${l.name} ${l.version}: ${l.ok ? l.reason.replace(/^ok: /, '') : l.reason}`,
  );
  const bad = r.libraries.filter((l) => !l.ok).length;
  lines.push(
    r.libraries.length === 0
      ? 'no libraries in the lock'
      : bad
        ? color(false, `${bad} of ${r.libraries.length} libraries failed verification`)
        : color(true, `${r.libraries.length} ${r.libraries.length === 1 ? 'library' : 'libraries'} verified`),
  );
  return `${lines.join('\n')}\n`;
}

export function renderJson(r: VerifyResult): string {
  const libraries = r.libraries.map(({ conformance, ...l }) => ({
    ...l,
    ...(conformance
      ? {
          conformance: {
            total: conformance.total,
            passed: conformance.passed,
            failed: conformance.failed,
            errored: conformance.errored,
          },
        }
      : {}),
  }));
  return `${JSON.stringify({ ok: r.ok, lockFile: r.lockFile, libraries }, null, 2)}\n`;
}

function suite(l: LibraryVerdict): string {
  const cases: string[] = l.checks.map((c) =>
    c.ok
      ? `    <testcase classname="${xmlEscape(l.name)}" name="${c.name}"/>`
      : `    <testcase classname="${xmlEscape(l.name)}" name="${c.name}">\n      <failure message="${xmlEscape(c.detail.slice(0, 500))}" type="failure">${xmlEscape(c.detail)}</failure>\n    </testcase>`,
  );
  for (const r of l.conformance?.results ?? []) {
    const name = `${xmlEscape(l.name)}.conformance`;
    const bad = r.status === 'failed' || r.status === 'errored';
    cases.push(
      bad
        ? `    <testcase classname="${name}" name="${xmlEscape(r.id)}">\n      <failure message="${xmlEscape((r.message ?? r.status).split('\n')[0]!.slice(0, 500))}" type="${r.status}"/>\n    </testcase>`
        : r.status === 'skipped'
          ? `    <testcase classname="${name}" name="${xmlEscape(r.id)}"><skipped/></testcase>`
          : `    <testcase classname="${name}" name="${xmlEscape(r.id)}"/>`,
    );
  }
  const failures =
    l.checks.filter((c) => !c.ok).length + (l.conformance ? l.conformance.failed + l.conformance.errored : 0);
  return `  <testsuite name="ghost verify: ${xmlEscape(l.name)} ${xmlEscape(l.version)}" tests="${cases.length}" failures="${failures}" errors="0">\n${cases.join('\n')}\n  </testsuite>`;
}

export function renderJunit(r: VerifyResult): string {
  const tests = r.libraries.reduce((n, l) => n + l.checks.length + (l.conformance?.results.length ?? 0), 0);
  const failures = r.libraries.reduce(
    (n, l) =>
      n + l.checks.filter((c) => !c.ok).length + (l.conformance ? l.conformance.failed + l.conformance.errored : 0),
    0,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="ghost verify" tests="${tests}" failures="${failures}">\n${r.libraries.map(suite).join('\n')}\n</testsuites>\n`;
}

export function renderVerify(
  r: VerifyResult,
  reporter: VerifyReporter,
  color?: (ok: boolean, s: string) => string,
): string {
  if (reporter === 'json') return renderJson(r);
  if (reporter === 'junit') return renderJunit(r);
  return renderPretty(r, color);
}
