// What the fuzzer learns from a spec's prose (never from its cases): the numbers it mentions
// (thresholds, unit sizes, limits), the literals it shows in code spans and quotes, and for each
// function the option keys its section names with the values written beside them. Bugs live
// at the edges the prose draws, so inputs are built from these.
import type { FunctionDecl, Section, Spec } from '../spec/index.js';

export interface Dictionary {
  /** Numbers from the prose (plus 2^n forms), deduplicated. */
  numbers: number[];
  /** Literals from code spans and quotes, whole. */
  literals: string[];
  /** Pieces of those literals: runs of digits, letters, spaces, single punctuation. */
  pieces: string[];
}

export interface FunctionDictionary extends Dictionary {
  /** Option keys named in the function's section, each with the literals written beside it. */
  options: Map<string, unknown[]>;
  /** The type the prose gives a parameter the interface leaves untyped (`x` is an `integer`). */
  paramTypes: Map<string, string>;
}

const ANY_BLOCK = /^(?:`{3,}|~{3,})[^\n]*\n[\s\S]*?^(?:`{3,}|~{3,})[ \t]*$/gm;
const CODE_SPAN = /`([^`\n]+)`/g;
const QUOTED = /["“]([^"”\n]{1,40})["”]/g;
const NUMBER = /(?<![\w.])-?\d{1,3}(?:,\d{3})+(?![\d])|(?<![\w.])-?\d+(?:\.\d+)?(?![\w])/g;
const POWER = /\b(2|10)\s*\^\s*(\d{1,2})/g;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const TYPE_WORDS: Array<[RegExp, string]> = [
  [/\b(?:integer|int)\b/, 'integer'],
  [/\b(?:number|float)\b/, 'number'],
  [/\bstring\b/, 'string'],
  [/\bboolean\b/, 'boolean'],
  [/\b(?:array|list)\b/, 'array'],
  [/\b(?:object|options|mapping|dict)\b/, 'object'],
];

/**
 * Section prose: what an implementer reads. Its case blocks are already gone: the spec stage
 * cuts them (Section.text), the one place that decides what is a case block.
 */
export function proseOf(section: Section): string {
  return section.text;
}

function flatten(sections: Section[]): Section[] {
  return sections.flatMap((s) => [s, ...flatten(s.children)]);
}

export function findSection(spec: Spec, slug: string | undefined): Section | undefined {
  return slug === undefined ? undefined : flatten(spec.sections).find((s) => s.slug === slug);
}

/** The function's documenting section and everything below it. */
export function functionProse(spec: Spec, fn: FunctionDecl): string {
  const own = findSection(spec, fn.section);
  return own ? flatten([own]).map(proseOf).join('\n\n') : '';
}

function unique<T>(xs: Iterable<T>): T[] {
  return [...new Set(xs)];
}

/** A code span's text as a value: JSON when it parses (`true`, `2`, `"short"`), else the text. */
export function literalValue(text: string): unknown {
  const t = text.trim();
  if (!/^(?:-?\d+(?:\.\d+)?|true|false|null|"[^"]*")$/.test(t)) return t;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return t; // `007`, `"\q"`: not JSON, keep the text
  }
}

export function splitPieces(text: string): string[] {
  return text.match(/\d+|[A-Za-z]+|\s+|[^\sA-Za-z\d]/gu) ?? [];
}

/** The pieces that are words (two letters or more): what plain text is made of. */
export function wordsOf(dict: Dictionary): string[] {
  return dict.pieces.filter((p) => /^\p{L}{2,}$/u.test(p));
}

export function readDictionary(text: string): Dictionary {
  const numbers = new Set<number>();
  for (const m of text.matchAll(POWER)) numbers.add(Number(m[1]) ** Number(m[2]));
  for (const m of text.replace(ANY_BLOCK, (b) => b.replace(/^\s*\d+\.\s/gm, '')).matchAll(NUMBER)) {
    const n = Number(m[0].replace(/,/g, ''));
    if (Number.isFinite(n)) numbers.add(n);
  }
  const literals = new Set<string>();
  for (const m of text.matchAll(CODE_SPAN)) {
    const span = m[1]!;
    // `f(x) → y` and formulas are not inputs; their quoted parts may be
    if (/[→]|->/.test(span) || /^[A-Za-z_]\w*\(/.test(span)) {
      for (const q of span.matchAll(/"([^"]*)"/g)) literals.add(q[1]!);
      continue;
    }
    const v = literalValue(span);
    literals.add(typeof v === 'string' ? v : String(v));
  }
  for (const m of text.matchAll(QUOTED)) literals.add(m[1]!);
  // a literal that relates several values (`1.0.0-alpha < 1.0.0-alpha.1`, `>=1.0.0 <2.0.0`):
  // its whitespace-separated tokens with digits are values of their own
  for (const lit of [...literals])
    for (const token of lit.split(/\s+/)) if (token !== lit && /\d/.test(token)) literals.add(token);
  const pieces = unique([...literals].flatMap(splitPieces));
  return { numbers: [...numbers], literals: [...literals], pieces };
}

/** Keys named `options.key`, or as the first code span of a list item or table row. */
function optionKeys(prose: string, exclude: Set<string>): Map<string, unknown[]> {
  const keys = new Map<string, unknown[]>();
  const add = (key: string, line: string) => {
    if (exclude.has(key) || !IDENT.test(key)) return;
    const values = keys.get(key) ?? [];
    for (const m of line.matchAll(CODE_SPAN)) {
      const span = m[1]!.replace(/^options\./, '');
      if (span === key || /[→(]|->/.test(span) || /^\{?\s*[A-Za-z_]\w*\s*[:=]/.test(span) || /^[A-Za-z]$/.test(span))
        continue;
      values.push(literalValue(span));
    }
    keys.set(key, values);
  };
  for (const line of prose.split('\n')) {
    // `max_units: 2`, `{style: "long"}`: a key shown with a value
    for (const m of line.matchAll(/`\{?\s*([A-Za-z_]\w*)\s*:\s*([^`{}]+?)\s*\}?`/g)) {
      const value = literalValue(m[2]!);
      // `max_units: k` names a placeholder, not a value
      if (typeof value === 'string' && /^[A-Za-z]$/.test(value)) continue;
      if (keys.has(m[1]!) || /\boptions?\b/.test(prose)) keys.set(m[1]!, [...(keys.get(m[1]!) ?? []), value]);
    }
    // the values are the spans after the key, up to the next key mention
    const mentions = [...line.matchAll(/`options\.([A-Za-z_]\w*)`|\boptions\.([A-Za-z_]\w*)/g)];
    mentions.forEach((m, i) =>
      add(m[1] ?? m[2]!, line.slice(m.index + m[0].length, mentions[i + 1]?.index ?? line.length)),
    );
    const item = /^\s*(?:[-*+]|\d+\.|\|)\s*`([A-Za-z_]\w*)`/.exec(line);
    if (item) add(item[1]!, line.slice(item[0].length));
  }
  return keys;
}

/** "`bytes` is a non-negative `integer`": the type word in the sentence that introduces a parameter. */
function proseParamTypes(prose: string, fn: FunctionDecl): Map<string, string> {
  const types = new Map<string, string>();
  for (const p of fn.params) {
    const re = new RegExp(`\`${p.name}\`\\s+(?:is|MUST be|must be)\\b([^.\\n]*)`);
    const m = re.exec(prose);
    if (!m) continue;
    // the first type word after the name ("`word` is a `string` and `count` an `integer`")
    let best: { at: number; type: string } | undefined;
    for (const [word, type] of TYPE_WORDS) {
      const at = m[1]!.search(word);
      if (at >= 0 && (!best || at < best.at)) best = { at, type };
    }
    if (best) types.set(p.name, best.type);
  }
  return types;
}

export function functionDictionary(spec: Spec, fn: FunctionDecl, whole: Dictionary): FunctionDictionary {
  const prose = functionProse(spec, fn);
  const own = readDictionary(prose);
  const exclude = new Set([...fn.params.map((p) => p.name), ...spec.functions.map((f) => f.name)]);
  return {
    // the function's own prose first: constant pickers favour early entries when shrinking
    numbers: unique([...own.numbers, ...whole.numbers]),
    literals: unique([...own.literals, ...whole.literals]),
    pieces: unique([...own.pieces, ...whole.pieces]),
    options: optionKeys(prose, exclude),
    paramTypes: proseParamTypes(prose, fn),
  };
}

/**
 * Error kinds the prose names (`raises \`InvalidDuration\``, "the error kind \`InvalidRange\`",
 * an error table's \`FooError\`): when a spec names kinds, kinds are part of its contract.
 */
export function proseErrorKinds(spec: Spec): string[] {
  const text = flatten(spec.sections).map(proseOf).join('\n');
  const kinds = new Set<string>();
  for (const m of text.matchAll(
    /\b(?:rais\w*|throws?|fails? with|error kinds?|signals?)\s+(?:an?\s+|the\s+)?`([A-Z][A-Za-z0-9]+)`/g,
  ))
    kinds.add(m[1]!);
  for (const m of text.matchAll(
    /`((?:Invalid|Malformed|Unknown|OutOf)[A-Za-z0-9]*|[A-Z][A-Za-z0-9]*(?:Error|Exception))`/g,
  ))
    kinds.add(m[1]!);
  return [...kinds];
}

/** The whole spec's prose (every section, case blocks removed). */
export function specDictionary(spec: Spec): Dictionary {
  return readDictionary(flatten(spec.sections).map(proseOf).join('\n\n'));
}
