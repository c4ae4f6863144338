// The section tree, flattened for the planner: document order, parents, subtrees, and the
// top-level units that section-group tasks are made of.
import type { Section, Spec } from '../spec/types.js';

/**
 * Sections about acceptance itself (test matrices, definitions of done, checklists) belong to
 * the integration task, whatever the spec's shape; "Definitions of done" is no shared rule.
 */
export const ACCEPTANCE_TITLE =
  /\b(test(ing)?|validation|verification|conformance|acceptance)\b.*\b(matrix|plan|strategy|criteria|checklist)\b|definition of done|\bchecklist\b/i;

export interface SectionIndex {
  /** Every section, in document order (pre-order walk of the tree). */
  ordered: Section[];
  bySlug: Map<string, Section>;
  parent: Map<string, Section | undefined>;
  /** Position in document order, for stable sorting. */
  order: Map<string, number>;
}

export function indexSections(roots: readonly Section[]): SectionIndex {
  const ordered: Section[] = [];
  const parent = new Map<string, Section | undefined>();
  const walk = (s: Section, p: Section | undefined): void => {
    ordered.push(s);
    parent.set(s.slug, p);
    for (const c of s.children) walk(c, s);
  };
  for (const r of roots) walk(r, undefined);
  const bySlug = new Map(ordered.map((s) => [s.slug, s] as const));
  const order = new Map(ordered.map((s, i) => [s.slug, i] as const));
  return { ordered, bySlug, parent, order };
}

/** The section and all its descendants, in document order. */
export function subtree(s: Section): Section[] {
  const out: Section[] = [s];
  for (const c of s.children) out.push(...subtree(c));
  return out;
}

/**
 * Top-level units: the children of the single H1 when the spec has one (its own prose is the
 * preamble), otherwise the roots themselves.
 */
export function topLevel(spec: Spec): { preamble: Section[]; units: Section[] } {
  const [first, ...rest] = spec.sections;
  if (first && rest.length === 0 && first.depth === 1) {
    return { preamble: [first], units: first.children };
  }
  return { preamble: [], units: spec.sections };
}

/**
 * A section's prose for a task. The spec stage already left case blocks out of `text` (cases
 * may be hidden; visible ones are rendered from the model); only the blank lines they left
 * are closed up here.
 */
export function sectionProse(s: Section): string {
  return s.text.replace(/(\r?\n){3,}/g, '\n\n').trim();
}

/**
 * Sections as Markdown for a task, nested under one of its `##` headings: the shallowest
 * becomes `###` and deeper ones keep their relative depth, so a list that starts at an H3
 * (a function's section) or mixes depths (shared rules) still reads as an outline.
 */
export function renderSections(list: readonly Section[]): string {
  const base = Math.min(...list.map((s) => s.depth));
  return list.map((s) => renderSection(s, 3 + s.depth - base)).join('\n\n');
}

export function renderSection(s: Section, level: number): string {
  const body = sectionProse(s);
  const head = `${'#'.repeat(Math.min(level, 6))} ${sectionTitle(s)}`;
  return body ? `${head}\n\n${body}` : head;
}

/**
 * Title with its number, whether or not the front end kept the number in the title. The
 * front end drops the dot of `## 1. Introduction` with the number, so a one-part number gets
 * it back ("1. Introduction"); a dotted one reads as written ("4.2 Rounding").
 */
export function sectionTitle(s: Section): string {
  if (!s.number || s.title.startsWith(s.number)) return s.title;
  return `${s.number}${s.number.includes('.') ? '' : '.'} ${s.title}`;
}

/** Size of a section's carried prose, for grouping. */
export function sectionSize(s: Section): number {
  return s.title.length + s.text.length;
}
