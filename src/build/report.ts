// The build's outcome, for machines (.ghost/report.json, schema-validated), for people
// (REPORT.md at the repo root, and the self-contained .ghost/report.html), plus the per-case
// gate results the HTML page shows (.ghost/gate/, never committed).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CaseOutcome } from './case-outcomes.js';
import { commitDiffStats } from './commit-diff.js';
import type { BuildRepo } from './repo.js';
import { REPORT_JSON, REPORT_MD, writeGateOutcomes } from './report-files.js';
import { writeHtmlReport } from './report-html/index.js';
import type { BuildReport, BuildState } from './types.js';
import { addUsage } from './usage.js';
import { renderReportMarkdown } from './report-markdown.js';
import { validateBuildReport } from './report-schema.js';

async function commitsBySubject(repo: BuildRepo): Promise<Map<string, string>> {
  const log = await repo.git(['log', '--format=%H%x09%s']);
  const map = new Map<string, string>();
  for (const line of log.split('\n').reverse()) {
    const [hash, subject] = line.split('\t');
    if (hash && subject) map.set(subject, hash);
  }
  return map;
}

export async function finalizeReport(
  repo: BuildRepo,
  state: BuildState,
  outDir: string,
  gates: ReadonlyMap<number, readonly CaseOutcome[]> = new Map(),
): Promise<BuildReport> {
  const commits = await commitsBySubject(repo);
  for (const t of state.tasks) t.commit = commits.get(`task ${t.id}: ${t.title}`) ?? t.commit;
  for (const r of state.rounds) if (r.fix) r.fix.commit = commits.get(`round ${r.round}: fix`) ?? r.fix.commit;
  const fixes = state.rounds.flatMap((r) => (r.fix ? [r.fix] : []));
  const stats = await commitDiffStats(
    repo,
    [...state.tasks, ...fixes].map((x) => x.commit),
  );
  for (const x of [...state.tasks, ...fixes]) {
    const stat = stats.get(x.commit);
    if (stat) x.diffstat = stat;
  }
  const report: BuildReport = {
    ...state,
    reportVersion: 1,
    finishedAt: new Date().toISOString(),
    outDir: path.resolve(outDir),
    usageTotal: addUsage(state.usage.implementer, state.usage.reviewer),
  };
  validateBuildReport(report);
  await writeFile(path.join(repo.dir, REPORT_JSON), `${JSON.stringify(report, null, 2)}\n`);
  // After the last agent session, so hidden case ids never sit where an agent could read them.
  await writeGateOutcomes(repo.dir, gates);
  const lastRound = state.rounds.at(-1)?.round;
  await writeFile(
    path.join(repo.dir, REPORT_MD),
    renderReportMarkdown(report, lastRound === undefined ? undefined : gates.get(lastRound)),
  );
  await writeHtmlReport(repo.dir);
  return report;
}
