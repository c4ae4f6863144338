// A task before numbering and hashing. Drafts refer to each other by `key` (`fn-parse`), which
// does not move when a task is inserted before them; ids (`03-fn-parse`) are given last.
import type { Case, Requirement, Section, Spec } from '../spec/types.js';
import type { TaskKind } from './types.js';
import { renderCase, renderRequirement } from './render.js';
import { renderSection } from './sections.js';

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

/** The standard body: spec text, requirements, cases; each part only when non-empty. */
export function body(sections: readonly Section[], requirements: readonly Requirement[], cases: readonly Case[], casesIntro: string): string[] {
  const out: string[] = [];
  if (sections.length > 0) {
    out.push('', '## Spec text', '', sections.map(renderSection).join('\n\n'));
  }
  if (requirements.length > 0) {
    out.push('', '## Requirements', '', ...requirements.map(renderRequirement));
  }
  if (cases.length > 0) {
    out.push('', '## Conformance cases', '', casesIntro, '', ...cases.map(renderCase));
  }
  return out;
}
