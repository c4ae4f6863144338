// One agent session as the page shows it: facts, the agent's summary, the cause of a failure,
// and its tool calls (collapsed).
import type { TranscriptEntry } from '../agents/types.js';
import type { DiffStat } from '../types.js';
import { html, type Html } from './escape.js';
import {
  fmtCost,
  fmtMs,
  fmtTokens,
  isFinished,
  sessionNotes,
  sessionPrompt,
  toolCalls,
  type Session,
} from './model.js';

export function diffstatText(d: DiffStat | undefined): Html {
  if (!d) return html`<span class="muted">no diffstat</span>`;
  if (d.files === 0) return html`<span class="flag" data-flag="no-code">no code changed</span>`;
  return html`<span class="stat">${d.files} file${d.files === 1 ? '' : 's'} <span class="add">+${d.insertions}</span> <span class="del">−${d.deletions}</span></span>`;
}

export function facts(s: Session, extra: Html | string = ''): Html {
  const ok = isFinished(s.endReason) && !s.cause;
  return html`<div class="facts">
<span class="badge ${ok ? 'ok' : 'bad'}" data-end-reason="${s.endReason}">${s.endReason}</span>
<span title="session duration">${fmtMs(s.durationMs)}</span>
${extra}
<span title="tool calls">${s.toolCalls ?? '–'} tool call${s.toolCalls === 1 ? '' : 's'}</span>
<span title="input + output tokens">${fmtTokens(s.usage)}</span>
<span title="cost">${fmtCost(s.usage)}</span>
</div>`;
}

/**
 * The agent's summary and cause, then the collapsed blocks side by side (prompt, tool calls,
 * notes, and `more`, e.g. the diff); an opened block takes the full width below them.
 */
export function sessionBody(
  s: Session,
  transcript: readonly TranscriptEntry[] | undefined,
  more: Html | string = '',
): Html {
  const calls = transcript ? toolCalls(transcript) : [];
  const notes = transcript ? sessionNotes(transcript) : [];
  const prompt = transcript ? sessionPrompt(transcript) : undefined;
  return html`${s.cause ? html`<p class="cause"><strong>Cause:</strong> ${s.cause}</p>` : ''}
${s.summary ? html`<div class="summary" data-summary><span class="label">Agent's summary</span><pre class="prose">${s.summary}</pre></div>` : ''}
<div class="more">
${prompt !== undefined ? html`<details class="calls"><summary>Prompt</summary><pre>${prompt}</pre></details>` : ''}
${
  calls.length
    ? html`<details class="calls"><summary>Tool calls (${calls.length})</summary><ol>${calls.map(
        (
          c,
        ) => html`<li class="call${c.isError ? ' err' : ''}"><details><summary><code>${c.name}</code>${c.isError ? html` <span class="badge bad">error</span>` : ''}</summary>
<div class="kv"><span class="label">arguments</span><pre>${c.args}</pre>${c.result !== undefined ? html`<span class="label">result</span><pre>${c.result}</pre>` : ''}</div></details></li>`,
      )}</ol></details>`
    : ''
}
${notes.length ? html`<details class="calls"><summary>Notes (${notes.length})</summary>${notes.map((n) => html`<pre>${n}</pre>`)}</details>` : ''}
${more}
${s.transcript ? html`<span class="muted small transcript">transcript <code>${s.transcript}</code></span>` : ''}
</div>`;
}
