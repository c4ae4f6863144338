// A TypeScript program is bundled by ghost into `.ghost-build/` and the bundle runs per case.
// A cheating implementation would ship its own bundle there (answers for the cases) next to
// an honest-looking `src/main.ts`: what runs must be what the sources say, every time.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultProgram } from '../../src/conformance/command.js';
import { ghostTestReport } from '../support/cli.js';
import { ROOT, jailWorks } from './support.js';

let dir: string;
let planted: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ghost-ts-bundle-'));
  const fixture = path.join(ROOT, 'fixtures/impls/textstat/typescript');
  // the honest program, bundled beforehand the way ghost bundles it
  cpSync(fixture, path.join(dir, 'honest'), { recursive: true });
  const build = defaultProgram('typescript', 'src/main.ts', false, path.join(dir, 'honest')).build!;
  spawnSync(build[0]!, build.slice(1), { cwd: path.join(dir, 'honest') });
  cpSync(fixture, path.join(dir, 'impl'), { recursive: true });
  // the sources now fail every case, and the honest bundle is planted where ghost's goes
  writeFileSync(path.join(dir, 'impl/src/main.ts'), 'process.stdout.write("nothing\\n");\nprocess.exitCode = 3;\n');
  mkdirSync(path.join(dir, 'impl/.ghost-build'), { recursive: true });
  planted = path.join(dir, 'impl/.ghost-build/main.mjs');
  cpSync(path.join(dir, 'honest/.ghost-build/main.mjs'), planted);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(jailWorks)('a TypeScript program with a bundle of its own', () => {
  it('is rebuilt from its sources before the cases run: the planted bundle never answers', async () => {
    // the attack is real: the planted bundle alone answers correctly
    const control = spawnSync(process.execPath, [planted, '--lines', '--json'], { input: 'a\nb', encoding: 'utf8' });
    expect(control.stdout).toBe('{"lines":2}\n');
    const { code, report } = await ghostTestReport('specs/textstat.md', path.join(dir, 'impl'));
    expect(code).toBe(1);
    expect(report.results.filter((x) => x.status === 'passed')).toEqual([]);
    expect(readFileSync(planted, 'utf8')).toContain('nothing');
  }, 120_000);
});
