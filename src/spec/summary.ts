// Counts for `ghost check`'s summary line (and its JSON output).
import { untestedRequirements } from './checks.js';
import type { RequirementLevel, Spec } from './types.js';

export interface SpecSummary {
  name: string;
  version?: string;
  functions: number;
  cases: { total: number; visible: number; hidden: number; call: number; command: number };
  requirements: { total: number; byLevel: Partial<Record<RequirementLevel, number>>; untested: number };
  sections: number;
}

export function summarize(spec: Spec): SpecSummary {
  const hidden = spec.cases.filter((c) => c.hidden).length;
  const call = spec.cases.filter((c) => c.kind === 'call').length;
  const byLevel: Partial<Record<RequirementLevel, number>> = {};
  for (const r of spec.requirements) byLevel[r.level] = (byLevel[r.level] ?? 0) + 1;
  let sections = 0;
  const count = (list: Spec['sections']): void => {
    for (const s of list) {
      sections++;
      count(s.children);
    }
  };
  count(spec.sections);
  return {
    name: spec.meta.name,
    ...(spec.meta.version ? { version: spec.meta.version } : {}),
    functions: spec.functions.length,
    cases: {
      total: spec.cases.length,
      visible: spec.cases.length - hidden,
      hidden,
      call,
      command: spec.cases.length - call,
    },
    requirements: { total: spec.requirements.length, byLevel, untested: untestedRequirements(spec).length },
    sections,
  };
}
