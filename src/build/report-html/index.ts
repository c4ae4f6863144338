// The HTML build report: one self-contained page (no network, escaped throughout) that shows
// what the agents did: a timeline, each task's session and diff, each round's conformance case
// by case (hidden cases: status only), review findings linked into the diff. Written by every
// build to .ghost/report.html and by `ghost report`.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { excludeFromCommits, REPORT_HTML } from '../report-files.js';
import { html } from './escape.js';
import { loadReportInput } from './load.js';
import type { ReportInput } from './model.js';
import { header, timelineView } from './overview.js';
import { page } from './page.js';
import { roundsView } from './rounds.js';
import { tasksView } from './tasks.js';

export type { ReportInput } from './model.js';
export { escapeHtml } from './escape.js';
export { loadReportInput } from './load.js';

export function renderHtmlReport(input: ReportInput, generatedAt = new Date().toISOString()): string {
  const r = input.report;
  const title = `ghost build: ${r.spec.name} (${r.language}) ${r.status.toUpperCase()}`;
  return page(title, html`${header(r)}${timelineView(r)}${tasksView(input)}${roundsView(input)}`, generatedAt);
}

/** Renders the build in `dir` to `dir/.ghost/report.html` (never committed); returns its path. */
export async function writeHtmlReport(dir: string): Promise<string> {
  const input = await loadReportInput(dir);
  const file = path.join(dir, REPORT_HTML);
  await excludeFromCommits(dir, [REPORT_HTML]);
  await writeFile(file, renderHtmlReport(input));
  return file;
}
