// `ghost build spec.md --lang python,rust,go`: targets build in parallel, each in <out>/<lang>
// with its own report; one target without a scripted session fails alone; one summary table.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ghost-multi-target-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('multi-target build', () => {
  it('builds every target with a session, reports the one without, exits 1', async () => {
    const out = path.join(tmp, 'builds');
    // Scripted sessions for python and rust only: the go target has none, by construction.
    const sessions = path.join(tmp, 'sessions');
    mkdirSync(sessions);
    for (const lang of ['python', 'rust'])
      copyFileSync(
        path.join(ROOT, `fixtures/sessions/slugify-${lang}.jsonl`),
        path.join(sessions, `slugify-${lang}.jsonl`),
      );
    const run = await runCli([
      'build',
      path.join(ROOT, 'specs/slugify.md'),
      '--lang',
      'python,rust,go',
      '--out',
      out,
      '--provider',
      'scripted',
      '--session',
      path.join(sessions, 'slugify-{lang}.jsonl'),
    ]);
    expect(run.code).toBe(1);
    const table = run.stdout.split('\n');
    expect(table[0]).toMatch(/^target\s+verdict\s+cases\s+time\s+repo$/);
    expect(table[1]).toMatch(new RegExp(`^python\\s+ACCEPTED\\s+88/88\\s+[\\d.]+ s\\s+${out}/python$`));
    expect(table[2]).toMatch(new RegExp(`^rust\\s+ACCEPTED\\s+88/88\\s+[\\d.]+ s\\s+${out}/rust$`));
    expect(table[3]).toMatch(/^go\s+ERROR\s+-\s/);
    expect(run.stdout).toContain('go: no scripted session for go: ');
    expect(run.stdout).toContain('2/3 targets accepted');
    for (const lang of ['python', 'rust']) {
      const report = JSON.parse(readFileSync(path.join(out, lang, '.ghost', 'report.json'), 'utf8')) as {
        status: string;
        language: string;
      };
      expect(report).toMatchObject({ status: 'accepted', language: lang });
      expect(existsSync(path.join(out, lang, 'REPORT.md'))).toBe(true);
    }
    expect(existsSync(path.join(out, 'rust', 'src', 'lib.rs'))).toBe(true);
    // progress lines name their target
    expect(run.stderr).toMatch(/^\[rust\] .*build accepted$/m);
  }, 600_000);

  it('refuses --vendor with several targets (exit 2)', async () => {
    const run = await runCli([
      'build',
      path.join(ROOT, 'specs/slugify.md'),
      '--lang',
      'python,rust',
      '--vendor',
      '--provider',
      'scripted',
      '--session',
      'x',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--vendor builds one target');
  });
});
