// The build's outcome, for machines (.ghost/report.json, schema-validated) and for people
// (REPORT.md at the repo root).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildRepo } from './repo.js';
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

export async function finalizeReport(repo: BuildRepo, state: BuildState, outDir: string): Promise<BuildReport> {
  const commits = await commitsBySubject(repo);
  for (const t of state.tasks) t.commit = commits.get(`task ${t.id}: ${t.title}`) ?? t.commit;
  for (const r of state.rounds) if (r.fix) r.fix.commit = commits.get(`round ${r.round}: fix`) ?? r.fix.commit;
  const report: BuildReport = {
    ...state,
    reportVersion: 1,
    finishedAt: new Date().toISOString(),
    outDir: path.resolve(outDir),
    usageTotal: addUsage(state.usage.implementer, state.usage.reviewer),
  };
  validateBuildReport(report);
  await writeFile(path.join(repo.dir, '.ghost', 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(path.join(repo.dir, 'REPORT.md'), renderReportMarkdown(report));
  return report;
}
