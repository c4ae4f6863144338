// RFC 2119 requirements: every prose sentence with a capitalised keyword (MUST, SHOULD, MAY…)
// becomes a `Requirement`. Code (fenced and inline) never counts. Sentences are split on
// . ! ? followed by whitespace, except after abbreviations (e.g., i.e., etc.), so decimals and
// "e.g. foo" stay whole.
import type { Nodes, Root } from 'mdast';
import type { Diagnostics } from './diagnostics.js';
import type { LineIndex } from './lines.js';
import type { SectionIndex } from './sections.js';
import { githubSlug } from './slug.js';
import type { Requirement, RequirementLevel } from './types.js';

const KEYWORDS =
  /\b(MUST\s+NOT|MUST|REQUIRED|SHALL\s+NOT|SHALL|SHOULD\s+NOT|SHOULD|NOT\s+RECOMMENDED|RECOMMENDED|MAY|OPTIONAL)\b/g;
/** Whether a block can hold a requirement at all: the same keywords, or a tag (see visitBlock). */
const ANY_KEYWORD = new RegExp(KEYWORDS.source);
const RANK: Record<RequirementLevel, number> = {
  MUST: 3,
  'MUST NOT': 3,
  REQUIRED: 3,
  SHALL: 3,
  'SHALL NOT': 3,
  SHOULD: 2,
  'SHOULD NOT': 2,
  RECOMMENDED: 2,
  'NOT RECOMMENDED': 2,
  MAY: 1,
  OPTIONAL: 1,
};
const TAG = /\[(R-[A-Za-z0-9._:-]+)\]/;
const TAG_WITH_SPACE = /\s*\[R-[A-Za-z0-9._:-]+\]/;
const TAG_ONLY = /^\s*\[R-[A-Za-z0-9._:-]+\]\s*$/;
const LEADING_TAG = /^(\[R-[A-Za-z0-9._:-]+\])\s*/;
const ABBREVIATIONS = new Set([
  'e.g.',
  'i.e.',
  'etc.',
  'vs.',
  'cf.',
  'approx.',
  'al.',
  'dr.',
  'mr.',
  'mrs.',
  'ms.',
  'no.',
  'fig.',
  'eq.',
  'resp.',
]);

/** Flattened text of one prose block, with code masked out and a map back to source offsets. */
interface Flat {
  text: string;
  mask: string;
  /** [index in text, source offset] at each segment start, ascending. */
  anchors: Array<[number, number]>;
}

/**
 * `idBases`: section slug → the stem of its derived ids, when that is not the slug itself
 * (sections whose heading is a signature use the function name: `R-truncate-1`).
 */
export function extractRequirements(
  root: Root,
  sections: SectionIndex,
  file: string,
  lines: LineIndex,
  diags: Diagnostics,
  idBases: ReadonlyMap<string, string> = new Map(),
): Requirement[] {
  const out: Requirement[] = [];
  const perSection = new Map<string, number>();
  const explicit = new Map<string, Requirement>();
  const visitBlock = (block: Nodes): void => {
    const flat: Flat = { text: '', mask: '', anchors: [] };
    flatten(block, flat);
    // Most prose blocks have neither; a keyword or tag in a sentence is one in its block (sentences
    // start and end at whitespace, so `\b` reads the same), so skipping them changes nothing.
    if (!ANY_KEYWORD.test(flat.mask) && !TAG.test(flat.text)) return;
    for (const [start, end] of sentences(flat.text)) {
      const sentence = flat.text.slice(start, end);
      const tag = TAG.exec(sentence)?.[1];
      // An explicit tag makes a requirement even without a keyword ("To compare… [R-x]:").
      const level = strongest(flat.mask.slice(start, end)) ?? (tag ? 'MUST' : undefined);
      if (!level || (!tag && isShouting(sentence))) continue;
      const offset = sourceOffset(flat, start);
      const section = sections.at(offset)?.slug ?? 'preamble';
      const n = (perSection.get(section) ?? 0) + 1;
      perSection.set(section, n);
      const req: Requirement = {
        id: tag ?? `R-${idBases.get(section) ?? section}-${n}`,
        level,
        // The tag goes with the space before it: "is ignored [R-x]." → "is ignored."
        text: sentence.replace(TAG_WITH_SPACE, '').replace(/\s+/g, ' ').trim(),
        section,
        location: { file, start: lines.point(offset) },
      };
      const previous = tag ? explicit.get(tag) : undefined;
      if (previous) {
        diags.error(
          'duplicate-requirement',
          `requirement id \`${tag}\` is already used at line ${previous.location.start.line}`,
          req.location,
        );
        continue;
      }
      if (tag) explicit.set(tag, req);
      out.push(req);
    }
  };
  walk(root, visitBlock);
  return out;
}

/**
 * Derived-id stems for signature sections: the function name (GitHub-slugged), kept unique
 * against every other section's slug and each other (`parse`, `parse-1`).
 */
export function signatureIdBases(
  slugs: readonly string[],
  functions: ReadonlyMap<string, string>,
): Map<string, string> {
  const taken = new Set(slugs.filter((slug) => !functions.has(slug)));
  const bases = new Map<string, string>();
  for (const slug of slugs) {
    const name = functions.get(slug);
    if (name === undefined) continue;
    const stem = githubSlug(name) || slug;
    let base = stem;
    for (let k = 1; taken.has(base); k++) base = `${stem}-${k}`;
    taken.add(base);
    bases.set(slug, base);
  }
  return bases;
}

/** Visits prose blocks (paragraphs, table cells) in document order; skips code, HTML, front matter. */
function walk(node: Nodes, visit: (block: Nodes) => void): void {
  if (node.type === 'paragraph' || node.type === 'tableCell') return visit(node);
  if (node.type === 'heading' || node.type === 'code' || node.type === 'html' || node.type === 'yaml') return;
  if ('children' in node) for (const child of node.children) walk(child as Nodes, visit);
}

function flatten(node: Nodes, flat: Flat): void {
  const offset = node.position?.start.offset;
  if (node.type === 'text') {
    if (offset !== undefined) flat.anchors.push([flat.text.length, offset]);
    flat.text += node.value;
    flat.mask += node.value;
  } else if (node.type === 'inlineCode') {
    if (offset !== undefined) flat.anchors.push([flat.text.length, offset]);
    const code = `\`${node.value}\``;
    flat.text += code;
    flat.mask += ' '.repeat(code.length);
  } else if (node.type === 'break') {
    flat.text += '\n';
    flat.mask += '\n';
  } else if ('children' in node) {
    for (const child of node.children) flatten(child as Nodes, flat);
  }
}

/** [start, end) of each sentence, leading/trailing whitespace excluded. */
export function sentences(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    let end = i + 1;
    while (end < text.length && /["')\]*_]/.test(text[end] ?? '')) end++;
    if (end < text.length && !/\s/.test(text[end] ?? '')) continue;
    if (ch === '.' && isAbbreviation(text, start, i)) continue;
    push(out, text, start, end);
    start = end;
    i = end - 1;
  }
  push(out, text, start, text.length);
  // A "[R-x]" right after the full stop belongs to the sentence before it.
  for (let k = out.length - 1; k > 0; k--) {
    const cur = out[k];
    const prev = out[k - 1];
    const lead = cur && LEADING_TAG.exec(text.slice(cur[0], cur[1]));
    if (!cur || !prev || !lead) continue;
    prev[1] = cur[0] + (lead[1] ?? '').length;
    if (TAG_ONLY.test(text.slice(cur[0], cur[1]))) out.splice(k, 1);
    else cur[0] += lead[0].length;
  }
  return out;
}

function push(out: Array<[number, number]>, text: string, start: number, end: number): void {
  let a = start;
  let b = end;
  while (a < b && /\s/.test(text[a] ?? '')) a++;
  while (b > a && /\s/.test(text[b - 1] ?? '')) b--;
  if (b > a) out.push([a, b]);
}

function isAbbreviation(text: string, sentenceStart: number, dot: number): boolean {
  let s = dot;
  while (s > sentenceStart && !/\s/.test(text[s - 1] ?? '')) s--;
  const token = text
    .slice(s, dot + 1)
    .replace(/^[("'[*_]+/, '')
    .toLowerCase();
  return ABBREVIATIONS.has(token) || (/^[a-z]\.$/.test(token) && token !== 'a.');
}

function strongest(mask: string): RequirementLevel | undefined {
  let best: RequirementLevel | undefined;
  for (const m of mask.matchAll(KEYWORDS)) {
    const level = (m[1] ?? '').replace(/\s+/g, ' ') as RequirementLevel;
    if (!best || RANK[level] > RANK[best]) best = level;
  }
  return best;
}

/** ALL-CAPS prose (licence boilerplate) uses the keywords as ordinary words. */
function isShouting(sentence: string): boolean {
  const letters = sentence.replace(/[^A-Za-z]/g, '');
  if (letters.length < 24) return false;
  return letters.replace(/[^A-Z]/g, '').length / letters.length > 0.7;
}

function sourceOffset(flat: Flat, index: number): number {
  let lo = 0;
  let hi = flat.anchors.length - 1;
  let best: [number, number] = [0, 0];
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const anchor = flat.anchors[mid];
    if (anchor && anchor[0] <= index) {
      best = anchor;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best[1] + (index - best[0]);
}
