// A diff as HTML: one collapsible block per file, new-side line numbers as anchors
// (`<scope>-f<i>-L<n>`) so that review findings can link to the line they are about.
import type { DiffFile } from './diff.js';
import { html, type Html } from './escape.js';

export const fileAnchor = (scope: string, index: number) => `${scope}-f${index}`;
export const lineAnchor = (scope: string, index: number, line: number) => `${scope}-f${index}-L${line}`;

/** Where a finding about `file:line` should point inside a parsed diff, if anywhere. */
export function findingTarget(
  scope: string,
  files: readonly DiffFile[],
  file: string,
  line?: number,
): string | undefined {
  const want = file.replace(/^\.\//, '');
  const index = files.findIndex((f) => f.path === want);
  if (index === -1) return undefined;
  const hasLine = line !== undefined && files[index]?.lines.some((l) => l.newLine === line);
  return hasLine ? lineAnchor(scope, index, line) : fileAnchor(scope, index);
}

export function renderDiff(scope: string, files: readonly DiffFile[], opts: { open?: boolean } = {}): Html {
  if (files.length === 0) return html`<p class="muted">No code changed.</p>`;
  return html`<div class="diff">${files.map(
    (
      f,
      i,
    ) => html`<details class="diff-file" id="${fileAnchor(scope, i)}" data-file="${f.path}"${opts.open ? html` open` : ''}>
<summary><code>${f.path}</code> <span class="add">+${f.added}</span> <span class="del">−${f.removed}</span></summary>
<table class="code"><tbody>${f.lines.map((l) => {
      const id = l.newLine !== undefined ? html` id="${lineAnchor(scope, i, l.newLine)}"` : '';
      const sign = l.kind === 'add' ? '+' : l.kind === 'del' ? '−' : '';
      return html`<tr class="${l.kind}"${id}><td class="ln">${l.newLine ?? ''}</td><td class="sg">${sign}</td><td class="tx">${l.text}</td></tr>`;
    })}</tbody></table>
</details>`,
  )}</div>`;
}
