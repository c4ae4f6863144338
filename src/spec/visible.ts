// What an implementer may read of a spec: its source with every hidden case cut out, and its
// imported case files likewise. Decided from the parsed model alone (`Spec.spans`, recorded
// by the parser), so whatever the parser counts as a hidden case is what is cut: there is no
// second reading of the Markdown that could disagree with the first.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { UserError } from '../util/errors.js';
import type { CaseFileReader } from './case-files.js';
import { readCaseFileSync } from './read.js';
import type { CaseFileSpan, Spec } from './types.js';
import { yamlLib } from './yaml-lib.js';

export interface VisibleCaseFile {
  /** As the spec lists it. */
  listed: string;
  /** Where the visible copy goes, relative to the spec's folder (POSIX, never leaves it). */
  path: string;
  text: string;
}

export interface VisibleSpec {
  /** The spec's Markdown without hidden cases (case-file references rewritten to `path`). */
  source: string;
  caseFiles: VisibleCaseFile[];
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * The visible form of a spec. `source` must be the text `spec` was parsed from, and the case
 * files must still read as they did: both are checked against `spec.hash`, because spans
 * into a different text would cut the wrong lines.
 */
export function visibleSpec(spec: Spec, source: string, read: CaseFileReader = readCaseFileSync): VisibleSpec {
  const texts = spec.spans.caseFiles.map((f) => read(f.path));
  const hash = createHash('sha256').update(source);
  for (const t of texts) hash.update('\0').update(t ?? '');
  if (hash.digest('hex') !== spec.hash) {
    throw new UserError(
      `${spec.file}: the spec or one of its case files changed while ghost was reading it; run the command again`,
    );
  }
  const caseFiles = spec.spans.caseFiles.map((f, i) => ({
    listed: f.listed,
    path: snapshotPath(f.listed, i),
    text: visibleCaseFile(f, texts[i] ?? ''),
  }));
  const edits: Edit[] = [];
  for (const block of spec.spans.blocks) {
    if (block.hidden) edits.push({ start: block.start, end: block.end, text: '' });
    else for (const item of block.items) if (item.hidden) edits.push({ start: item.start, end: item.end, text: '' });
  }
  const renamed = new Map(caseFiles.filter((f) => f.path !== f.listed).map((f) => [f.listed, f.path]));
  const fm = spec.spans.frontMatter;
  if (fm && renamed.size > 0) edits.push({ ...fm, text: renameTests(source.slice(fm.start, fm.end), renamed) });
  return { source: applyEdits(source, edits), caseFiles };
}

function applyEdits(source: string, edits: Edit[]): string {
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += source.slice(at, Math.max(at, e.start)) + e.text;
    at = Math.max(at, e.end);
  }
  return out + source.slice(at);
}

/**
 * The listed path when it stays inside the spec's folder; otherwise (`../x.yaml`, absolute,
 * backslashes) a fresh one under `_imported/`, so the snapshot holds every case file and
 * nothing is written outside it.
 */
function snapshotPath(listed: string, index: number): string {
  const normal = path.posix.normalize(listed);
  const safe =
    !/[\\\0]/.test(listed) &&
    !path.posix.isAbsolute(normal) &&
    normal !== '..' &&
    !normal.startsWith('../') &&
    normal !== '.';
  if (safe) return normal === listed ? listed : normal;
  const base = path.posix.basename(listed.replace(/\\/g, '/')).replace(/[^A-Za-z0-9._-]/g, '_') || 'cases.yaml';
  return `_imported/${index + 1}-${base}`;
}

/** A case file without its hidden cases; a file of hidden cases only becomes an empty list. */
function visibleCaseFile(span: CaseFileSpan, text: string): string {
  if (span.hidden) return '[]\n';
  if (span.hiddenItems.length === 0) return text;
  const yaml = yamlLib();
  const doc = yaml.parseDocument(text);
  if (doc.errors.length > 0) return '[]\n';
  // Last index first, so earlier paths stay valid.
  const paths = [...span.hiddenItems].sort((a, b) => Number(b[b.length - 1]) - Number(a[a.length - 1]));
  for (const p of paths) doc.deleteIn(p);
  try {
    return doc.toString();
  } catch {
    // A visible case aliasing an anchor in a removed one: write the resolved values instead.
    const value = yamlLib().parseDocument(text).toJS({ maxAliasCount: 1000 }) as unknown;
    for (const p of paths) removeAt(value, p);
    return yaml.stringify(value);
  }
}

function removeAt(root: unknown, p: Array<string | number>): void {
  let node: unknown = root;
  for (const key of p.slice(0, -1)) node = (node as Record<string | number, unknown> | undefined)?.[key];
  const last = p[p.length - 1];
  if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
}

function renameTests(frontMatter: string, renamed: Map<string, string>): string {
  const yaml = yamlLib();
  const doc = yaml.parseDocument(frontMatter);
  const tests = doc.get('tests');
  if (!yaml.isSeq(tests)) return frontMatter;
  tests.items = tests.items.map((item) => {
    const value = yaml.isScalar(item) ? item.value : item;
    return typeof value === 'string' && renamed.has(value) ? doc.createNode(renamed.get(value)) : item;
  });
  return doc.toString().replace(/\n$/, '');
}
