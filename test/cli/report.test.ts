import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBuildDir } from '../../src/build/index.js';
import { buildReport } from '../build/report-html/fixture.js';
import { tmpDir } from '../build/support.js';
import { runCli } from '../support/cli.js';

describe('ghost report', () => {
  it('says what is missing when DIR holds no build (exit 2, no stack)', async () => {
    const dir = tmpDir('ghost-report-empty-');
    const r = await runCli(['report', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${dir} holds no ghost build (no .ghost/report.json or .ghost/state.json)`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('defaults to this build repo, else the newest build under .ghost/builds/', async () => {
    const root = tmpDir('ghost-report-find-');
    expect(await findBuildDir(root)).toBeUndefined();
    const make = (name: string, file: string, secondsAgo: number) => {
      const dir = path.join(root, '.ghost/builds', name);
      mkdirSync(path.join(dir, '.ghost'), { recursive: true });
      writeFileSync(path.join(dir, file), '{}');
      const t = Date.now() / 1000 - secondsAgo;
      utimesSync(path.join(dir, file), t, t);
      return dir;
    };
    make('old-python', '.ghost/report.json', 600);
    const newest = make('new-java', '.ghost/state.json', 5);
    mkdirSync(path.join(root, '.ghost/builds/not-a-build'));
    expect(await findBuildDir(root)).toBe(newest);
    expect(await findBuildDir(newest)).toBe(newest);
  });

  it('shows an interrupted build from its state (no report.json yet)', async () => {
    const dir = tmpDir('ghost-report-running-');
    mkdirSync(path.join(dir, '.ghost'));
    const { reportVersion: _v, finishedAt: _f, outDir: _o, usageTotal: _u, ...state } = buildReport();
    writeFileSync(path.join(dir, '.ghost/state.json'), JSON.stringify({ ...state, status: 'running', reasons: [] }));
    const r = await runCli(['report', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(path.join(dir, '.ghost/report.html'));
    const page = readFileSync(path.join(dir, '.ghost/report.html'), 'utf8');
    expect(page).toContain('id="verdict" data-status="running">RUNNING<');
    expect(page).toContain('data-task-id="02-fn-shout"');

    // --open without any opener on PATH still prints the path, and says how to go on.
    const savedPath = process.env.PATH;
    process.env.PATH = tmpDir('ghost-no-opener-');
    try {
      const opened = await runCli(['report', dir, '--open']);
      expect(opened.code).toBe(0);
      expect(opened.stdout.trim()).toBe(path.join(dir, '.ghost/report.html'));
      expect(opened.stderr).toContain('no browser opener (xdg-open / open) found; open the file above yourself');
    } finally {
      process.env.PATH = savedPath;
    }
  });
});
