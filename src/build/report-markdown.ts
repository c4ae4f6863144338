// REPORT.md: the build at a glance for a person reading the repo. Agent-written text (summaries,
// causes, findings) is flattened to one line and its markup neutralised.
import { byFunction, capList } from './case-outcomes.js';
import type { CaseOutcome } from './case-outcomes.js';
import type { BuildReport, DiffStat, SessionFacts } from './types.js';

const fmtUsage = (u: { inputTokens: number; outputTokens: number; costUsd: number }) =>
  `${u.inputTokens} in / ${u.outputTokens} out tokens, $${u.costUsd.toFixed(4)}`;

const seconds = (ms: number | undefined) => (ms === undefined ? '–' : `${(ms / 1000).toFixed(1)} s`);

/** One line of agent text, safe in a table cell: no pipes, no raw HTML, capped. */
export function mdText(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const cut = flat.length > max ? `${flat.slice(0, max)}…` : flat;
  return cut.replace(/[|\\`*_[\]<>]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`));
}

const diffText = (d: DiffStat | undefined) =>
  !d
    ? '–'
    : d.files === 0
      ? '**no code changed**'
      : `${d.files} file${d.files === 1 ? '' : 's'}, +${d.insertions} −${d.deletions}`;

function sessionLines(label: string, s: SessionFacts): string[] {
  const lines: string[] = [];
  if (s.summary) lines.push(`- **${label}**: ${mdText(s.summary)}`);
  if (s.cause) lines.push(`- **${label}** did not finish: ${mdText(s.cause)}`);
  return lines;
}

function caseTable(cases: readonly CaseOutcome[]): string[] {
  const cell = (s: { passed: number; total: number }) => (s.total === 0 ? '–' : `${s.passed}/${s.total}`);
  return [
    '| function | visible passed | hidden passed |',
    '|---|---|---|',
    ...byFunction(cases).map((r) => `| ${mdText(r.fn, 80)} | ${cell(r.visible)} | ${cell(r.hidden)} |`),
    '',
  ];
}

export function renderReportMarkdown(r: BuildReport, lastCases?: readonly CaseOutcome[]): string {
  const noCode = r.tasks.filter((t) => t.diffstat?.files === 0).map((t) => t.id);
  const lines = [
    `# ghost build: ${r.spec.name}${r.spec.version ? ` ${r.spec.version}` : ''} (${r.language})`,
    '',
    `**${r.status.toUpperCase()}**${r.reasons.length ? `: ${r.reasons.map((x) => mdText(x)).join('; ')}` : ''}`,
    '',
    `- spec: ${r.spec.file} (sha256 ${r.spec.hash.slice(0, 16)}), plan ${r.planHash}`,
    `- implementer: ${r.providers.implementer.name} / ${r.providers.implementer.model}`,
    `- reviewer: ${r.providers.reviewer.name} / ${r.providers.reviewer.model}`,
    `- wall time: ${seconds(r.wallMs)}`,
    '- details: `.ghost/report.html` (open it in a browser), transcripts in `.ghost/sessions/`',
    '',
    '## Tasks',
    '',
    '| task | end | time | changed | tool calls | tokens | commit |',
    '|---|---|---|---|---|---|---|',
    ...r.tasks.map(
      (t) =>
        `| ${t.id} ${mdText(t.title, 80)} | ${t.endReason} | ${seconds(t.durationMs)} | ${diffText(t.diffstat)} | ${t.toolCalls ?? '–'} | ${t.usage.inputTokens + t.usage.outputTokens} | ${t.commit.slice(0, 10)} |`,
    ),
    '',
  ];
  if (noCode.length) lines.push(`Changed no code: ${capList(noCode)}.`, '');
  const notes = r.tasks.flatMap((t) => sessionLines(t.id, t));
  if (notes.length) lines.push(...notes, '');
  lines.push('## Rounds', '');
  for (const round of r.rounds) {
    const c = round.conformance;
    lines.push(`### Round ${round.round}`, '');
    if (c) {
      lines.push(
        `- conformance: ${c.passed}/${c.total} pass; hidden ${c.hiddenTotal - c.hiddenFailed}/${c.hiddenTotal}` +
          (c.hiddenRequirements.length ? ` (hidden failures touch ${capList(c.hiddenRequirements)})` : ''),
      );
      if (c.visibleFailures.length) lines.push(`- failing visible cases: ${capList(c.visibleFailures)}`);
    }
    if (round.hardcoding?.suspicious)
      lines.push(
        `- hard-coding flag: ${round.hardcoding.matched}/${round.hardcoding.considered} expected outputs embedded`,
      );
    if (round.review) {
      const v = round.review.verdict;
      lines.push(
        `- review: ${v ? v.decision : `no verdict (${mdText(round.review.error ?? round.review.endReason)})`}${round.review.durationMs !== undefined ? ` (${seconds(round.review.durationMs)})` : ''}`,
      );
      for (const f of v?.findings ?? []) {
        lines.push(
          `  - [${f.severity}] ${mdText(f.file, 120)}${f.line ? `:${f.line}` : ''}${f.requirement ? ` ${mdText(f.requirement, 60)}` : ''}: ${mdText(f.message)}`,
        );
      }
    }
    if (round.fix) {
      lines.push(
        `- fix: ${round.fix.endReason}, ${seconds(round.fix.durationMs)}, ${diffText(round.fix.diffstat)}, commit ${round.fix.commit.slice(0, 10)}`,
      );
      lines.push(...sessionLines('fix', round.fix).map((l) => `  ${l}`));
    }
    lines.push('');
  }
  if (lastCases?.length) lines.push('## Cases by function (last round)', '', ...caseTable(lastCases));
  lines.push(
    '## Usage',
    '',
    `- implementer: ${fmtUsage(r.usage.implementer)}`,
    `- reviewer: ${fmtUsage(r.usage.reviewer)}`,
    `- total: ${fmtUsage(r.usageTotal)}`,
    '',
  );
  return lines.join('\n');
}
