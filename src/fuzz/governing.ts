// The parts of a spec that govern a function, for a disagreement's report: the section that
// documents it (with its sub-sections) and the sections its cases sit in, and the requirement
// ids stated in those sections or checked by its cases.
import type { Section, Spec } from '../spec/index.js';
import type { FuzzGroup } from './types.js';

function flatten(sections: Section[]): Section[] {
  return sections.flatMap((s) => [s, ...flatten(s.children)]);
}

export function governing(spec: Spec, name: string): Pick<FuzzGroup, 'sections' | 'requirements'> {
  const all = flatten(spec.sections);
  const fn = spec.functions.find((f) => f.name === name);
  const slugs = new Set<string>();
  const own = fn?.section ? all.find((s) => s.slug === fn.section) : undefined;
  if (own) for (const s of flatten([own])) slugs.add(s.slug);
  const mine = spec.cases.filter((c) => (fn ? c.kind === 'call' && c.fn === name : c.kind === 'command'));
  for (const c of mine) if (c.section) slugs.add(c.section);
  const sections = all
    .filter((s) => slugs.has(s.slug) && s.depth > 1)
    .map((s) => ({ slug: s.slug, title: s.title, ...(s.number ? { number: s.number } : {}) }));
  const requirements = [
    ...new Set([
      ...spec.requirements.filter((r) => slugs.has(r.section)).map((r) => r.id),
      ...mine.flatMap((c) => c.requirements),
    ]),
  ];
  return { sections, requirements };
}
