// Drafts → tasks: numbered ids, dependencies as ids, and each task's hash.
import type { Draft } from './draft.js';
import { sha16 } from './hash.js';
import type { Task } from './types.js';

export function finalize(drafts: readonly Draft[]): Task[] {
  const width = Math.max(2, String(drafts.length).length);
  const ids = new Map<string, string>();
  drafts.forEach((d, i) => ids.set(d.key, `${String(i + 1).padStart(width, '0')}-${d.key}`));
  return drafts.map((d) => ({
    id: ids.get(d.key)!,
    kind: d.kind,
    title: d.title,
    text: d.text,
    functions: d.functions,
    sections: d.sections.map((s) => s.slug),
    requirements: d.requirements.map((r) => r.id),
    cases: d.caseIds ?? d.cases.map((c) => c.id),
    dependsOn: d.dependsOn.map((k) => ids.get(k)!),
    hash: taskHash(d),
  }));
}

/**
 * Everything the task was made from. Case contents (arguments, expectations, comparison) enter
 * through the text, which renders each carried case losslessly (render.ts); what the text
 * does not show — a case's requirement refs and section — is added here. Dependencies enter by
 * key, not numbered id, so inserting a task earlier does not make every later task look changed.
 */
function taskHash(d: Draft): string {
  return sha16([
    d.kind,
    d.title,
    d.text,
    d.functions.join('\n'),
    ...d.sections.map((s) => `${s.slug} ${s.hash}`),
    ...d.requirements.map((r) => `${r.id} ${r.level} ${r.text}`),
    d.cases.map((c) => `${c.id} ${c.section ?? ''} ${c.requirements.join(',')}`).join('\n'),
    (d.caseIds ?? []).join('\n'),
    d.dependsOn.join('\n'),
  ]);
}
