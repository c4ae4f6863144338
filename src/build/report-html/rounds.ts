// One card per round: the conformance gate case by case (hidden cases: status only), the
// review with its findings linked into the diff the reviewer saw, and the fix.
import { byFunction } from '../case-outcomes.js';
import type { CaseOutcome } from '../case-outcomes.js';
import type { RoundRecord } from '../types.js';
import { parseDiff } from './diff.js';
import { findingTarget, renderDiff } from './diff-view.js';
import { html, type Html } from './escape.js';
import { fmtMs, roundAnchor, type ReportInput } from './model.js';
import { diffstatText, facts, sessionBody } from './session-view.js';

/** Rows per round: a 38,000-case suite would otherwise make a page of tens of megabytes. */
const MAX_ROWS = 3000;

const STATUS_MARK: Record<CaseOutcome['status'], string> = { passed: '✓', failed: '✗', errored: '!', skipped: '–' };

/** Cases a page can hold: every one that did not pass, then passing ones up to the limit, in suite order. */
export function listed(cases: readonly CaseOutcome[], limit = MAX_ROWS): CaseOutcome[] {
  let room = Math.max(0, limit - cases.filter((c) => c.status !== 'passed').length);
  return cases.filter((c) => c.status !== 'passed' || room-- > 0);
}

function casesView(round: number, cases: readonly CaseOutcome[] | undefined, open: boolean): Html {
  if (!cases)
    return html`<p class="muted">Per-case results are not available for this round: they are kept for the rounds of the last run of the build (not for rounds before a resume, nor by older versions of ghost).</p>`;
  const rows = byFunction(cases);
  const failing = cases.filter((c) => c.status !== 'passed').length;
  const shown = listed(cases);
  const unlisted = cases.length - shown.length;
  return html`<table class="fns"><thead><tr><th>function</th><th>visible</th><th>hidden</th></tr></thead><tbody>${rows.map(
    (r) =>
      html`<tr data-fn="${r.fn}"><td><code>${r.fn}</code></td>${[r.visible, r.hidden].map(
        (s) => html`<td class="${s.passed === s.total ? 'ok' : 'bad'}">${s.passed}/${s.total}</td>`,
      )}</tr>`,
  )}</tbody></table>
<details class="cases" id="cases-${round}"${open ? html` open` : ''}><summary>Cases (${cases.length}${failing ? `, ${failing} not passing` : ''})</summary>
<div class="filters" data-for="cases-table-${round}"><button type="button" data-filter="all" class="on">all</button><button type="button" data-filter="notpassed">not passing</button><button type="button" data-filter="visible">visible</button><button type="button" data-filter="hidden">hidden</button></div>
<table class="cases-table" id="cases-table-${round}"><thead><tr><th></th><th>case</th><th>function</th><th>requirements</th><th>kind</th><th>detail</th></tr></thead><tbody>${shown.map(
    (
      c,
    ) => html`<tr class="case ${c.status}" data-case-id="${c.id}" data-status="${c.status}" data-hidden="${c.hidden ? 'true' : 'false'}">
<td class="mark" title="${c.status}">${STATUS_MARK[c.status]}</td><td><code>${c.id}</code></td><td><code>${c.fn ?? ''}</code></td><td>${c.requirements.join(', ')}</td>
<td>${c.hidden ? html`<span class="badge hid">hidden</span>` : 'visible'}</td><td class="msg">${c.hidden ? '' : (c.message ?? '')}</td></tr>`,
  )}</tbody></table>${unlisted ? html`<p class="muted" data-unlisted="${unlisted}">and ${unlisted} more passing cases, not listed to keep the page light (all of them: <code>.ghost/gate/round-${round}.json</code>)</p>` : ''}</details>`;
}

function reviewView(input: ReportInput, r: RoundRecord): Html {
  const review = r.review;
  if (!review) return html``;
  const scope = `rv${r.round}`;
  const patch = input.diffs.reviewed.get(r.round);
  const files = patch !== undefined ? parseDiff(patch) : [];
  const v = review.verdict;
  const transcript = review.transcript ? input.transcripts.get(review.transcript) : undefined;
  return html`<div class="step review"><h4>Review: ${v ? html`<span class="badge ${v.decision === 'approve' ? 'ok' : 'bad'}" data-decision="${v.decision}">${v.decision}</span>` : html`<span class="badge bad">no verdict</span>`}</h4>
${facts(review)}
${review.error && review.error !== review.cause ? html`<p class="cause"><strong>Error:</strong> ${review.error}</p>` : ''}
${
  v?.findings.length
    ? html`<ul class="findings">${v.findings.map((f) => {
        const where = `${f.file}${f.line ? `:${f.line}` : ''}`;
        const target = findingTarget(scope, files, f.file, f.line);
        return html`<li class="finding ${f.severity}" data-severity="${f.severity}"><span class="badge sev-${f.severity}">${f.severity}</span> ${target ? html`<a class="loc" href="#${target}">${where}</a>` : html`<code class="loc">${where}</code>`}${f.requirement ? html` <span class="req">${f.requirement}</span>` : ''}: ${f.message}</li>`;
      })}</ul>`
    : v
      ? html`<p class="muted">No findings.</p>`
      : ''
}
${sessionBody({ ...review, summary: undefined }, transcript, patch !== undefined ? html`<details class="diffbox"><summary>Diff the reviewer saw (${files.length} file${files.length === 1 ? '' : 's'})</summary>${renderDiff(scope, files)}</details>` : '')}
</div>`;
}

function fixView(input: ReportInput, r: RoundRecord): Html {
  const fix = r.fix;
  if (!fix) return html``;
  const patch = input.diffs.fixes.get(r.round);
  const transcript = fix.transcript ? input.transcripts.get(fix.transcript) : undefined;
  return html`<div class="step fix" data-fix-round="${r.round}"><h4>Fix</h4>
${facts(fix, diffstatText(fix.diffstat))}
${sessionBody(fix, transcript, patch !== undefined && fix.diffstat?.files !== 0 ? html`<details class="diffbox"><summary>Diff</summary>${renderDiff(`fx${r.round}`, parseDiff(patch))}</details>` : '')}
</div>`;
}

export function roundsView(input: ReportInput): Html {
  const { rounds } = input.report;
  return html`<section id="rounds">
<h2>Rounds <span class="muted">(${rounds.length})</span></h2>
${rounds.length === 0 ? html`<p class="muted">No round ran.</p>` : ''}
${rounds.map((r, i) => {
  const c = r.conformance;
  return html`<article class="card round" id="${roundAnchor(r.round)}" data-round="${r.round}">
<h3>Round ${r.round}</h3>
${
  c
    ? html`<div class="step gate"><h4>Conformance <span class="badge ${c.passed === c.total ? 'ok' : 'bad'}" data-conformance="${c.passed}/${c.total}">${c.passed}/${c.total} pass</span> <span class="muted">hidden ${c.hiddenTotal - c.hiddenFailed}/${c.hiddenTotal}, ${fmtMs(c.durationMs)}</span></h4>
${c.hiddenRequirements.length ? html`<p>Hidden failures touch ${c.hiddenRequirements.join(', ')}.</p>` : ''}
${casesView(r.round, input.gates.get(r.round), i === rounds.length - 1 || c.passed < c.total)}</div>`
    : ''
}
${r.hardcoding?.suspicious ? html`<p class="cause"><strong>Hard-coding flag:</strong> ${r.hardcoding.matched}/${r.hardcoding.considered} expected outputs embedded in the sources.</p>` : ''}
${reviewView(input, r)}
${fixView(input, r)}
</article>`;
})}
</section>`;
}
