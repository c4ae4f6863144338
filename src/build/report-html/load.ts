// Gathers a finished (or interrupted) build's records from its directory: report.json (or
// state.json for a build that never finished), per-case gate results, transcripts, and each
// commit's diff from git.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ghostGit } from '../git.js';
import type { TranscriptEntry } from '../agents/types.js';
import { readGateOutcomes, REPORT_JSON, STATE_JSON } from '../report-files.js';
import { commitPatches, rangePatch } from '../commit-diff.js';
import type { BuildRepo } from '../repo.js';
import type { BuildReport, BuildState } from '../types.js';
import { addUsage } from '../usage.js';
import { UserError } from '../../util/errors.js';
import type { ReportInput } from './model.js';
import { SESSIONS_DIR } from '../sessions.js';

async function readReport(dir: string): Promise<BuildReport> {
  const reportFile = path.join(dir, REPORT_JSON);
  if (existsSync(reportFile)) return JSON.parse(await readFile(reportFile, 'utf8')) as BuildReport;
  const stateFile = path.join(dir, STATE_JSON);
  if (!existsSync(stateFile)) throw new UserError(`${dir} holds no ghost build (no ${REPORT_JSON} or ${STATE_JSON})`);
  // An interrupted build: report what it has done so far.
  const state = JSON.parse(await readFile(stateFile, 'utf8')) as BuildState;
  return {
    ...state,
    reportVersion: 1,
    finishedAt: '',
    outDir: path.resolve(dir),
    usageTotal: addUsage(state.usage.implementer, state.usage.reviewer),
  };
}

async function readTranscript(dir: string, rel: string): Promise<TranscriptEntry[] | undefined> {
  // The path comes from a file in the repo: read only what the build itself writes.
  const normal = path.posix.normalize(rel);
  if (!normal.startsWith(`${SESSIONS_DIR}/`) || normal.includes('..')) return undefined;
  const text = await readFile(path.join(dir, normal), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const entries: TranscriptEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const e = JSON.parse(line) as { type?: string };
      if (e.type !== 'session') entries.push(e as TranscriptEntry);
    } catch {
      // a torn last line (killed mid-write): skip it
    }
  }
  return entries;
}

async function subjects(repo: Pick<BuildRepo, 'git'>): Promise<Array<{ hash: string; subject: string }>> {
  const log: string = await repo.git(['log', '--format=%H%x09%s']).catch(() => '');
  return log.split('\n').flatMap((l) => {
    const [hash, subject] = l.split('\t');
    return hash && subject !== undefined ? [{ hash, subject }] : [];
  });
}

async function loadDiffs(dir: string, report: BuildReport): Promise<ReportInput['diffs']> {
  const diffs: ReportInput['diffs'] = { tasks: new Map(), fixes: new Map(), reviewed: new Map() };
  if (!existsSync(path.join(dir, '.git'))) return diffs;
  const repo = { dir, git: ghostGit(dir) };
  const commits = [...report.tasks.map((t) => t.commit), ...report.rounds.map((r) => r.fix?.commit ?? '')];
  const [patches, log] = await Promise.all([
    commitPatches(repo, commits).catch(() => new Map<string, string>()),
    subjects(repo),
  ]);
  for (const t of report.tasks) {
    const p = patches.get(t.commit);
    if (p !== undefined) diffs.tasks.set(t.id, p);
  }
  for (const r of report.rounds) {
    const p = r.fix ? patches.get(r.fix.commit) : undefined;
    if (p !== undefined) diffs.fixes.set(r.round, p);
  }
  // The reviewer saw everything since the scaffold, as of the commit that recorded its verdict.
  await Promise.all(
    report.rounds.map(async (r) => {
      const reviewed = log.find((c) => c.subject.startsWith(`round ${r.round}: review`));
      if (!reviewed || !report.scaffoldCommit) return;
      const p = await rangePatch(repo, report.scaffoldCommit, reviewed.hash).catch(() => undefined);
      if (p !== undefined) diffs.reviewed.set(r.round, p);
    }),
  );
  return diffs;
}

export async function loadReportInput(dir: string): Promise<ReportInput> {
  const report = await readReport(dir);
  const transcripts = new Map<string, TranscriptEntry[]>();
  const sessions = [...report.tasks, ...report.rounds.flatMap((r) => [r.review, r.fix])];
  for (const s of sessions) {
    if (!s?.transcript || transcripts.has(s.transcript)) continue;
    const t = await readTranscript(dir, s.transcript);
    if (t) transcripts.set(s.transcript, t);
  }
  return { report, gates: await readGateOutcomes(dir), transcripts, diffs: await loadDiffs(dir, report) };
}
