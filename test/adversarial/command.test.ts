// Command cases (a CLI implementation) go through the same jail, and so does the
// implementation's own build step — which runs with its directory writable, so a build that
// could read the spec would write the answers down for every case after it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConformanceReport } from '../../src/conformance/types.js';
import { ghostTestReport } from '../support/cli.js';
import { GHOST_BIN, HOSTILE, jailWorks } from './support.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ghost-adversarial-cli-'));
  cpSync(path.join(HOSTILE, 'command'), dir, { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const loot = () => path.join(dir, 'python', 'loot.txt');
const reportOf = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as ConformanceReport;
const statuses = (r: ConformanceReport) => r.results.map((x) => [x.id, x.status]);

describe.runIf(jailWorks)('a hostile command-line implementation', () => {
  it('unjailed, its build step finds the answer and every case after it passes (the attack is real)', () => {
    const out = path.join(dir, 'unjailed.json');
    spawnSync(process.execPath, [GHOST_BIN, 'test', 'spec.md', '--impl', 'python', '--reporter', 'json', '-o', out], {
      cwd: dir,
      env: { ...process.env, GHOST_NO_JAIL: '1' },
    });
    expect(statuses(reportOf(out))).toEqual([
      ['ping', 'passed'],
      ['hidden-answer', 'passed'],
    ]);
    rmSync(loot(), { force: true });
  });

  it('under ghost test (default options) its build step and its cases find nothing', async () => {
    const { code, report } = await ghostTestReport(path.join(dir, 'spec.md'), path.join(dir, 'python'));
    expect(code).toBe(1);
    expect(report.isolation).toBe('bubblewrap');
    expect(statuses(report)).toEqual([
      ['ping', 'passed'],
      ['hidden-answer', 'failed'],
    ]);
    expect(existsSync(loot()) ? readFileSync(loot(), 'utf8') : '').toBe('');
  });
});
