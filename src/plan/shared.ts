// Shared rule sections for function tasks, and references between function tasks.
//
// Spec authors write rules that bind every function once (conventions, definitions, error
// kinds, a rounding rule) and point at them from a function's prose ("as defined in §1",
// "see *Rounding*"). Those sections belong to no function, so without this a function's task
// would not carry them and authors would have to repeat them per function. A function task
// carries, under "Shared rules":
//   (a) the sections its own prose or its visible cases refer to, and the sections those refer
//       to in turn (one level, so a chain of cross-references cannot pull in the whole spec);
//   (b) general sections: a title from GENERAL_TITLE, or referred to by two or more tasks.
// Only sections no function task owns are shared this way (never the H1, never empty ones);
// a reference into another task's own section makes a dependency on that task instead.
import type { Case, Section, Spec } from '../spec/types.js';
import type { SectionIndex } from './sections.js';
import { ACCEPTANCE_TITLE, sectionProse, subtree } from './sections.js';

/**
 * Titles of sections that state rules for the whole library, matched as whole words
 * (`1. Conventions`, `Error handling`, `Types and values`). Documented in docs/architecture.md.
 */
export const GENERAL_TITLE =
  /\b(conventions?|definitions?|terminology|notation|errors|error handling|types|data model|glossary)\b/i;

export interface SharedPlan {
  /** Per group: the shared sections it carries, document order. */
  shared: Section[][];
  /** Per group: the other groups whose own sections it refers to, ascending. */
  refs: number[][];
}

/**
 * `unowned`: sections no function task owns (groups.ts); `own[i]`: the sections group i alone
 * owns (catalogue sections shared between groups name every function, so they say nothing
 * about one group); `cases[i]`: its visible cases.
 */
export function sharedSections(
  spec: Spec,
  index: SectionIndex,
  unowned: readonly string[],
  own: readonly Section[][],
  cases: readonly Case[][],
): SharedPlan {
  const find = referenceFinder(index);
  const ownerOf = new Map<string, number>();
  own.forEach((list, i) => list.forEach((s) => ownerOf.set(s.slug, i)));
  const free = new Set(unowned);
  // Stripped text once per section: reference scanning and the emptiness test both need it.
  const prose = new Map<string, string>();
  const textOf = (s: Section): string => {
    let t = prose.get(s.slug);
    if (t === undefined) prose.set(s.slug, (t = sectionProse(s)));
    return t;
  };
  const eligible = (s: Section): boolean => free.has(s.slug) && s.depth > 1 && textOf(s) !== '';
  const sectionOfReq = new Map(spec.requirements.map((r) => [r.id, r.section] as const));

  const direct: Set<Section>[] = [];
  const refs: number[][] = [];
  const referrers = new Map<Section, number>();
  own.forEach((list, i) => {
    const found = new Set<Section>();
    const named = new Set<Section>();
    for (const s of list) {
      const r = find(textOf(s));
      for (const t of r.explicit.flatMap(subtree)) found.add(t);
      for (const t of r.named.flatMap(subtree)) named.add(t);
    }
    // A case checking a requirement refers to the requirement's section (not its subtree).
    for (const c of cases[i] ?? []) {
      for (const id of c.requirements) {
        const s = index.bySlug.get(sectionOfReq.get(id) ?? '');
        if (s) found.add(s);
      }
    }
    const mine = new Set<Section>();
    const deps = new Set<number>();
    for (const s of found) {
      const j = ownerOf.get(s.slug);
      if (j !== undefined && j !== i) deps.add(j);
      else if (eligible(s)) mine.add(s);
    }
    // A title alone is weaker evidence (a code span `versions` is more likely a parameter than
    // the *Versions* section): it may bring a shared section, never a dependency.
    for (const s of named) if (eligible(s)) mine.add(s);
    for (const s of mine) referrers.set(s, (referrers.get(s) ?? 0) + 1);
    direct.push(mine);
    refs.push([...deps].sort((a, b) => a - b));
  });

  const general = new Set<Section>();
  for (const s of index.ordered) {
    if (!eligible(s)) continue;
    if ((referrers.get(s) ?? 0) >= 2) general.add(s);
    // A general title brings its sub-sections along (`Conventions` › `Whitespace`).
    else if (GENERAL_TITLE.test(s.title) && !ACCEPTANCE_TITLE.test(s.title)) {
      for (const t of subtree(s)) if (eligible(t)) general.add(t);
    }
  }
  // One more level: what the carried sections themselves refer to, cached per section.
  const further = new Map<Section, Section[]>();
  const next = (s: Section): Section[] => {
    let out = further.get(s);
    if (!out) {
      const r = find(textOf(s));
      further.set(s, (out = [...r.explicit, ...r.named].flatMap(subtree).filter(eligible)));
    }
    return out;
  };
  const shared = direct.map((mine) => {
    const first = new Set([...mine, ...general]);
    const all = new Set(first);
    for (const s of first) for (const t of next(s)) all.add(t);
    return [...all].sort((a, b) => index.order.get(a.slug)! - index.order.get(b.slug)!);
  });
  return { shared, refs };
}

export interface References {
  /** By number (`§3`, `§3.2`, `Section 3`; not `RFC 3986 §2.3`) or by link to `#slug`. */
  explicit: Section[];
  /**
   * By exact title (case and all, leading number aside) as a whole code span, quotation or
   * emphasis: `` `Rounding` ``, "Rounding", *Rounding*.
   */
  named: Section[];
}

/** Finds the sections a text refers to; unresolved references are ignored. */
export function referenceFinder(index: SectionIndex): (text: string) => References {
  const byNumber = new Map<string, Section>();
  const byTitle = new Map<string, Section[]>();
  for (const s of index.ordered) {
    if (s.number !== undefined && !byNumber.has(s.number)) byNumber.set(s.number, s);
    const key = titleKey(s.title);
    if (key.length >= 3) byTitle.set(key, [...(byTitle.get(key) ?? []), s]);
  }
  return (text) => {
    const out = new Set<Section>();
    const named = new Set<Section>();
    for (const m of text.matchAll(NUMBER_REF)) {
      const before = text.slice(Math.max(0, m.index - 24), m.index);
      if (/\bRFC\s*\d+\s*,?\s*$/i.test(before)) continue;
      const s = byNumber.get(m[1]!);
      if (s) out.add(s);
    }
    for (const m of text.matchAll(LINK_REF)) {
      const slug = safeDecode((m[1] ?? m[2])!);
      const s = index.bySlug.get(slug) ?? index.bySlug.get(slug.toLowerCase());
      if (s) out.add(s);
    }
    for (const m of text.matchAll(TITLE_SPAN)) {
      const span = m.slice(1).find((g) => g !== undefined)!;
      for (const s of byTitle.get(titleKey(span)) ?? []) named.add(s);
    }
    return { explicit: [...out], named: [...named] };
  };
}

const NUMBER_REF = /(?:§\s*|\b[Ss]ection\s+)(\d+(?:\.\d+)*)/g;
// Inline links `[text](#slug)` and reference definitions `[text]: #slug`.
const LINK_REF = /\]\(#([^)\s]+)\)|^\s*\[[^\]\n]+\]:\s*#(?=\S)(\S+)/gm;
const TITLE_SPAN =
  /`([^`\n]{3,80})`|"([^"\n]{3,80})"|“([^”\n]{3,80})”|\*\*([^*\n]{3,80})\*\*|\*([^*\n]{3,80})\*|(?<![A-Za-z0-9])_([^_\n]{3,80})_(?![A-Za-z0-9])/g;

/** A title without a leading section number, trailing punctuation or extra spaces. */
function titleKey(title: string): string {
  return title
    .replace(/^§?\s*\d+(?:\.\d+)*\.?\s+/, '')
    .replace(/[\s.:]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
