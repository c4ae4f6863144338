// Which functions share a task, and which sections each task carries.
//
// Grouping rule (kept simple so it can be explained in one sentence): functions documented by
// the same section share one task when that section documents at most MAX_GROUP of them —
// they are described together, so they are built together. A section documenting more (an
// interface catalogue) gives one task per function, each carrying the catalogue section.
import type { Case, FunctionDecl, Section, Spec } from '../spec/types.js';
import type { SectionIndex } from './sections.js';
import { subtree } from './sections.js';

export const MAX_GROUP = 3;

export interface FunctionGroup {
  functions: FunctionDecl[];
  /** Section slugs carried, document order. */
  sections: string[];
}

export function groupFunctions(spec: Spec): FunctionDecl[][] {
  const bySection = new Map<string, FunctionDecl[]>();
  for (const fn of spec.functions) {
    if (fn.section === undefined) continue;
    const list = bySection.get(fn.section) ?? [];
    list.push(fn);
    bySection.set(fn.section, list);
  }
  const groups: FunctionDecl[][] = [];
  const placed = new Set<string>();
  for (const fn of spec.functions) {
    if (placed.has(fn.name)) continue;
    const mates = fn.section === undefined ? [fn] : (bySection.get(fn.section) ?? [fn]);
    const group = mates.length <= MAX_GROUP ? mates : [fn];
    for (const g of group) placed.add(g.name);
    groups.push(group);
  }
  return groups;
}

/**
 * Assigns sections to groups, in this order of precedence:
 * 1. a function's documenting section goes to its group (a catalogue section to several);
 * 2. descendants of a section owned by exactly one group go to that group, unless they
 *    document a function themselves;
 * 3. a section whose visible cases all call one group's functions goes to that group;
 * 4. a section whose title names functions of exactly one group (as a word) goes to it.
 * Roots (the H1) take part in rule 1 only. Anything left is general: the integration task.
 */
export function assignSections(
  spec: Spec,
  groups: FunctionDecl[][],
  index: SectionIndex,
  visible: readonly Case[],
): { owned: FunctionGroup[]; unowned: string[] } {
  const groupOf = new Map<string, number>();
  groups.forEach((g, i) => g.forEach((fn) => groupOf.set(fn.name, i)));
  const owners = new Map<string, Set<number>>();
  const own = (slug: string, g: number): void => {
    const set = owners.get(slug) ?? new Set<number>();
    set.add(g);
    owners.set(slug, set);
  };
  const documenting = new Set<string>();
  for (const fn of spec.functions) {
    if (fn.section !== undefined && index.bySlug.has(fn.section)) {
      own(fn.section, groupOf.get(fn.name) ?? 0);
      documenting.add(fn.section);
    }
  }
  // Rule 2: walk each singly-owned documenting section's subtree.
  for (const slug of documenting) {
    const set = owners.get(slug);
    const root = index.bySlug.get(slug);
    // A root (the H1) documenting a function does not make the whole spec that function's.
    if (!set || set.size !== 1 || !root || index.parent.get(slug) === undefined) continue;
    const [g] = [...set];
    const claim = (s: Section): void => {
      for (const c of s.children) {
        if (documenting.has(c.slug)) continue;
        if (!owners.has(c.slug)) own(c.slug, g!);
        claim(c);
      }
    };
    claim(root);
  }
  // Rule 3: sections by the functions their visible cases call.
  const callers = new Map<string, Set<number>>();
  for (const c of visible) {
    if (c.kind !== 'call' || c.section === undefined) continue;
    const g = groupOf.get(c.fn);
    if (g === undefined) continue;
    const set = callers.get(c.section) ?? new Set<number>();
    set.add(g);
    callers.set(c.section, set);
  }
  for (const s of index.ordered) {
    if (owners.has(s.slug) || index.parent.get(s.slug) === undefined) continue;
    const set = callers.get(s.slug);
    if (set && set.size === 1) {
      for (const t of subtree(s)) if (!owners.has(t.slug)) own(t.slug, [...set][0]!);
    }
  }
  // Rule 4: titles naming one group's functions.
  for (const s of index.ordered) {
    if (owners.has(s.slug) || index.parent.get(s.slug) === undefined) continue;
    const named = new Set<number>();
    for (const [name, g] of groupOf) if (wordIn(name, s.title)) named.add(g);
    if (named.size === 1) own(s.slug, [...named][0]!);
  }
  const owned: FunctionGroup[] = groups.map((functions) => ({ functions, sections: [] }));
  const unowned: string[] = [];
  for (const s of index.ordered) {
    const set = owners.get(s.slug);
    if (!set) unowned.push(s.slug);
    else for (const g of [...set].sort((a, b) => a - b)) owned[g]!.sections.push(s.slug);
  }
  return { owned, unowned };
}

/** `name` as a whole identifier in `text` (identifier characters on neither side). */
export function wordIn(name: string, text: string): boolean {
  let re = wordCache.get(name);
  if (!re) {
    re = new RegExp(`(?<![A-Za-z0-9_$])${escapeRe(name)}(?![A-Za-z0-9_$])`);
    wordCache.set(name, re);
  }
  return re.test(text);
}

const wordCache = new Map<string, RegExp>();

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
