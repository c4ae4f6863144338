import type { BuildReport } from './types.js';

const fmtUsage = (u: { inputTokens: number; outputTokens: number; costUsd: number }) =>
  `${u.inputTokens} in / ${u.outputTokens} out tokens, $${u.costUsd.toFixed(4)}`;

export function renderReportMarkdown(r: BuildReport): string {
  const lines = [
    `# ghost build: ${r.spec.name}${r.spec.version ? ` ${r.spec.version}` : ''} (${r.language})`,
    '',
    `**${r.status.toUpperCase()}**${r.reasons.length ? `: ${r.reasons.join('; ')}` : ''}`,
    '',
    `- spec: ${r.spec.file} (sha256 ${r.spec.hash.slice(0, 16)}), plan ${r.planHash}`,
    `- implementer: ${r.providers.implementer.name} / ${r.providers.implementer.model}`,
    `- reviewer: ${r.providers.reviewer.name} / ${r.providers.reviewer.model}`,
    `- wall time: ${(r.wallMs / 1000).toFixed(1)} s`,
    '',
    '## Tasks',
    '',
    '| task | end | commit | tokens |',
    '|---|---|---|---|',
    ...r.tasks.map(
      (t) => `| ${t.id} ${t.title} | ${t.endReason} | ${t.commit.slice(0, 10)} | ${t.usage.inputTokens + t.usage.outputTokens} |`,
    ),
    '',
    '## Rounds',
    '',
  ];
  for (const round of r.rounds) {
    const c = round.conformance;
    lines.push(`### Round ${round.round}`, '');
    if (c) {
      lines.push(
        `- conformance: ${c.passed}/${c.total} pass; hidden ${c.hiddenTotal - c.hiddenFailed}/${c.hiddenTotal}` +
          (c.hiddenRequirements.length ? ` (hidden failures touch ${c.hiddenRequirements.join(', ')})` : ''),
      );
      if (c.visibleFailures.length) lines.push(`- failing visible cases: ${c.visibleFailures.join(', ')}`);
    }
    if (round.hardcoding?.suspicious) lines.push(`- hard-coding flag: ${round.hardcoding.matched}/${round.hardcoding.considered} expected outputs embedded`);
    if (round.review) {
      const v = round.review.verdict;
      lines.push(`- review: ${v ? v.decision : `no verdict (${round.review.error ?? round.review.endReason})`}`);
      for (const f of v?.findings ?? []) {
        lines.push(`  - [${f.severity}] ${f.file}${f.line ? `:${f.line}` : ''}${f.requirement ? ` ${f.requirement}` : ''}: ${f.message}`);
      }
    }
    if (round.fix) lines.push(`- fix: ${round.fix.endReason}, commit ${round.fix.commit.slice(0, 10)}`);
    lines.push('');
  }
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
