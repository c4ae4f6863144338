// The top of the page: the verdict, what was built with what, and a timeline of every step.
import type { BuildReport } from '../types.js';
import { html, type Html } from './escape.js';
import { fmtCost, fmtMs, fmtTokens, timeline } from './model.js';

function tiles(r: BuildReport): Html {
  const last = r.rounds.at(-1)?.conformance;
  const tile = (value: string, label: string, ok?: boolean) =>
    html`<div class="tile${ok === undefined ? '' : ok ? ' ok' : ' bad'}"><b>${value}</b><span>${label}</span></div>`;
  return html`<div class="tiles">
${tile(String(r.tasks.length), r.tasks.length === 1 ? 'task' : 'tasks')}
${tile(String(r.rounds.length), r.rounds.length === 1 ? 'round' : 'rounds')}
${last ? tile(`${last.passed}/${last.total}`, 'cases pass', last.passed === last.total) : ''}
${last ? tile(`${last.hiddenTotal - last.hiddenFailed}/${last.hiddenTotal}`, 'hidden pass', last.hiddenFailed === 0) : ''}
${tile(fmtMs(r.wallMs), 'wall time')}
${tile(fmtCost(r.usageTotal), fmtTokens(r.usageTotal))}
</div>`;
}

export function header(r: BuildReport): Html {
  const accepted = r.status === 'accepted';
  return html`<header>
<h1>ghost build: ${r.spec.name}${r.spec.version ? ` ${r.spec.version}` : ''} <span class="lang">${r.language}</span></h1>
<p class="verdict ${accepted ? 'ok' : r.status === 'running' ? 'run' : 'bad'}" id="verdict" data-status="${r.status}">${r.status.toUpperCase()}</p>
${tiles(r)}
${r.reasons.length ? html`<ul class="reasons">${r.reasons.map((x) => html`<li>${x}</li>`)}</ul>` : ''}
<dl class="meta">
<dt>spec</dt><dd><code>${r.spec.file}</code> <span class="muted">sha256 ${r.spec.hash.slice(0, 16)}</span></dd>
<dt>implementer</dt><dd>${r.providers.implementer.name} / ${r.providers.implementer.model}</dd>
<dt>reviewer</dt><dd>${r.providers.reviewer.name} / ${r.providers.reviewer.model}</dd>
<dt>usage</dt><dd>${fmtTokens(r.usageTotal)}, ${fmtCost(r.usageTotal)} <span class="muted">(implementer ${fmtTokens(r.usage.implementer)}, reviewer ${fmtTokens(r.usage.reviewer)})</span></dd>
<dt>started</dt><dd>${r.startedAt}${r.finishedAt ? html` <span class="muted">finished ${r.finishedAt}</span>` : ''}</dd>
<dt>repository</dt><dd><code>${r.outDir}</code></dd>
</dl>
</header>`;
}

export function timelineView(r: BuildReport): Html {
  const segments = timeline(r);
  const total = segments.reduce((n, s) => n + s.durationMs, 0) || 1;
  return html`<section id="timeline">
<h2>Timeline</h2>
<div class="bar" role="list">${segments.map(
    (s) =>
      html`<a role="listitem" class="seg ${s.kind}${s.ok ? '' : ' notok'}" href="${s.href}" style="flex-grow:${Math.max(s.durationMs / total, 0.012).toFixed(4)}" title="${s.label} (${fmtMs(s.durationMs)})" data-kind="${s.kind}"></a>`,
  )}</div>
<p class="legend"><span class="key task"></span>task <span class="key gate"></span>conformance <span class="key review"></span>review <span class="key fix"></span>fix <span class="key notok"></span>did not finish / failed</p>
<ol class="steps">${segments.map(
    (s) =>
      html`<li class="${s.ok ? '' : 'notok'}"><span class="key ${s.kind}"></span><a href="${s.href}">${s.label}</a> <span class="muted">${fmtMs(s.durationMs)}</span></li>`,
  )}</ol>
</section>`;
}
