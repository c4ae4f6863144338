// `ghost diff OLD NEW`: what changed between two versions of a spec, in the units a rebuild
// cares about: sections (by slug, content hash), requirements (by id), cases (by id), functions,
// and plan tasks (by key, task hash). Locations are ignored: moving text is not a change.
import { makePlan } from '../plan/index.js';
import type { Section, Spec } from '../spec/types.js';

export interface Changes {
  added: string[];
  removed: string[];
  changed: string[];
}

export interface SpecDiff {
  old: { name: string; version?: string; hash: string };
  new: { name: string; version?: string; hash: string };
  sections: Changes;
  functions: Changes;
  requirements: Changes;
  cases: Changes;
  /** Keyed by task id without its number (`fn-shout`), so renumbering is not a change. */
  tasks: Changes;
  planHash: { old: string; new: string };
}

function compare(a: Map<string, string>, b: Map<string, string>): Changes {
  const added = [...b.keys()].filter((k) => !a.has(k));
  const removed = [...a.keys()].filter((k) => !b.has(k));
  const changed = [...a.keys()].filter((k) => b.has(k) && a.get(k) !== b.get(k));
  return { added, removed, changed };
}

function flatten(sections: Section[]): Section[] {
  return sections.flatMap((s) => [s, ...flatten(s.children)]);
}

/** JSON with sorted keys (bigint tagged), so key order in the source is not a change. */
function canonicalJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (typeof v === 'bigint') return { $ghost: 'bigint', value: v.toString() };
    if (Array.isArray(v)) return v.map(sort);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(sort(value));
}

const without = (o: object, ...keys: string[]): unknown =>
  Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

function keyed(
  spec: Spec,
  language?: string,
): Record<keyof Omit<SpecDiff, 'old' | 'new' | 'planHash'>, Map<string, string>> & { planHash: string } {
  const plan = makePlan(spec, language ? { language } : {});
  return {
    sections: new Map(flatten(spec.sections).map((s) => [s.slug, s.hash])),
    functions: new Map(spec.functions.map((f) => [f.name, canonicalJson(without(f, 'location', 'origin'))])),
    requirements: new Map(spec.requirements.map((r) => [r.id, `${r.level} ${r.text}`])),
    cases: new Map(spec.cases.map((c) => [c.id, canonicalJson(without(c, 'location'))])),
    tasks: new Map(plan.tasks.map((t) => [t.id.replace(/^\d+-/, ''), t.hash])),
    planHash: plan.hash,
  };
}

const meta = (s: Spec) => ({ name: s.meta.name, ...(s.meta.version ? { version: s.meta.version } : {}), hash: s.hash });

export function diffSpecs(oldSpec: Spec, newSpec: Spec, o: { language?: string } = {}): SpecDiff {
  const a = keyed(oldSpec, o.language);
  const b = keyed(newSpec, o.language);
  return {
    old: meta(oldSpec),
    new: meta(newSpec),
    sections: compare(a.sections, b.sections),
    functions: compare(a.functions, b.functions),
    requirements: compare(a.requirements, b.requirements),
    cases: compare(a.cases, b.cases),
    tasks: compare(a.tasks, b.tasks),
    planHash: { old: a.planHash, new: b.planHash },
  };
}

export const isEmptyDiff = (d: SpecDiff): boolean =>
  (['sections', 'functions', 'requirements', 'cases', 'tasks'] as const).every(
    (k) => d[k].added.length + d[k].removed.length + d[k].changed.length === 0,
  );

export function renderDiffText(d: SpecDiff): string {
  const v = (m: SpecDiff['old']) => `${m.name}${m.version ? ` ${m.version}` : ''}`;
  const out = [`${v(d.old)} → ${v(d.new)}`];
  if (isEmptyDiff(d)) return `${out[0]}: no changes\n`;
  for (const k of ['sections', 'functions', 'requirements', 'cases', 'tasks'] as const) {
    const c = d[k];
    if (c.added.length + c.removed.length + c.changed.length === 0) continue;
    out.push(`${k}:`);
    for (const x of c.added) out.push(`  + ${x}`);
    for (const x of c.removed) out.push(`  - ${x}`);
    for (const x of c.changed) out.push(`  ~ ${x}`);
  }
  const n = d.tasks.added.length + d.tasks.changed.length;
  out.push(`plan ${d.planHash.old} → ${d.planHash.new}: ${n} task(s) to rebuild`);
  return `${out.join('\n')}\n`;
}
