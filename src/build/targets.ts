// Several targets of one spec at once (`ghost build spec.md --lang python,go,rust`): each
// target is an independent build in its own directory; at most `limit` run at a time (cores),
// and one target failing (a missing session file, a toolchain error) never stops the others.
import type { BuildReport } from './types.js';

export interface TargetOutcome {
  language: string;
  outDir: string;
  status: 'accepted' | 'rejected' | 'error';
  /** Conformance of the last round (absent when the build never reached the gate). */
  passed?: number;
  total?: number;
  durationMs: number;
  /** Why an `error` target could not build, or a rejected one's reasons. */
  reason?: string;
  report?: BuildReport;
}

/** Runs `build` for each language, at most `limit` at a time; results in `languages` order. */
export async function runTargets(
  languages: string[],
  limit: number,
  build: (language: string) => Promise<Omit<TargetOutcome, 'durationMs'>>,
  outDirOf: (language: string) => string,
): Promise<TargetOutcome[]> {
  const results: TargetOutcome[] = new Array(languages.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < languages.length) {
      const i = next++;
      const language = languages[i]!;
      const t0 = Date.now();
      try {
        results[i] = { ...(await build(language)), durationMs: Date.now() - t0 };
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e);
        results[i] = { language, outDir: outDirOf(language), status: 'error', reason, durationMs: Date.now() - t0 };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, languages.length)) }, () => worker()));
  return results;
}

/** The outcome of one finished build, for the summary. */
export function targetOutcome(
  language: string,
  outDir: string,
  report: BuildReport,
): Omit<TargetOutcome, 'durationMs'> {
  const last = report.rounds.at(-1)?.conformance;
  return {
    language,
    outDir,
    status: report.status === 'accepted' ? 'accepted' : 'rejected',
    ...(last ? { passed: last.passed, total: last.total } : {}),
    ...(report.reasons.length ? { reason: report.reasons.join('; ') } : {}),
    report,
  };
}

/** The summary table: target, verdict, cases passed, time; then each failure's reason. */
export function renderTargetSummary(
  outcomes: TargetOutcome[],
  paint: (status: TargetOutcome['status'], text: string) => string = (_s, t) => t,
): string {
  const verdict = (o: TargetOutcome) =>
    o.status === 'accepted' ? 'ACCEPTED' : o.status === 'rejected' ? 'REJECTED' : 'ERROR';
  const rows = outcomes.map((o) => [
    o.language,
    verdict(o),
    o.total === undefined ? '-' : `${o.passed}/${o.total}`,
    `${(o.durationMs / 1000).toFixed(1)} s`,
    o.outDir,
  ]);
  const head = ['target', 'verdict', 'cases', 'time', 'repo'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const fmt = (r: string[]) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ');
  const lines = [
    fmt(head),
    ...rows.map((r, i) => {
      const line = fmt(r);
      const v = r[1]!;
      return line.replace(v, paint(outcomes[i]!.status, v));
    }),
  ];
  for (const o of outcomes) if (o.status !== 'accepted' && o.reason) lines.push(`${o.language}: ${o.reason}`);
  const ok = outcomes.filter((o) => o.status === 'accepted').length;
  lines.push(`${ok}/${outcomes.length} targets accepted`);
  return `${lines.join('\n')}\n`;
}
