import { describe, expect, it } from 'vitest';
import { caseOutcomes, type CaseOutcome } from '../../src/build/case-outcomes.js';
import { renderReportMarkdown } from '../../src/build/report-markdown.js';
import { buildReport, gateReport, INJECTION } from './report-html/fixture.js';

describe('REPORT.md', () => {
  it('gives each task its time, diffstat, summary and cause, and flags a task that changed no code', async () => {
    const md = renderReportMarkdown(buildReport(), caseOutcomes(await gateReport()));
    expect(md).toMatch(/\| 01-scaffold Scaffold \| finished \| 1\.5 s \| 1 file, \+3 −0 \| 2 \|/);
    expect(md).toMatch(/\| 02-fn-shout .* \| error \| 2\.5 s \| \*\*no code changed\*\* \|/);
    expect(md).toContain('Changed no code: 02-fn-shout.');
    expect(md).toContain('- **01-scaffold**: scaffolded');
    expect(md).toContain('- **02-fn-shout** did not finish: codex exited with 1: &lt;script&gt;');
    expect(md).not.toContain('<script>');
    expect(md).not.toContain(INJECTION);
  });

  it('has a per-function case table with visible and hidden pass counts, and no hidden values', async () => {
    const md = renderReportMarkdown(buildReport(), caseOutcomes(await gateReport()));
    expect(md).toContain('| shout | 2/2 | 0/2 |');
    expect(md.toLowerCase()).not.toContain('zqxhidden');
  });

  it('caps long id lists', () => {
    const report = buildReport();
    const c = report.rounds[0]?.conformance;
    if (!c) throw new Error('fixture has a conformance round');
    c.visibleFailures = Array.from({ length: 67 }, (_, i) => `case-${i}`);
    const md = renderReportMarkdown(report, [] as CaseOutcome[]);
    expect(md).toContain('case-9 and 57 more');
    expect(md).not.toContain('case-10');
  });
});
