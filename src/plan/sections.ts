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

// Fences are recognised at any indentation and behind blockquote or list markers: a case
// block nested in a list item is still a case block, and missing one would leak hidden cases.
// Over-matching (an indented code sample that shows a fence) only drops an example from the text.
const OPEN = /^[\s>]*(?:(?:[-*+]|\d{1,9}[.)])\s+)?(`{3,}|~{3,})\s*(.*)$/;
const CLOSE = /^[\s>]*(`{3,}|~{3,})\s*$/;

/**
 * Section text without conformance and example blocks. Case blocks may hold hidden cases,
 * and a plan must never carry those; visible cases are rendered from the model instead.
 */
export function stripCaseBlocks(text: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  let dropping = false;
  for (const line of text.split('\n')) {
    if (fence === undefined) {
      const m = OPEN.exec(line);
      if (m && !(m[1]!.startsWith('`') && (m[2] ?? '').includes('`'))) {
        fence = m[1]!;
        dropping = isCaseInfo(m[2] ?? '');
      }
      if (!dropping) out.push(line);
      continue;
    }
    const close = CLOSE.exec(line)?.[1];
    if (!dropping) out.push(line);
    if (close && close[0] === fence[0] && close.length >= fence.length) {
      fence = undefined;
      dropping = false;
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

function isCaseInfo(info: string): boolean {
  const words = info.trim().split(/\s+/);
  const lang = (words[0] ?? '').toLowerCase();
  if (lang === 'example') return true;
  return (lang === 'yaml' || lang === 'yml') && words[1]?.toLowerCase() === 'conformance';
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
  const body = stripCaseBlocks(s.text);
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
