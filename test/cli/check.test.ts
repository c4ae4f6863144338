// `ghost check` end to end: in-process through main() (stdout/stderr captured), plus one real
// spawn of bin/ghost.js (dist/ is built by test/global-setup.ts).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

// What the last in-process run printed.
let out = '';
let err = '';
async function main(argv: string[]): Promise<number> {
  const r = await runCli(argv);
  out = r.stdout;
  err = r.stderr;
  return r.code;
}

const diagnosticLines = (text: string) => text.split('\n').filter((l) => /^\S+:\d+:\d+: (error|warning|info) /.test(l));
const tmp = mkdtempSync(join(tmpdir(), 'ghost-check-'));

describe('ghost check', () => {
  it('prints the exact diagnostics of a broken spec and exits 1', async () => {
    const code = await main(['check', 'fixtures/broken/bad-args.md']);
    expect(code).toBe(1);
    expect(diagnosticLines(out)).toHaveLength(4);
    expect(out).toContain(
      'fixtures/broken/bad-args.md:35:7: error argument `width` of `pad` must be integer (got "three") [arguments]',
    );
    expect(out).toMatch(/4 errors, 0 warnings/);
  });

  it('exits 0 on warnings only and prints a summary', async () => {
    const code = await main(['check', 'fixtures/third-party/humanize/SPEC.md']);
    expect(code).toBe(0);
    expect(out).toContain('[no-front-matter]');
    expect(out).toMatch(/functions\s+5/);
    expect(out).toMatch(/cases\s+108 \(108 visible, 0 hidden\)/);
    expect(out).toMatch(/requirements\s+4 \(1 MUST, 1 MUST NOT, 1 SHOULD, 1 MAY\), 4 untested/);
    expect(out).not.toContain('\u001b['); // no colour when stdout is not a TTY
  });

  it('prints JSON with --format json for several files', async () => {
    const code = await main([
      'check',
      'fixtures/broken/no-cases.md',
      'fixtures/broken/duplicate-case.md',
      '--format',
      'json',
    ]);
    expect(code).toBe(1);
    const json = JSON.parse(out) as {
      files: Array<{ file: string; diagnostics: Array<{ rule: string }>; summary: { functions: number } }>;
    };
    expect(json.files.map((f) => f.file)).toEqual(['fixtures/broken/no-cases.md', 'fixtures/broken/duplicate-case.md']);
    expect(json.files[1]?.diagnostics.map((d) => d.rule)).toEqual(['duplicate-case']);
    expect(json.files[0]?.summary.functions).toBe(1);
  });

  it('imports --tests files', async () => {
    const spec = join(tmp, 'neg.md');
    writeFileSync(spec, '---\nname: neg\n---\n\n# neg\n\n### neg(x: number) -> number\n');
    const cases = join(tmp, 'more.yaml');
    writeFileSync(cases, 'neg:\n  - { name: one, input: 1, output: -1 }\n');
    expect(await main(['check', spec, '--tests', cases])).toBe(0);
    expect(out).toMatch(/cases\s+1 \(1 visible/);
  });

  it.each([
    ['missing', () => join(tmp, 'missing.md'), /no such file/],
    ['directory', () => tmp, /is a directory/],
    ['empty', () => file('empty.md', ''), /is empty/],
    ['binary', () => file('bin.md', Buffer.from([0, 1, 2, 3])), /binary/],
    ['non-UTF-8', () => file('latin1.md', Buffer.from([0x23, 0x20, 0xe9, 0x0a])), /UTF-8/],
  ])('exits 2 without a stack on %s input', async (_name, path, message) => {
    const code = await main(['check', path()]);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err).toMatch(/^ghost: /);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('rejects an unknown --format with exit 2', async () => {
    expect(await main(['check', 'fixtures/broken/no-cases.md', '--format', 'xml'])).toBe(2);
  });

  it('teaches in --help', async () => {
    expect(await main(['check', '--help'])).toBe(0);
    expect(out).toContain('Examples:');
    expect(out).toContain('--format');
  });
});

function file(name: string, content: string | Buffer): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

describe('bin/ghost.js check (spawned)', () => {
  it('runs the built CLI', () => {
    const ok = execFileSync(process.execPath, ['bin/ghost.js', 'check', 'fixtures/broken/no-front-matter.md'], {
      encoding: 'utf8',
    });
    expect(diagnosticLines(ok)).toEqual([
      'fixtures/broken/no-front-matter.md:1:1: warning no front matter; library name `tiny-math` taken from the H1 [no-front-matter]',
    ]);
    const bad = spawnSync(process.execPath, ['bin/ghost.js', 'check', 'fixtures/broken/yaml-syntax.md'], {
      encoding: 'utf8',
    });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('fixtures/broken/yaml-syntax.md:16:11: error invalid YAML');
    const missing = spawnSync(process.execPath, ['bin/ghost.js', 'check', 'no/such.md'], { encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('ghost: no/such.md: no such file\n');
  });
});
