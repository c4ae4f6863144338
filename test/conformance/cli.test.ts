// `ghost test` end to end, in-process through main().
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../support/cli.js';
import type { ConformanceReport } from '../../src/conformance/types.js';
import { MISBEHAVING, ROOT } from './helpers.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'ghost-cli-test-'));
// `--failed` state lives in the user's cache: a private one for these tests.
const savedCache = process.env.XDG_CACHE_HOME;
process.env.XDG_CACHE_HOME = path.join(tmp, 'cache');
afterAll(() => {
  if (savedCache === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = savedCache;
  rmSync(tmp, { recursive: true, force: true });
});
afterEach(() => vi.restoreAllMocks());

const SPEC = `${MISBEHAVING}/misbehaving.md`;
const MINI = `${ROOT}fixtures/impls/mini/mini.md`;

/** A private copy of the misbehaving JS implementation. */
function implCopy(name: string, lang = 'javascript'): string {
  const d = path.join(tmp, name);
  cpSync(`${MISBEHAVING}/${lang}`, d, { recursive: true });
  return d;
}

const ghost = (...argv: string[]) => runCli(argv);

const json = (s: string) => JSON.parse(s) as ConformanceReport;

describe('ghost test', () => {
  it('exits 0 when every case passes; the last line is `N passed, N failed`', async () => {
    const r = await ghost('test', MINI, '--impl', `${ROOT}fixtures/impls/mini/python`, '--no-color');
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ passed, 0 failed$/);
    // (without bubblewrap the only thing on stderr is the warning that says so)
    expect(r.stderr.replace(/^ghost: warning: running unjailed: .*\n/, '')).toBe('');
  });

  it('exits 1 with failures, shows them, and remembers them for --failed', async () => {
    const impl = implCopy('failed');
    const r = await ghost('test', SPEC, '--impl', impl, '--no-color');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL  add-wrong (add)');
    expect(r.stdout.trimEnd().split('\n').slice(-2)).toEqual(['1 errored, 0 skipped', '4 passed, 1 failed']);
    // remembered in the user's cache, never in the implementation (agents read that tree)
    expect(existsSync(path.join(impl, '.ghost'))).toBe(false);
    const dir = path.join(tmp, 'cache', 'ghost', 'last-failures');
    const [file] = readdirSync(dir);
    const rec = JSON.parse(readFileSync(path.join(dir, file!), 'utf8')) as { ids: string[] };
    expect(rec.ids).toEqual(['add-wrong', 'missing-fn']);

    const again = await ghost('test', SPEC, '--impl', impl, '--failed', '--reporter', 'json');
    expect(again.code).toBe(1);
    expect(json(again.stdout).results.map((x) => x.id)).toEqual(['add-wrong', 'missing-fn']);
  });

  it('--failed with nothing recorded runs everything, and says so', async () => {
    const impl = implCopy('nothing-recorded');
    const r = await ghost('test', SPEC, '--impl', impl, '--failed', '--reporter', 'json');
    expect(r.stderr).toContain('no recorded failures');
    expect(json(r.stdout).total).toBe(6);
  });

  it('selects with --fn, --grep and --hidden-only; exits 0 when the selection passes', async () => {
    const fn = await ghost(
      'test',
      SPEC,
      '--impl',
      `${MISBEHAVING}/javascript`,
      '--fn',
      'echo',
      'fail',
      '--reporter',
      'json',
    );
    expect(fn.code).toBe(0);
    expect(json(fn.stdout).results.map((x) => x.id)).toEqual(['echo-string', 'echo-object', 'fail-kind']);
    const grep = await ghost(
      'test',
      SPEC,
      '--impl',
      `${MISBEHAVING}/javascript`,
      '--grep',
      '/^echo-o/',
      '--reporter',
      'json',
    );
    expect(json(grep.stdout).results.map((x) => x.id)).toEqual(['echo-object']);
    const none = await ghost('test', SPEC, '--impl', `${MISBEHAVING}/javascript`, '--hidden-only');
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no cases selected');
    const unknown = await ghost('test', SPEC, '--impl', `${MISBEHAVING}/javascript`, '--fn', 'nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown function "nope"; the spec declares: ');
    const typo = await ghost('test', SPEC, '--impl', `${MISBEHAVING}/javascript`, '--fn', 'ehco');
    expect(typo.stderr).toBe('ghost: unknown function "ehco"; did you mean "echo"?\n');
  });

  it('selects by requirement, and suggests a mistyped requirement id', async () => {
    const roman = `${ROOT}specs/roman.md`;
    const typo = await ghost('test', roman, '--impl', `${ROOT}fixtures/impls/roman/python`, '--req', 'R-to-rnage');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe('ghost: unknown requirement "R-to-rnage"; did you mean "R-to-range"?\n');
    const r = await ghost(
      'test',
      roman,
      '--impl',
      `${ROOT}fixtures/impls/roman/python`,
      '--req',
      'R-to-range',
      '--no-hidden',
      '--reporter',
      'json',
    );
    expect(r.code).toBe(0);
    const results = json(r.stdout).results;
    expect(results.length).toBeGreaterThan(0);
    for (const x of results) expect(x.requirements).toContain('R-to-range');
  });

  it('rejects contradictory flags and unknown languages with exit 2 and a suggestion', async () => {
    const both = await ghost('test', SPEC, '--impl', `${MISBEHAVING}/javascript`, '--hidden-only', '--no-hidden');
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('ghost: --hidden-only and --no-hidden contradict each other: pick one\n');
    const cobol = await ghost('test', SPEC, '--impl', `${MISBEHAVING}/javascript`, '--lang', 'cobol');
    expect(cobol.code).toBe(2);
    expect(cobol.stderr).toMatch(
      /^ghost: --lang: unknown language "cobol"; known languages: python, javascript, typescript, java, go, ruby, rust\n$/,
    );
    const typo = await ghost('test', SPEC, '--impl', `${MISBEHAVING}/python`, '--lang', 'pyhton');
    expect(typo.stderr).toContain('unknown language "pyhton" (did you mean "python"?)');
  });

  it('writes any reporter to --output and prints the summary', async () => {
    const impl = implCopy('output');
    const out = path.join(tmp, 'report.xml');
    const r = await ghost(
      'test',
      SPEC,
      '--impl',
      impl,
      '--reporter',
      'junit',
      '--output',
      out,
      '--jobs',
      '1',
      '--timeout',
      '2000',
    );
    expect(r.code).toBe(1);
    expect(readFileSync(out, 'utf8')).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="misbehaving" tests="6" failures="1" errors="1"/,
    );
    expect(r.stdout).toBe(`1 errored, 0 skipped\n4 passed, 1 failed\nreport written to ${out}\n`);
    const tap = await ghost('test', SPEC, '--impl', impl, '--reporter', 'tap', '--bail', '--jobs', '1');
    expect(tap.stdout.split('\n').slice(0, 2)).toEqual(['TAP version 13', '1..6']);
  });

  it('isolate mode gives the same report', async () => {
    const a = await ghost('test', SPEC, '--impl', implCopy('iso-a'), '--reporter', 'json');
    const b = await ghost('test', SPEC, '--impl', implCopy('iso-b'), '--reporter', 'json', '--isolate');
    const strip = (rep: ConformanceReport) => rep.results.map(({ durationMs: _d, ...rest }) => rest);
    expect(strip(json(b.stdout))).toEqual(strip(json(a.stdout)));
  });

  it('exit 2 for a bad implementation directory, a missing spec or bad flags', async () => {
    const empty = path.join(tmp, 'empty');
    cpSync(`${MISBEHAVING}/misbehaving.md`, path.join(empty, 'README.md'));
    const bad = await ghost('test', SPEC, '--impl', empty);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^ghost: no implementation found in .*empty: expected/);
    expect((await ghost('test', path.join(tmp, 'nope.md'), '--impl', empty)).code).toBe(2);
    expect((await ghost('test', SPEC, '--impl', empty, '--jobs', '0')).code).toBe(2);
    expect((await ghost('test', SPEC, '--impl', empty, '--reporter', 'xml')).code).toBe(2);
    expect((await ghost('test', SPEC)).code).toBe(2);
  });

  it('exit 2 with a clear message when --sandbox has no bubblewrap', async () => {
    const saved = process.env.GHOST_BWRAP;
    process.env.GHOST_BWRAP = '/nonexistent/bwrap';
    try {
      const r = await ghost('test', SPEC, '--impl', `${MISBEHAVING}/python`, '--sandbox');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('ghost: --sandbox needs bubblewrap: apt-get install bubblewrap');
    } finally {
      if (saved === undefined) delete process.env.GHOST_BWRAP;
      else process.env.GHOST_BWRAP = saved;
    }
  });

  it('exit 1 with diagnostics when the spec has errors', async () => {
    const file = path.join(tmp, 'broken.md');
    writeFileSync(file, '# broken\n\n```yaml conformance\n- id: x\n  fn: not_declared\n  expect: 1\n```\n');
    const r = await ghost('test', file, '--impl', `${MISBEHAVING}/javascript`);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('broken.md');
    expect(r.stdout).toBe('');
    expect(existsSync(path.join(MISBEHAVING, 'javascript', '.ghost', 'last-failures.json'))).toBe(false);
  });
});
