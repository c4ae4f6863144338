// One card per plan task: what the implementer did, what it cost, and the commit's diff.
import { parseDiff } from './diff.js';
import { renderDiff } from './diff-view.js';
import { anchorId, html, type Html } from './escape.js';
import { taskAnchor, type ReportInput } from './model.js';
import { diffstatText, facts, sessionBody } from './session-view.js';

export function tasksView(input: ReportInput): Html {
  const { report } = input;
  return html`<section id="tasks">
<h2>Tasks <span class="muted">(${report.tasks.length})</span></h2>
${report.tasks.map((t) => {
  const patch = input.diffs.tasks.get(t.id);
  const transcript = t.transcript ? input.transcripts.get(t.transcript) : undefined;
  return html`<article class="card task" id="${taskAnchor(t.id)}" data-task-id="${t.id}">
<h3><span class="id">${t.id}</span> ${t.title}</h3>
${facts(t, html`${diffstatText(t.diffstat)}${t.commit ? html` <code class="muted" title="commit">${t.commit.slice(0, 10)}</code>` : ''}`)}
${sessionBody(t, transcript, patch !== undefined && t.diffstat?.files !== 0 ? html`<details class="diffbox"><summary>Diff</summary>${renderDiff(anchorId('t', t.id), parseDiff(patch))}</details>` : '')}
</article>`;
})}
</section>`;
}
