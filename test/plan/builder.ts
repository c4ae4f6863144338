// Hand-built Spec objects for planner tests, independent of the Markdown front end.
import { createHash } from 'node:crypto';
import { parseSpec } from '../../src/spec/index.js';
import type { Case, FunctionDecl, Requirement, RequirementLevel, Section, Spec } from '../../src/spec/types.js';

const loc = (line = 1) => ({ file: 'spec.md', start: { line, column: 1 } });
const h16 = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

export function slugify(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .trim()
    .replace(/ /g, '-');
}

export interface Outline {
  depth: number;
  title: string;
  text?: string;
}

/**
 * A section's text as the spec stage gives it: without its case blocks. The parser itself
 * cuts them, so a hand-built outline may hold case blocks and still look like a parsed spec.
 */
function prose(text: string): string {
  if (!text.includes('``') && !text.includes('~~')) return text;
  const { spec } = parseSpec(`# x\n\n${text}\n`, 'spec.md');
  return spec.sections[0]!.text;
}

/** Sections from a flat outline (document order, depths), with GitHub-style unique slugs. */
export function sections(outline: readonly Outline[]): Section[] {
  const roots: Section[] = [];
  const stack: Section[] = [];
  const used = new Map<string, number>();
  outline.forEach((o, i) => {
    const base = slugify(o.title) || 'section';
    const n = used.get(base) ?? 0;
    used.set(base, n + 1);
    const text = prose(o.text ?? '');
    const number = /^(\d+(?:\.\d+)*)\.?\s/.exec(o.title)?.[1];
    const s: Section = {
      slug: n === 0 ? base : `${base}-${n}`,
      title: o.title,
      depth: o.depth,
      text,
      hash: h16(o.title + '\n' + text),
      ...(number ? { number } : {}),
      location: loc(i + 1),
      children: [],
    };
    while (stack.length > 0 && stack[stack.length - 1]!.depth >= o.depth) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(s);
    else roots.push(s);
    stack.push(s);
  });
  return roots;
}

function walk(list: Section[], out: Section[] = []): Section[] {
  for (const s of list) {
    out.push(s);
    walk(s.children, out);
  }
  return out;
}

const LEVELS: RequirementLevel[] = [
  'MUST NOT',
  'MUST',
  'REQUIRED',
  'SHALL NOT',
  'SHALL',
  'SHOULD NOT',
  'SHOULD',
  'NOT RECOMMENDED',
  'RECOMMENDED',
  'MAY',
  'OPTIONAL',
];

/** RFC 2119 sentences, roughly as the front end finds them. */
export function requirements(roots: Section[]): Requirement[] {
  const out: Requirement[] = [];
  for (const s of walk(roots)) {
    let n = 0;
    for (const sentence of s.text.split(/(?<=[.!?])\s+/)) {
      const level = LEVELS.find((l) => new RegExp(`\\b${l}\\b`).test(sentence));
      if (!level) continue;
      n++;
      const tag = /\[(R-[A-Za-z0-9_.-]+)\]/.exec(sentence)?.[1];
      out.push({ id: tag ?? `R-${s.slug}-${n}`, level, text: sentence.trim(), section: s.slug, location: loc() });
    }
  }
  return out;
}

export function fn(name: string, section: string | undefined, params: string[] = ['text']): FunctionDecl {
  return {
    name,
    params: params.map((p) => ({ name: p, schema: { type: 'string' }, optional: false })),
    returns: { type: 'string' },
    errors: [],
    ...(section ? { section } : {}),
    origin: 'heading',
    location: loc(),
  };
}

export function call(id: string, fnName: string, args: unknown[], expect: unknown, extra: Partial<Case> = {}): Case {
  return {
    kind: 'call',
    id,
    fn: fnName,
    args,
    expect: { kind: 'value', value: expect },
    compare: { mode: 'exact' },
    hidden: false,
    requirements: [],
    location: loc(),
    ...extra,
  } as Case;
}

export function command(id: string, argv: string[], stdout: string, extra: Partial<Case> = {}): Case {
  return {
    kind: 'command',
    id,
    argv,
    stdin: '',
    expect: { exitCode: 0, stdout },
    hidden: false,
    requirements: [],
    location: loc(),
    ...extra,
  } as Case;
}

export interface SpecInit {
  name?: string;
  version?: string;
  command?: string;
  outline: Outline[];
  functions?: FunctionDecl[];
  cases?: Case[];
}

export function buildSpec(init: SpecInit): Spec {
  const roots = sections(init.outline);
  return {
    file: 'spec.md',
    meta: {
      format: 1,
      name: init.name ?? 'demo',
      ...(init.version ? { version: init.version } : {}),
      tests: [],
      frontMatter: true,
      ...(init.command ? { command: init.command } : {}),
    },
    title: init.outline[0]?.title ?? 'demo',
    sections: roots,
    functions: init.functions ?? [],
    cases: init.cases ?? [],
    requirements: requirements(roots),
    hash: h16(JSON.stringify(init)),
    spans: { blocks: [], caseFiles: [] },
  };
}

/** A rough Markdown → outline split (ATX headings outside fences), for prose fixtures. */
export function outlineOf(md: string): Outline[] {
  const out: Outline[] = [];
  let fence: string | undefined;
  let cur: { depth: number; title: string; lines: string[] } | undefined;
  for (const line of md.split('\n')) {
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (f && (fence === undefined || line.trim().startsWith(fence))) fence = fence === undefined ? f : undefined;
    const h = fence === undefined ? /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line) : null;
    if (h && !f) {
      if (cur) out.push({ depth: cur.depth, title: cur.title, text: cur.lines.join('\n').trim() });
      cur = { depth: h[1]!.length, title: h[2]!, lines: [] };
    } else cur?.lines.push(line);
  }
  if (cur) out.push({ depth: cur.depth, title: cur.title, text: cur.lines.join('\n').trim() });
  return out;
}
