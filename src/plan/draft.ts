// A task before numbering and hashing. Drafts refer to each other by `key` (`fn-parse`), which
// does not move when a task is inserted before them; ids (`03-fn-parse`) are given last.
import type { Case, Requirement, Section, Spec } from '../spec/types.js';
import type { TaskKind } from './types.js';
import { renderCase, renderRequirement } from './render.js';
import { renderSections } from './sections.js';

export interface Draft {
  key: string;
  kind: TaskKind;
  title: string;
  text: string;
  functions: string[];
  sections: Section[];
  requirements: Requirement[];
  /** Visible cases whose content this task carries (and is hashed on). */
  cases: Case[];
  /** Visible case ids the task must make pass; defaults to `cases`' ids. */
  caseIds?: string[];
  dependsOn: string[];
}

/** Requirements of the given sections plus those the given visible cases check, spec order. */
export function requirementsFor(spec: Spec, slugs: ReadonlySet<string>, cases: readonly Case[]): Requirement[] {
  const refs = new Set(cases.flatMap((c) => c.requirements));
  return spec.requirements.filter((r) => slugs.has(r.section) || refs.has(r.id));
}

/**
 * The standard body: spec text, shared rules (sections other tasks carry too, kept apart so
 * the task's own text reads first), requirements, cases; each part only when non-empty.
 */
export function body(
  sections: readonly Section[],
  requirements: readonly Requirement[],
  cases: readonly Case[],
  casesIntro: string,
  shared: readonly Section[] = [],
): string[] {
  const out: string[] = [];
  if (sections.length > 0) {
    out.push('', '## Spec text', '', renderSections(sections));
  }
  if (shared.length > 0) {
    out.push(
      '',
      '## Shared rules',
      '',
      'These sections of the spec bind this task too (other tasks carry them as well):',
      '',
      renderSections(shared),
    );
  }
  if (requirements.length > 0) {
    out.push('', '## Requirements', '', ...requirements.map(renderRequirement));
  }
  if (cases.length > 0) {
    out.push('', '## Conformance cases', '', casesIntro, '', ...cases.map(renderCase));
  }
  return out;
}
