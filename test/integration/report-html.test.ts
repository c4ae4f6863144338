// The HTML build report end to end: the demo build (the scripted slugify session, as
// `npm run demo` runs it) leaves a page that headless chromium renders with its tasks, rounds
// and per-case results while loading nothing; a build whose spec's hidden cases carry
// distinctive values keeps them out of transcripts, reports and commits. Screenshots go to
// test-artifacts/ (git-ignored) for a person to look at.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { simpleGit } from 'simple-git';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBuild } from '../../src/build/index.js';
import { loadSpec } from '../../src/spec/index.js';
import { call, finish, ROOT, scripted, session, tmpDir, verdict, write } from '../build/support.js';
import { buildOptionsFor } from '../support/build-options.js';
import { CHROMIUM, dumpDom, hasChromium, screenshot } from '../support/chromium.js';

const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const HIDDEN_SPEC = path.join(ROOT, 'fixtures/report/hidden-values.md');
const browser = hasChromium
  ? ''
  : ` (skipped: no chromium at ${CHROMIUM}; apt-get install chromium or set GHOST_TEST_CHROMIUM)`;
const ghost = (args: string[]) =>
  promisify(execFile)(process.execPath, [path.join(ROOT, 'bin/ghost.js'), ...args], { cwd: ROOT, timeout: 110_000 });

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

describe('the demo build’s HTML report', () => {
  const out = tmpDir('ghost-report-demo-');
  const page = path.join(out, '.ghost/report.html');
  let stdout = '';

  beforeAll(async () => {
    const r = await ghost([
      'build',
      'specs/slugify.md',
      '--lang',
      'python',
      '--provider',
      'scripted',
      '--session',
      'fixtures/sessions/slugify-python.jsonl',
      '--out',
      out,
      '--force',
    ]);
    stdout = r.stdout;
  }, 120_000);

  it('is written by the build, named in its output, and kept out of commits with the transcripts', async () => {
    expect(stdout).toContain('ACCEPTED');
    expect(stdout).toContain(`html report: ${page}`);
    expect(statSync(page).size).toBeGreaterThan(1000);
    const sessions = readdirSync(path.join(out, '.ghost/sessions'));
    expect(sessions).toContain('02-fn-slugify-implementer.jsonl');
    expect(sessions).toContain('review-1-reviewer.jsonl');
    const committed = await simpleGit(out).raw(['log', '--all', '--name-only', '--format=']);
    expect(committed).not.toMatch(/\.ghost\/(sessions|gate)\/|report\.html/);
    expect((await simpleGit(out).status()).isClean()).toBe(true);
    const report = JSON.parse(readFileSync(path.join(out, '.ghost/report.json'), 'utf8'));
    expect(report.tasks[1]).toMatchObject({
      id: '02-fn-slugify',
      toolCalls: expect.any(Number),
      summary: expect.any(String),
      diffstat: { files: 1 },
    });
    expect(report.tasks[2]).toMatchObject({
      id: '03-fn-truncate',
      diffstat: { files: 0, insertions: 0, deletions: 0 },
    });
    expect(readFileSync(path.join(out, 'REPORT.md'), 'utf8')).toContain('Changed no code: 03-fn-truncate');
  });

  it(`renders in headless chromium with tasks, rounds and per-case results, loading nothing${browser}`, {
    skip: !hasChromium,
    timeout: 120_000,
  }, async () => {
    const { dom, pageRequests } = await dumpDom(page);
    expect(dom).toContain('data-ready="true"'); // the page's own script ran under its CSP
    const { spec } = await loadSpec(path.join(ROOT, 'specs/slugify.md'));
    for (const id of ['01-scaffold', '02-fn-slugify', '06-integration']) expect(dom).toContain(`data-task-id="${id}"`);
    expect(dom).toContain('data-round="1"');
    expect(dom).toContain('id="verdict" data-status="accepted"');
    const rows = [...dom.matchAll(/data-case-id="([^"]+)" data-status="(\w+)" data-hidden="(true|false)"/g)];
    expect(rows).toHaveLength(spec.cases.length);
    expect(rows.filter((r) => r[3] === 'true')).toHaveLength(spec.cases.filter((c) => c.hidden).length);
    expect(rows.every((r) => r[2] === 'passed')).toBe(true);
    expect(pageRequests).toEqual([]);
    const html = readFileSync(page, 'utf8');
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|\/\/)/i);
    mkdirSync(ARTIFACTS, { recursive: true });
    await screenshot(page, path.join(ARTIFACTS, 'report-html-demo.png'));
    expect(statSync(path.join(ARTIFACTS, 'report-html-demo.png')).size).toBeGreaterThan(10_000);
  });

  it('the net-log check does catch a page that fetches (control)', {
    skip: !hasChromium,
    timeout: 120_000,
  }, async () => {
    const control = path.join(tmpDir('ghost-report-control-'), 'control.html');
    writeFileSync(control, '<!doctype html><img src="http://127.0.0.1:9/pixel.png">');
    expect((await dumpDom(control)).pageRequests).toEqual(['http://127.0.0.1:9/pixel.png']);
  });

  it('ghost report DIR rewrites the page and prints its path', async () => {
    const before = readFileSync(page, 'utf8');
    const r = await ghost(['report', out]);
    expect(r.stdout.trim()).toBe(page);
    const after = readFileSync(page, 'utf8');
    const body = (s: string) => s.replace(/Generated by ghost on \S+Z\./, '');
    expect(body(after)).toBe(body(before));
  });
});

describe('a build whose hidden cases fail, then are fixed', () => {
  const out = tmpDir('ghost-report-hidden-');
  const buggy =
    'def shout(text):\n    # leaves some inputs alone\n    return text if "hidden" in text else text.upper()\n';

  beforeAll(async () => {
    const provider = scripted([
      session('implementer', '01-scaffold'),
      write('echo_secret.py', 'def shout(text):\n    raise NotImplementedError\n'),
      finish('stub'),
      session('implementer', '02-fn-shout'),
      write('echo_secret.py', buggy),
      call('run_conformance', {}),
      finish('shout <script>alert(1)</script> done'),
      session('implementer', '03-integration'),
      finish('nothing left'),
      session('reviewer', 'review-1'),
      verdict('request_changes', [
        { file: 'echo_secret.py', line: 3, severity: 'blocking', message: 'only some inputs are upper-cased' },
      ]),
      session('implementer', 'fix-1'),
      write('echo_secret.py', 'def shout(text):\n    return text.upper()\n'),
      finish('upper-case everything'),
      session('reviewer', 'review-2'),
      verdict('approve'),
    ]);
    const report = await runBuild(await buildOptionsFor(HIDDEN_SPEC, out, provider, { maxRounds: 2 }));
    expect(report.status, report.reasons.join('; ')).toBe('accepted');
  }, 120_000);

  it('keeps hidden values out of transcripts, reports and commits; hidden ids only in the git-excluded page and gate files', async () => {
    const kept = filesUnder(path.join(out, '.ghost')).concat(path.join(out, 'REPORT.md'));
    for (const file of kept) expect(readFileSync(file, 'utf8').toLowerCase(), file).not.toContain('zqxhidden');
    for (const file of filesUnder(path.join(out, '.ghost/sessions')))
      expect(readFileSync(file, 'utf8'), file).not.toContain('shout-hidden');
    const history = await simpleGit(out).raw(['log', '-p', '--all']);
    expect(history.toLowerCase()).not.toContain('zqxhidden');
    expect(history).not.toContain('shout-hidden');
    const html = readFileSync(path.join(out, '.ghost/report.html'), 'utf8');
    expect(html).toContain('data-case-id="shout-hidden-one" data-status="failed" data-hidden="true"');
    expect(html).toContain('data-case-id="shout-hidden-one" data-status="passed" data-hidden="true"');
  });

  it('shows the fix round, links the finding to its line, and escapes the agent’s summary', async () => {
    const html = readFileSync(path.join(out, '.ghost/report.html'), 'utf8');
    expect(html).toContain('data-fix-round="1"');
    expect(html).toContain('<a class="loc" href="#rv1-f0-L3">echo_secret.py:3</a>');
    expect(html).toContain('shout &lt;script&gt;alert(1)&lt;/script&gt; done');
    const md = readFileSync(path.join(out, 'REPORT.md'), 'utf8');
    expect(md).toContain('| shout | 2/2 | 2/2 |');
  });

  it(`renders the rejected-then-fixed build in chromium${browser}`, {
    skip: !hasChromium,
    timeout: 120_000,
  }, async () => {
    const page = path.join(out, '.ghost/report.html');
    const { dom, pageRequests } = await dumpDom(page);
    expect(dom).toContain('data-round="2"');
    expect(pageRequests).toEqual([]);
    // Following a finding's link opens the collapsed diff it points into and marks the line.
    const linked = (await dumpDom(page, '#rv1-f0-L3')).dom;
    expect(linked).toMatch(
      /<details class="diffbox" open="">(?:(?!<\/details>)[\s\S])*?<details class="diff-file" id="rv1-f0" data-file="echo_secret.py" open="">/,
    );
    expect(linked).toMatch(/<tr class="add hl" id="rv1-f0-L3">/);
    mkdirSync(ARTIFACTS, { recursive: true });
    await screenshot(page, path.join(ARTIFACTS, 'report-html-fix-round.png'), '1280,3400');
  });
});
