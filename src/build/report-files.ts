// Where a build keeps what it reports, inside the build repo. report.json and REPORT.md are
// committed; the rest is for people only and never committed (.git/info/exclude):
// transcripts (sessions.ts), per-case gate results (hidden cases: status only) and the HTML page.
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CaseOutcome } from './case-outcomes.js';

export const REPORT_JSON = '.ghost/report.json';
export const STATE_JSON = '.ghost/state.json';
export const REPORT_MD = 'REPORT.md';
export const REPORT_HTML = '.ghost/report.html';
export const GATE_DIR = '.ghost/gate';

/**
 * Keeps files the build writes for people (transcripts, per-case gate results, the HTML report)
 * out of every commit: patterns in .git/info/exclude, which agents cannot write and
 * `git clean -fd` (resume) leaves alone.
 */
export async function excludeFromCommits(dir: string, patterns: string[]): Promise<void> {
  const file = path.join(dir, '.git', 'info', 'exclude');
  if (!(await stat(path.join(dir, '.git')).catch(() => undefined))) return;
  const cur = await readFile(file, 'utf8').catch(() => '');
  const have = new Set(cur.split(/\r?\n/));
  const add = patterns.map((p) => `/${p}`).filter((p) => !have.has(p));
  if (add.length === 0) return;
  await mkdir(path.dirname(file), { recursive: true });
  await appendFile(file, `${cur === '' || cur.endsWith('\n') ? '' : '\n'}${add.join('\n')}\n`);
}

/**
 * Written only once the build is over: hidden case ids must never sit where an agent of this
 * build could read them.
 */
export async function writeGateOutcomes(
  dir: string,
  gates: ReadonlyMap<number, readonly CaseOutcome[]>,
): Promise<void> {
  // Only this run's results: whatever else is there was not written by the build.
  await rm(path.join(dir, GATE_DIR), { recursive: true, force: true });
  if (gates.size === 0) return;
  await excludeFromCommits(dir, [`${GATE_DIR}/`]);
  await mkdir(path.join(dir, GATE_DIR), { recursive: true });
  for (const [round, cases] of gates) {
    await writeFile(path.join(dir, GATE_DIR, `round-${round}.json`), `${JSON.stringify(cases, null, 1)}\n`);
  }
}

export async function readGateOutcomes(dir: string): Promise<Map<number, CaseOutcome[]>> {
  const gates = new Map<number, CaseOutcome[]>();
  const gateDir = path.join(dir, GATE_DIR);
  if (!existsSync(gateDir)) return gates;
  for (const name of await readdir(gateDir)) {
    const m = /^round-(\d+)\.json$/.exec(name);
    if (!m) continue;
    try {
      const cases = JSON.parse(await readFile(path.join(gateDir, name), 'utf8')) as unknown;
      if (Array.isArray(cases)) gates.set(Number(m[1]), cases as CaseOutcome[]);
    } catch {
      // not the build's (it writes whole files after the last session): show the round without cases
    }
  }
  return gates;
}

const isBuildDir = (dir: string) => existsSync(path.join(dir, REPORT_JSON)) || existsSync(path.join(dir, STATE_JSON));

/**
 * The build `ghost report` shows when given no directory: the current directory if it is a
 * build repo, else the most recently touched build under .ghost/builds/.
 */
export async function findBuildDir(cwd: string): Promise<string | undefined> {
  if (isBuildDir(cwd)) return cwd;
  const builds = path.join(cwd, '.ghost', 'builds');
  if (!existsSync(builds)) return undefined;
  let best: { dir: string; mtime: number } | undefined;
  for (const name of await readdir(builds)) {
    const dir = path.join(builds, name);
    if (!isBuildDir(dir)) continue;
    const file = existsSync(path.join(dir, REPORT_JSON)) ? REPORT_JSON : STATE_JSON;
    const mtime = (await stat(path.join(dir, file))).mtimeMs;
    if (!best || mtime > best.mtime) best = { dir, mtime };
  }
  return best?.dir;
}
