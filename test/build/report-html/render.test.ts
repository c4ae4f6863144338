import { describe, expect, it } from 'vitest';
import { caseOutcomes } from '../../../src/build/case-outcomes.js';
import { escapeHtml, renderHtmlReport } from '../../../src/build/report-html/index.js';
import { loadSpec } from '../../../src/spec/index.js';
import { gateReport, HIDDEN_SPEC, INJECTION, reportInput } from './fixture.js';

describe('the HTML build report', () => {
  it('never shows a hidden case’s arguments, expectation, output or message; shows its id and status', async () => {
    const page = renderHtmlReport(await reportInput());
    const { spec } = await loadSpec(HIDDEN_SPEC);
    const hidden = spec.cases.filter((c) => c.hidden);
    expect(hidden.length).toBe(2);
    expect(page.toLowerCase()).not.toContain('zqxhidden');
    for (const c of hidden) {
      expect(page).toContain(`data-case-id="${c.id}" data-status="failed" data-hidden="true"`);
    }
    // What the build keeps on disk for the page (.ghost/gate/) has lost them already.
    const kept = JSON.stringify(caseOutcomes(await gateReport()));
    expect(kept.toLowerCase()).not.toContain('zqxhidden');
    expect(kept).toContain('"id":"shout-hidden-one"');
    // Visible cases are listed too, as visible.
    expect(page).toContain('data-case-id="shout-hello" data-status="passed" data-hidden="false"');
  });

  it('renders agent-controlled text as text: summaries, titles, causes, tool output, diffs, findings', async () => {
    const page = renderHtmlReport(await reportInput());
    expect(page).not.toContain(INJECTION);
    expect(page).not.toContain('<img');
    expect(page).toContain(escapeHtml(INJECTION));
    // Exactly one script element: the page's own.
    expect(page.match(/<script/gi)).toHaveLength(1);
  });

  it('loads nothing: no external src/href, and a CSP that forbids every fetch and foreign script', async () => {
    const page = renderHtmlReport(await reportInput());
    expect(page).not.toMatch(/\b(?:src|href|action)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|\/\/)/i);
    expect(page).not.toMatch(/url\(\s*['"]?(?:https?:|\/\/)/i);
    expect(page).not.toMatch(/@import/i);
    expect(page).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;[^"]*script-src &#39;sha256-[A-Za-z0-9+/=]+&#39;/,
    );
  });

  it('links a finding with file:line to that line of the diff the reviewer saw, and flags a task that changed no code', async () => {
    const page = renderHtmlReport(await reportInput());
    expect(page).toContain('<a class="loc" href="#rv1-f0-L2">shout.py:2</a>');
    expect(page).toContain('id="rv1-f0-L2"');
    expect(page).toContain('<code class="loc">elsewhere.py</code>');
    expect(page).toMatch(/data-task-id="02-fn-shout"[\s\S]*?data-flag="no-code"/);
  });

  it('shows the timeline, each task with its facts, tool calls and cause, and the per-function case table', async () => {
    const page = renderHtmlReport(await reportInput());
    expect(page.match(/class="seg /g)).toHaveLength(5); // 2 tasks, gate, review, fix
    expect(page).toContain('data-task-id="01-scaffold"');
    expect(page).toContain('Tool calls (2)');
    expect(page).toContain('<span class="badge bad" data-end-reason="error">error</span>');
    expect(page).toContain('<strong>Cause:</strong> codex exited with 1: &lt;script&gt;');
    // An agent CLI's session: its prompt and output are there, as text.
    expect(page).toMatch(/data-task-id="02-fn-shout"[\s\S]*?<summary>Prompt<\/summary><pre>do the task &lt;script&gt;/);
    expect(page).toMatch(
      /<summary>Notes \(1\)<\/summary><pre>exec output \(stdout\+stderr\):\nError: 401 Unauthorized &lt;script&gt;/,
    );
    expect(page).toMatch(
      /<tr data-fn="shout"><td><code>shout<\/code><\/td><td class="ok">2\/2<\/td><td class="bad">0\/2<\/td><\/tr>/,
    );
  });
});

describe('a large suite', () => {
  it('lists every case that did not pass and caps the passing ones', async () => {
    const input = await reportInput();
    const cases = Array.from({ length: 10_000 }, (_, i) => ({
      id: `case-${i}`,
      fn: 'shout',
      requirements: [],
      hidden: i % 10 === 0,
      status: i % 1000 === 999 ? ('failed' as const) : ('passed' as const),
    }));
    input.gates.set(1, cases);
    const page = renderHtmlReport(input);
    expect(page.match(/<tr class="case /g)).toHaveLength(3000);
    expect(page).toContain('data-case-id="case-9999" data-status="failed"');
    expect(page).toContain('and 7000 more passing cases');
  });
});

describe('tool arguments', () => {
  it('read as key: value, with multi-line strings as indented text', async () => {
    const { readableArgs } = await import('../../../src/build/report-html/model.js');
    expect(readableArgs('{"path":"a.py","content":"def f():\\n    return 1\\n"}')).toBe(
      'path: "a.py"\ncontent:\n  def f():\n      return 1',
    );
    expect(readableArgs('not json {')).toBe('not json {');
    expect(readableArgs('[1,2]')).toBe('[\n  1,\n  2\n]');
  });
});
